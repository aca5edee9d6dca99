"""Reads of the customer pillar: segments, revenue and time per account, the funnel, and the
capacity check fed by the time pillar's stored report.

The rules are the domain's (segments.py, capacity.py); these functions only gather rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pillars.customers.models import Account, ActivityLink, Deal
from pillars.domain.capacity import Capacity, Funnel, check_capacity
from pillars.domain.customers_records import DealRecord, FunnelStage, Segment
from pillars.domain.records import Category
from pillars.domain.segments import (
    FunnelView,
    funnel_view,
    in_currency,
    main_currency,
    segment_for,
)
from pillars.teams.models import Person
from pillars.timeuse.models import Activity
from pillars.timeuse.queries import DateRange, PersonTime, team_report

ZERO = Decimal(0)
YEAR = timedelta(days=365)
MEASURE_WEEKS = 4
DEFAULT_DEAL_SIZE = Decimal(50000)


def deal_record(row: Deal) -> DealRecord:
    """A stored deal as the domain reads it."""
    return DealRecord(
        source=row.source,
        source_id=row.source_id,
        name=row.name,
        account_id=str(row.account_id or row.account_ref),
        account_name=row.account_name,
        owner=row.owner_ref,
        stage=row.stage,
        funnel_stage=FunnelStage(row.funnel_stage) if row.funnel_stage else None,
        amount=row.amount,
        currency=row.currency,
        created=row.created,
        close_date=row.close_date,
        closed=row.closed,
        won=row.won,
        deal_type=row.deal_type,
        line=row.line,
    )


def account_segment(account: Account, deals: Sequence[DealRecord], today: date) -> Segment:
    override = Segment(account.segment_override) if account.segment_override else None
    return segment_for(
        deals, today=today, fully_penetrated=account.fully_penetrated, override=override
    )


@dataclass(frozen=True)
class AccountRow:
    account: Account
    segment: Segment
    revenue: Decimal  # won in the last year, in `currency`
    currency: str
    other_currency_deals: int
    open_deals: int
    hours: Decimal  # linked activities in the last year


def segments_of(accounts: Iterable[Account], today: date) -> dict[int, Segment]:
    """Account id -> segment, from one query of their deals."""
    accounts = list(accounts)
    deals: dict[int, list[DealRecord]] = defaultdict(list)
    for row in Deal.objects.filter(account__in=accounts):
        deals[row.account_id or 0].append(deal_record(row))
    return {a.pk: account_segment(a, deals[a.pk], today) for a in accounts}


def account_rows(accounts: Iterable[Account], today: date) -> list[AccountRow]:
    """Each account's segment, last year's won revenue, open deals and hours spent."""
    accounts = list(accounts)
    deals: dict[int, list[DealRecord]] = defaultdict(list)
    for row in Deal.objects.filter(account__in=accounts):
        deals[row.account_id or 0].append(deal_record(row))
    currency = main_currency(d for ds in deals.values() for d in ds)
    hours = linked_hours(accounts, today - YEAR, today + timedelta(days=1))
    rows = []
    for account in accounts:
        mine = deals[account.pk]
        kept, others = in_currency(mine, currency)
        revenue = sum(
            (d.amount or ZERO for d in kept if d.won and _within_year(d, today)), start=ZERO
        )
        rows.append(
            AccountRow(
                account=account,
                segment=account_segment(account, mine, today),
                revenue=revenue,
                currency=currency,
                other_currency_deals=others,
                open_deals=sum(1 for d in mine if d.open),
                hours=hours.get(account.pk, ZERO),
            )
        )
    return rows


def _within_year(deal: DealRecord, today: date) -> bool:
    return deal.close_date is not None and today - YEAR <= deal.close_date <= today


def linked_hours(accounts: Iterable[Account], first: date, end: date) -> dict[int, Decimal]:
    """Hours of linked, timed, not cancelled activities per account in [first, end)."""
    out: dict[int, Decimal] = defaultdict(Decimal)
    links = ActivityLink.objects.filter(
        account__in=list(accounts),
        activity__all_day=False,
        activity__start__date__gte=first,
        activity__start__date__lt=end,
    ).exclude(activity__status="cancelled")
    for account_id, start, finish in links.values_list(
        "account_id", "activity__start", "activity__end"
    ):
        out[account_id] += Decimal((finish - start).total_seconds()) / 3600
    return dict(out)


def person_funnel(people: Iterable[Person], today: date) -> FunnelView:
    """Conversion from these people's deals and proactive calls of the last year."""
    people = list(people)
    deals = [deal_record(d) for d in Deal.objects.filter(owner__in=people)]
    recent = [d for d in deals if d.created is None or d.created >= today - YEAR]
    calls = (
        Activity.objects.filter(person__in=people, kind="call", start__date__gte=today - YEAR)
        .exclude(status="cancelled")
        .count()
    )
    return funnel_view(recent, calls)


