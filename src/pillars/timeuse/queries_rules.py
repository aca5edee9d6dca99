"""The organisation's rules as an ordered list of slots, a change to them, and its preview.

A change (save one rule, move it, switch it on or off) is applied to the list of slots in
memory first: the preview classifies the stored entries with the rules before and after it,
and saving applies the same change to the rows (actions_rules).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.db.models import QuerySet

from pillars.domain.classify import ClassifyContext, rule_from_mapping, rules_with_defaults
from pillars.domain.classify import Rule as DomainRule
from pillars.domain.reclassify import Preview, preview_change
from pillars.domain.records import Activity as ActivityRecord
from pillars.teams.models import Organization, Person
from pillars.timeuse.convert import to_record
from pillars.timeuse.models import Activity, Rule
from pillars.timeuse.rules import classify_context

PREVIEW_WEEKS = 12
NEW = 0  # the pk of a rule not saved yet


@dataclass(frozen=True)
class Slot:
    """One organisation rule in order: its row id (NEW before saving), the rule, on or off."""

    pk: int
    rule: DomainRule
    active: bool = True


@dataclass(frozen=True)
class RulesPreview:
    preview: Preview
    overridden: int  # entries left as they are: a person set their category by hand
    weeks: int


def rule_of_row(row: Rule, index: int = 1) -> DomainRule:
    """The domain rule a stored row holds (its conditions checked again)."""
    data = {**row.conditions, "name": row.name, "category": row.category}
    return rule_from_mapping(data, source="organisation rules", index=index)


def organization_slots(organization: Organization) -> list[Slot]:
    """Every rule of the organisation, active or not, in order."""
    rows = Rule.objects.filter(organization=organization).order_by("position", "pk")
    return [Slot(row.pk, rule_of_row(row, i), row.active) for i, row in enumerate(rows, 1)]


def active_rules(slots: Sequence[Slot]) -> tuple[DomainRule, ...]:
    """The rules that classify: the active slots, then the shipped defaults."""
    return rules_with_defaults(slot.rule for slot in slots if slot.active)


def with_saved(slots: Sequence[Slot], pk: int, rule: DomainRule, active: bool) -> list[Slot]:
    """The slots with rule `pk` replaced (a NEW rule goes last)."""
    if pk == NEW:
        return [*slots, Slot(NEW, rule, active)]
    return [Slot(pk, rule, active) if slot.pk == pk else slot for slot in slots]


def with_moved(slots: Sequence[Slot], pk: int, offset: int) -> list[Slot]:
    """The slots with rule `pk` moved `offset` places (-1 up, +1 down), kept inside the list."""
    order = list(slots)
    index = next(i for i, slot in enumerate(order) if slot.pk == pk)
    target = min(max(index + offset, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    return order


def with_active(slots: Sequence[Slot], pk: int, active: bool) -> list[Slot]:
    return [replace(slot, active=active) if slot.pk == pk else slot for slot in slots]


def preview_rules_change(
    people: QuerySet[Person],
    before: Sequence[Slot],
    after: Sequence[Slot],
    *,
    now: datetime,
    weeks: int = PREVIEW_WEEKS,
) -> RulesPreview:
    """How many entries of `people` (those the viewer may see: a manager's team, a director's
    organisation) of the last `weeks` weeks the change moves. Counting everyone's would let a
    manager probe how often a word appears in other teams' subjects."""
    since = now - timedelta(weeks=weeks)
    rows = Activity.objects.filter(person__in=people, end__gt=since, start__lt=now)
    overridden = rows.exclude(override_category="").count()
    entries = _entries(rows.filter(override_category="").order_by("person_id", "start"))
    preview = preview_change(entries, active_rules(before), active_rules(after))
    return RulesPreview(preview, overridden, weeks)


def _entries(rows: QuerySet[Activity]) -> Iterator[tuple[ActivityRecord, ClassifyContext]]:
    contexts: dict[int, ClassifyContext] = {}
    for row in rows.select_related("person__organization").iterator(chunk_size=2000):
        if row.person_id not in contexts:
            contexts[row.person_id] = classify_context(row.person)
        yield to_record(row), contexts[row.person_id]
