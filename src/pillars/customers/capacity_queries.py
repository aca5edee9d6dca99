"""The capacity check fed by the data: measured proactive hours (the time pillar's stored
report), hours on maintain accounts, the person's funnel and average deal.

The CLI (`pillars plan capacity --person`) and the capacity pages both go through measure()
and plan_for(), so they compute with the same numbers: the same weeks, the exact rates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from pillars.customers.models import ActivityLink
from pillars.customers.queries import average_deal_and_source, person_funnel, segments_of
from pillars.domain.capacity import (
    MEASURE_WEEKS,
    Capacity,
    Funnel,
    MeasuredWeeks,
    PlanInputs,
    check_capacity,
    lookback_weeks,
    measured_proactive,
)
from pillars.domain.customers_records import Segment
from pillars.domain.segments import FunnelView, funnel_period
from pillars.domain.timeuse import WeekReport
from pillars.teams.models import Person, Role
from pillars.timeuse.queries import DateRange, default_range, team_report

ZERO = Decimal(0)


@dataclass(frozen=True)
class Measured:
    """What the data says of one person."""

    person: Person
    weeks: MeasuredWeeks  # proactive hours a week over the last weeks with data
    maintain_hours: Decimal  # a week on maintain accounts, over the same weeks
    funnel: FunnelView  # their own deals and calls in the funnel period
    period: DateRange  # the funnel's


@dataclass(frozen=True)
class PersonCapacity:
    person: Person
    measured: Measured
    proactive_hours: Decimal  # a week: measured, or as given on the command line
    capacity: Capacity
    deal_size_source: str = "as given"

    @property
    def maintain_hours(self) -> Decimal:
        return self.measured.maintain_hours

    @property
    def funnel(self) -> FunnelView:
        return self.measured.funnel


def today_for(person: Person) -> date:
    """Today in the person's own zone: their weeks are cut there."""
    return timezone.now().astimezone(ZoneInfo(person.timezone)).date()


def sellers(people: Iterable[Person]) -> list[Person]:
    """Who carries a funnel of their own in the team's capacity: the reps."""
    return [p for p in people if p.role == Role.REP]


def measure(
    people: Sequence[Person], today: date, measure_weeks: int = MEASURE_WEEKS
) -> tuple[DateRange, list[Measured]]:
    """The window looked at (whole weeks up to the last one) and each person's measures."""
    window = default_range(people, today, lookback_weeks(measure_weeks))
    period = funnel_period(today)
    out = []
    for time in team_report(people, window, entries=False):
        weeks = measured_proactive(time.report.weeks, measure_weeks)
        maintain = maintain_per_week(time.person, weeks.weeks, today)
        funnel = person_funnel([time.person], period)
        out.append(Measured(time.person, weeks, maintain, funnel, period))
    return window, out


def plan_for(
    measured: Measured,
    inputs: PlanInputs,
    today: date,
    proactive_hours: Decimal | None = None,
) -> PersonCapacity:
    """One person's capacity check: the inputs, the measures where the inputs say nothing."""
    hours = measured.weeks.proactive_hours if proactive_hours is None else proactive_hours
    deal_size, source = inputs.deal_size, "as given"
    if not deal_size:
        deal_size, source = average_deal_and_source(measured.person, today)
    capacity = check_capacity(
        new_revenue=inputs.new_revenue,
        deal_size=deal_size,
        funnel=Funnel(inputs.conversion or measured.funnel.conversion, inputs.hours),
        proactive_hours_per_week=hours,
        weeks=inputs.weeks,
        maintain_hours_per_week=measured.maintain_hours,
    )
    return PersonCapacity(measured.person, measured, hours, capacity, source)


def capacities(
    people: Sequence[Person], inputs: PlanInputs, today: date, measure_weeks: int = MEASURE_WEEKS
) -> tuple[DateRange, list[PersonCapacity]]:
    """The window looked at and the capacity check of each person."""
    window, measures = measure(people, today, measure_weeks)
    return window, [plan_for(m, inputs, today) for m in measures]


def maintain_per_week(person: Person, weeks: Sequence[WeekReport], today: date) -> Decimal:
    """Hours a week the person's activities went to maintain accounts in these weeks."""
    if not weeks:
        return ZERO
    links = ActivityLink.objects.filter(
        activity__person=person,
        activity__all_day=False,
        activity__start__gte=weeks[0].start,
        activity__start__lt=weeks[-1].end,
    ).select_related("account", "activity")
    links = [link for link in links if any(w.start <= link.activity.start < w.end for w in weeks)]
    segments = segments_of({link.account for link in links}, today)
    hours = sum(
        (
            Decimal((link.activity.end - link.activity.start).total_seconds()) / 3600
            for link in links
            if segments.get(link.account_id) == Segment.MAINTAIN
        ),
        start=ZERO,
    )
    return hours / len(weeks)


@dataclass(frozen=True)
class TeamTotal:
    needed: Decimal
    measured: Decimal
    coverage: Decimal | None
    gap: Decimal


def team_total(rows: Sequence[PersonCapacity]) -> TeamTotal:
    """Needed and measured proactive hours of the rows together (the sellers' rows)."""
    needed = sum((r.capacity.hours_per_week for r in rows), start=ZERO)
    measured = sum((r.proactive_hours for r in rows), start=ZERO)
    coverage = measured / needed if needed > 0 else None
    return TeamTotal(needed, measured, coverage, max(needed - measured, ZERO))
