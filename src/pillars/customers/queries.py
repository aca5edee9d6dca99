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

from django.db.models import QuerySet

from pillars.customers.models import Account, ActivityLink, Deal
from pillars.domain.customers_records import DealRecord, FunnelStage, Segment
from pillars.domain.segments import (
    FunnelView,
    funnel_view,
    in_currency,
    in_period,
    main_currency,
    segment_for,
)
from pillars.teams.models import Person
from pillars.timeuse.models import Activity
from pillars.timeuse.queries import DateRange

ZERO = Decimal(0)
YEAR = timedelta(days=365)
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


def account_rows(
    accounts: Iterable[Account],
    today: date,
    *,
    people: Iterable[Person],
    deals: QuerySet[Deal],
) -> list[AccountRow]:
    """Each account's segment, and what the viewer may see of it: last year's won revenue and
    open deals of `deals`, and the hours `people` spent on it.

    The segment is the organisation's label of the account, from all its deals; the figures
    count only the viewer's deals and people, so a colleague's deal shows nowhere.
    """
    accounts = list(accounts)
    segments = segments_of(accounts, today)
    seen: dict[int, list[DealRecord]] = defaultdict(list)
    for row in deals.filter(account__in=accounts):
        seen[row.account_id or 0].append(deal_record(row))
    currency = main_currency(d for ds in seen.values() for d in ds)
    hours = linked_hours(accounts, today - YEAR, today + timedelta(days=1), people=people)
    rows = []
    for account in accounts:
        mine = seen[account.pk]
        kept, others = in_currency(mine, currency)
        revenue = sum(
            (d.amount or ZERO for d in kept if d.won and _within_year(d, today)), start=ZERO
        )
        rows.append(
            AccountRow(
                account=account,
                segment=segments[account.pk],
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


def linked_hours(
    accounts: Iterable[Account], first: date, end: date, *, people: Iterable[Person]
) -> dict[int, Decimal]:
    """Hours of `people`'s linked, timed, not cancelled activities per account in [first, end)."""
    out: dict[int, Decimal] = defaultdict(Decimal)
    links = ActivityLink.objects.filter(
        account__in=list(accounts),
        activity__person__in=people,
        activity__all_day=False,
        activity__start__date__gte=first,
        activity__start__date__lt=end,
    ).exclude(activity__status="cancelled")
    for account_id, start, finish in links.values_list(
        "account_id", "activity__start", "activity__end"
    ):
        out[account_id] += Decimal((finish - start).total_seconds()) / 3600
    return dict(out)


def funnel_of(deals: Iterable[Deal], people: Iterable[Person], period: DateRange) -> FunnelView:
    """Conversion from the deals created in the period and the people's calls in it: the
    funnel page (visible deals) and the capacity pages (a person's own) both read it."""
    first, last = period
    records = [r for r in (deal_record(d) for d in deals) if in_period(r, period)]
    calls = (
        Activity.objects.filter(
            person__in=list(people),
            kind="call",
            start__date__gte=first,
            start__date__lte=last,
        )
        .exclude(status="cancelled")
        .count()
    )
    return funnel_view(records, calls)


def person_funnel(people: Iterable[Person], period: DateRange) -> FunnelView:
    """Conversion from these people's own deals and calls in the period."""
    people = list(people)
    return funnel_of(Deal.objects.filter(owner__in=people), people, period)


def average_deal(person: Person, today: date) -> Decimal:
    """The person's average won deal of the last year (main currency), else the default."""
    return average_deal_and_source(person, today)[0]


def average_deal_and_source(person: Person, today: date) -> tuple[Decimal, str]:
    """`average_deal` and where it comes from, in words a page can show."""
    deals = [deal_record(d) for d in Deal.objects.filter(owner=person, won=True)]
    kept, _others = in_currency(deals, main_currency(deals))
    amounts = [d.amount for d in kept if d.amount and _within_year(d, today)]
    if not amounts:
        return DEFAULT_DEAL_SIZE, "assumed: no deal won in the last 12 months"
    return sum(amounts, start=ZERO) / len(amounts), f"average of {len(amounts)} won deal(s)"
