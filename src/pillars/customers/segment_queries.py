"""Reads by segment: churn, time per person and week, and effort per unit of revenue won."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from pillars.customers.models import Account, ActivityLink, Deal
from pillars.customers.queries import YEAR, deal_record
from pillars.domain.customers_records import Segment
from pillars.domain.segments import (
    Churn,
    SegmentEffort,
    SegmentTime,
    churn,
    effort_by_segment,
    in_currency,
    main_currency,
    time_by_segment,
    won_revenue,
)
from pillars.domain.window import iso_week_label
from pillars.teams.models import Person

ZERO = Decimal(0)


@dataclass(frozen=True)
class ChurnSummary:
    churn: Churn
    currency: str
    first: date  # the current period: [first, today]; the one before is the year before


def churn_summary(
    accounts: Iterable[Account], today: date, *, deals: QuerySet[Deal]
) -> ChurnSummary:
    """Accounts that bought in the year before the last one and not in the last one, from
    the won `deals` the viewer may see."""
    accounts = list(accounts)
    deals = [deal_record(d) for d in deals.filter(account__in=accounts, won=True)]
    currency = main_currency(deals)
    kept, _others = in_currency(deals, currency)
    first = today - YEAR
    before = won_revenue(kept, first - YEAR, first - timedelta(days=1))
    now = won_revenue(kept, first, today)
    names = {str(a.pk): a.name for a in accounts}
    result = churn(before, now)
    named = Churn(
        churned=tuple(names.get(key, key) for key in result.churned),
        customers_before=result.customers_before,
        rate=result.rate,
        revenue_to_replace=result.revenue_to_replace,
        revenue_before=result.revenue_before,
    )
    return ChurnSummary(named, currency, first)


def _links(
    accounts: list[int], first: date, end: date, people: Iterable[Person]
) -> Iterable[ActivityLink]:
    """Links of `people`'s timed, not cancelled activities in [first, end) to these accounts
    (ids)."""
    return (
        ActivityLink.objects.filter(
            account__in=accounts,
            activity__person__in=people,
            activity__all_day=False,
            activity__start__date__gte=first,
            activity__start__date__lt=end,
        )
        .exclude(activity__status="cancelled")
        .select_related("activity", "activity__person")
    )


def segment_weeks(
    segments: Mapping[int, Segment], first: date, last: date, *, people: Iterable[Person]
) -> dict[tuple[str, str], dict[Segment, Decimal]]:
    """(person name, ISO week) -> hours on the accounts of `segments` (account id -> segment)
    of each segment, from the linked activities of `people` (those the viewer may see)."""
    accounts = list(segments)
    entries = []
    for link in _links(accounts, first, last + timedelta(days=1), people):
        activity = link.activity
        week = iso_week_label(activity.start.astimezone(ZoneInfo(activity.person.timezone)).date())
        hours = Decimal((activity.end - activity.start).total_seconds()) / 3600
        entries.append(SegmentTime(activity.person.name, week, segments[link.account_id], hours))
    return time_by_segment(entries)


def effort(
    segments: Mapping[int, Segment],
    today: date,
    *,
    people: Iterable[Person],
    deals: QuerySet[Deal],
) -> list[SegmentEffort]:
    """Last year's hours of `people` per segment against the revenue of the won `deals` per
    segment (main currency), on the accounts of `segments`: only what the viewer may see."""
    accounts = list(segments)
    hours: dict[Segment, Decimal] = defaultdict(Decimal)
    for link in _links(accounts, today - YEAR, today + timedelta(days=1), people):
        span = link.activity.end - link.activity.start
        hours[segments[link.account_id]] += Decimal(span.total_seconds()) / 3600
    won = [deal_record(d) for d in deals.filter(account__in=accounts, won=True)]
    kept, _others = in_currency(won, main_currency(won))
    by_account = won_revenue(kept, today - YEAR, today)
    revenue: dict[Segment, Decimal] = defaultdict(Decimal)
    for account_id in accounts:
        revenue[segments[account_id]] += by_account.get(str(account_id), ZERO)
    return effort_by_segment(hours, revenue)
