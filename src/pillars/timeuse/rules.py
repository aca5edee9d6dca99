"""The organisation's settings as the pure domain needs them: rules, context, owner aliases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pillars.domain.attribution import NO_OWNER, OwnerMatcher, owner_key
from pillars.domain.classify import (
    ClassifyContext,
    memoized_classifier,
    rule_from_mapping,
    rules_with_defaults,
)
from pillars.domain.classify import Rule as DomainRule
from pillars.domain.records import Activity as ActivityRecord
from pillars.domain.records import Classified
from pillars.teams.models import Person, PersonAlias
from pillars.timeuse.models import Rule


def person_identities(person: Person) -> set[str]:
    """Every way an owner column may name the person: e-mail, name and recorded aliases."""
    names = {person.email, person.name, *person.aliases.values_list("alias", flat=True)}
    return {name.strip().lower() for name in names if name and name.strip()}


def organization_aliases(organization_id: int) -> dict[str, str]:
    """alias -> e-mail for everyone in the organisation: their names and recorded aliases."""
    aliases = dict(
        Person.objects.filter(organization_id=organization_id).values_list("name", "email")
    )
    aliases.update(
        PersonAlias.objects.filter(person__organization_id=organization_id).values_list(
            "alias", "person__email"
        )
    )
    return aliases


class OwnerFilter:
    """The person's rows of one file, chunk by chunk, by DOMAIN §1's attribution rule.

    A file whose owner column names one owner (or none) belongs wholly to the person; with
    several, each row goes to whoever its owner names through everyone's e-mails, names and
    aliases in the organisation, and owners that name no one are reported.
    """

    def __init__(self, person: Person, owners: set[str]) -> None:
        self.single_owner = len(owners) <= 1
        self.matcher = OwnerMatcher.for_person(
            person.email, organization_aliases(person.organization_id)
        )
        self.others = 0
        self.unmatched: dict[str, str] = {}

    def mine(self, items: list[Classified]) -> list[Classified]:
        if self.single_owner:
            return items
        kept = []
        for item in items:
            owner = item.activity.owner
            who = self.matcher.who(owner)
            if who == self.matcher.person:
                kept.append(item)
                continue
            self.others += 1
            if who is None:
                self.unmatched.setdefault(owner_key(owner), owner.strip() or NO_OWNER)
        return kept

    def problems(self) -> list[dict[str, Any]]:
        return [
            {
                "file": "",
                "line": None,
                "column": "owner",
                "message": f"owner {owner!r} matches no one in the organisation: "
                "add it as a CRM name of the right person (People, or `pillars user alias "
                "EMAIL NAME`) and import again",
                "record_id": "",
                "level": "warning",
            }
            for owner in sorted(self.unmatched.values())
        ]


def organization_rules(organization_id: int) -> list[DomainRule]:
    """The organisation's active rules, in order, as domain rules (they run before defaults)."""
    rows = Rule.objects.filter(organization_id=organization_id, active=True)
    return [
        rule_from_mapping(
            {**row.conditions, "name": row.name, "category": row.category},
            source="organisation rules",
            index=index,
        )
        for index, row in enumerate(rows, start=1)
    ]


def classify_context(person: Person) -> ClassifyContext:
    """Whose entries these are, and which e-mail domains are colleagues."""
    return ClassifyContext(
        owner_email=person.email,
        internal_domains=frozenset(person.organization.domain_list()),
        owner_aliases=frozenset(person_identities(person) - {person.email.lower()}),
    )


def classifier_for(person: Person) -> Callable[[ActivityRecord], Classified]:
    """classify() bound to the person's context and their organisation's rules + defaults."""
    rules = rules_with_defaults(organization_rules(person.organization_id))
    return memoized_classifier(rules, classify_context(person))
