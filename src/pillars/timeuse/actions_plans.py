"""Writes of the plans: a person's or team's proactive target, the daily note."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from pillars.domain.targets import Target
from pillars.teams.models import Person, Team
from pillars.timeuse.models import DailyNote
from pillars.timeuse.models import Target as TargetRow


@transaction.atomic
def set_target(
    *, target: Target | None, person: Person | None = None, team: Team | None = None
) -> TargetRow | None:
    """The one target of a person (or, without a person, of a team); None clears it, and the
    person then follows their team's target."""
    if (person is None) == (team is None):
        raise ValueError("set a target for a person or for a team")
    rows = (
        TargetRow.objects.filter(person=person)
        if person
        else TargetRow.objects.filter(person=None, team=team)
    )
    rows.select_for_update().delete()
    if target is None:
        return None
    share = Decimal(f"{target.value:.3f}") if target.kind == "share" else None
    hours = Decimal(f"{target.value:.2f}") if target.kind == "hours" else None
    return TargetRow.objects.create(person=person, team=team, share=share, hours_per_week=hours)


@transaction.atomic
def save_daily_note(
    *, person: Person, day: date, decided: bool, proactive_hours: Decimal, text: str
) -> DailyNote:
    """The person's note of `day`: created, or the day's note updated (one per day)."""
    note, _ = DailyNote.objects.update_or_create(
        person=person,
        date=day,
        defaults={"decided_my_day": decided, "proactive_hours": proactive_hours, "text": text},
    )
    return note
