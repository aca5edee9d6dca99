"""Writes of the organisation's rules: save, move, switch on or off, and re-classify.

Every change re-classifies the organisation's stored entries in the same transaction, so the
category and "why" shown on every page follow the rules at once. A person's own override
is kept: only the rule's category and name are rewritten.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from pillars.domain.classify import Rule as DomainRule
from pillars.domain.classify import classify, rule_to_mapping
from pillars.teams.models import Organization, Person
from pillars.timeuse.convert import to_record
from pillars.timeuse.models import Activity, Rule
from pillars.timeuse.queries_rules import Slot, active_rules, rule_of_row
from pillars.timeuse.rules import classify_context
from pillars.timeuse.week_cache import touch_people

BATCH = 500


def conditions_of(rule: DomainRule) -> dict[str, object]:
    """The stored conditions of a rule: its mapping without the name and category."""
    data = rule_to_mapping(rule)
    return {key: value for key, value in data.items() if key not in {"name", "category"}}


@transaction.atomic
def apply_rules(*, organization: Organization, slots: Sequence[Slot]) -> list[Rule]:
    """Store the organisation's rules as `slots` say (order, content, on/off), then
    re-classify its entries. A slot with pk NEW (0) is created; rows not in `slots` are kept
    as they are (a change never deletes)."""
    rows = {
        row.pk: row for row in Rule.objects.select_for_update().filter(organization=organization)
    }
    saved = []
    for position, slot in enumerate(slots, start=1):
        row = rows.get(slot.pk) or Rule(organization=organization)
        row.position = position
        row.name = slot.rule.name
        row.category = slot.rule.category.value
        row.conditions = conditions_of(slot.rule)
        row.active = slot.active
        row.save()
        saved.append(row)
    reclassify_organization(organization=organization)
    return saved


@transaction.atomic
def reclassify_organization(*, organization: Organization) -> int:
    """Classify every stored entry of the organisation again with its rules; returns how many
    changed category or rule. Overrides stay."""
    rows = Rule.objects.filter(organization=organization, active=True).order_by("position", "pk")
    rules = active_rules([Slot(row.pk, rule_of_row(row, i)) for i, row in enumerate(rows, 1)])
    changed = 0
    for person in Person.objects.filter(organization=organization).select_related("organization"):
        context = classify_context(person)
        # A recurring meeting repeats the same fields: classify each distinct one once.
        known: dict[tuple[object, ...], tuple[str, str]] = {}
        pending: list[Activity] = []
        for row in Activity.objects.filter(person=person).iterator(chunk_size=2000):
            key = _classified_fields(row)
            if key not in known:
                result = classify(to_record(row), rules, context)
                known[key] = (result.category.value, result.rule[:200])
            if (row.category, row.rule) != known[key]:
                row.category, row.rule = known[key]
                pending.append(row)
        Activity.objects.bulk_update(pending, ["category", "rule"], batch_size=BATCH)
        if pending:
            touch_people([person.pk])
        changed += len(pending)
    return changed


def _classified_fields(row: Activity) -> tuple[object, ...]:
    """Everything a rule looks at (domain.classify.rule_matches), nothing else."""
    return (
        row.summary,
        tuple(row.tags),
        row.kind,
        row.crm_type,
        row.direction,
        row.organizer,
        tuple(row.attendees),
        bool(row.account.strip()),
    )
