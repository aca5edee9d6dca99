"""Which rows of a CRM export belong to the person a report is for (DOMAIN §1, Attribution)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pillars.domain.records import Activity

NO_OWNER = "(no owner)"


@dataclass(frozen=True)
class OwnerSplit:
    """The person's rows, how many rows belong to others, and owners no one could be matched to."""

    mine: tuple[Activity, ...]
    others_count: int
    unmatched_owners: tuple[str, ...]


def owner_key(owner: str) -> str:
    """Owners compare case-insensitively with whitespace collapsed."""
    return " ".join(owner.split()).casefold()


@dataclass(frozen=True)
class OwnerMatcher:
    """Who an owner column value names: a person's e-mail key, or None when no one is known."""

    person: str
    known: Mapping[str, str]

    @classmethod
    def for_person(
        cls, person_email: str, aliases: Mapping[str, str] | None = None
    ) -> OwnerMatcher:
        known = {owner_key(alias): owner_key(email) for alias, email in (aliases or {}).items()}
        return cls(owner_key(person_email), known)

    def who(self, owner: str) -> str | None:
        """An owner written as an e-mail identifies someone by itself; a name or id needs an alias."""
        key = owner_key(owner)
        return self.known.get(key, key if "@" in key else None)

    def is_person(self, owner: str) -> bool:
        return self.who(owner) == self.person


def split_by_owner(
    activities: Iterable[Activity], person_email: str, aliases: Mapping[str, str] | None = None
) -> OwnerSplit:
    """Keep the person's rows of one file.

    A file whose owner column holds one distinct owner (or none) belongs wholly to the person.
    With several owners each row is matched by e-mail, or by a name or CRM user id through
    `aliases` (alias -> person e-mail). An owner written as an e-mail identifies someone by
    itself; a name or id that no alias maps is reported as unmatched (it might be the person).
    """
    rows = list(activities)
    owners = {owner_key(a.owner) for a in rows if a.owner.strip()}
    if len(owners) <= 1:
        return OwnerSplit(tuple(rows), 0, ())
    matcher = OwnerMatcher.for_person(person_email, aliases)
    mine: list[Activity] = []
    unmatched: dict[str, str] = {}
    for row in rows:
        who = matcher.who(row.owner)
        if who == matcher.person:
            mine.append(row)
        elif who is None:
            unmatched.setdefault(owner_key(row.owner), row.owner.strip() or NO_OWNER)
    return OwnerSplit(tuple(mine), len(rows) - len(mine), tuple(sorted(unmatched.values())))