@dataclass(frozen=True)
class PlanInputs:
    """What a capacity check is asked: revenue, deal size, funnel (None: measured), weeks."""

    new_revenue: Decimal
    deal_size: Decimal | None  # None: the person's average won deal
    conversion: tuple[Decimal, Decimal, Decimal, Decimal] | None
    hours: tuple[Decimal, Decimal, Decimal, Decimal, Decimal]
    weeks: Decimal


@dataclass(frozen=True)
class PersonCapacity:
    person: Person
    time: PersonTime
    proactive_hours: Decimal  # measured, per week
    maintain_hours: Decimal  # on maintain accounts, per week
    funnel: FunnelView
    capacity: Capacity


def proactive_per_week(time: PersonTime) -> Decimal:
    """Mean proactive hours of the report's weeks (the time pillar's numbers)."""
    weeks = time.report.weeks
    if not weeks:
        return ZERO
    total = sum(w.hours[Category.PROACTIVE] for w in weeks)
    return Decimal(str(round(total / len(weeks), 4)))


def maintain_per_week(person: Person, window: DateRange, today: date) -> Decimal:
    """Hours a week the person's activities went to maintain accounts in the window."""
    first, last = window
    links = ActivityLink.objects.filter(
        activity__person=person,
        activity__all_day=False,
        activity__start__date__gte=first,
        activity__start__date__lte=last,
    ).select_related("account", "activity")
    accounts = {link.account for link in links}
    segments = segments_of(accounts, today)
    hours = sum(
        (
            Decimal((link.activity.end - link.activity.start).total_seconds()) / 3600
            for link in links
            if segments.get(link.account_id) == Segment.MAINTAIN
        ),
        start=ZERO,
    )
    weeks = Decimal(max(((last - first).days + 1) / 7, 1))
    return hours / weeks


def capacities(
    people: Sequence[Person], inputs: PlanInputs, window: DateRange, today: date
) -> list[PersonCapacity]:
    """The capacity check of each person: measured hours from the stored weekly report."""
    out = []
    for time in team_report(people, window):
        funnel = person_funnel([time.person], today)
        measured = proactive_per_week(time)
        maintain = maintain_per_week(time.person, window, today)
        capacity = check_capacity(
            new_revenue=inputs.new_revenue,
            deal_size=inputs.deal_size or average_deal(time.person, today),
            funnel=Funnel(inputs.conversion or funnel.conversion, inputs.hours),
            proactive_hours_per_week=measured,
            weeks=inputs.weeks,
            maintain_hours_per_week=maintain,
        )
        out.append(PersonCapacity(time.person, time, measured, maintain, funnel, capacity))
    return out


def average_deal(person: Person, today: date) -> Decimal:
    """The person's average won deal of the last year (main currency), else the default."""
    deals = [deal_record(d) for d in Deal.objects.filter(owner=person, won=True)]
    kept, _others = in_currency(deals, main_currency(deals))
    amounts = [d.amount for d in kept if d.amount and _within_year(d, today)]
    return sum(amounts, start=ZERO) / len(amounts) if amounts else DEFAULT_DEAL_SIZE


@dataclass(frozen=True)
class TeamTotal:
    needed: Decimal
    measured: Decimal
    coverage: Decimal | None
    gap: Decimal


def team_total(rows: Sequence[PersonCapacity]) -> TeamTotal:
    needed = sum((r.capacity.hours_per_week for r in rows), start=ZERO)
    measured = sum((r.proactive_hours for r in rows), start=ZERO)
    coverage = measured / needed if needed > 0 else None
    return TeamTotal(needed, measured, coverage, max(needed - measured, ZERO))
