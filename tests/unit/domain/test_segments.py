"""Segments, churn, the funnel measured vs assumed, time and effort by segment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pillars.domain.customers_records import DealRecord, FunnelStage, Segment
from pillars.domain.segments import (
    SegmentTime,
    assumed_conversion,
    churn,
    effort_by_segment,
    funnel_period,
    funnel_view,
    in_currency,
    in_period,
    main_currency,
    segment_for,
    stage_counts,
    time_by_segment,
    won_revenue,
)

TODAY = date(2026, 12, 1)
D = Decimal


def deal(n: int = 0, **kw: object) -> DealRecord:
    fields: dict[str, object] = {"source": "t", "source_id": str(n), "name": f"deal {n}"}
    return DealRecord(**(fields | kw))  # type: ignore[arg-type]


def won(when: date, amount: int = 1000, **kw: object) -> DealRecord:
    return deal(closed=True, won=True, close_date=when, amount=D(amount), **kw)


def test_an_account_without_a_won_deal_is_a_prospect() -> None:
    assert segment_for([deal(), deal(closed=True)], today=TODAY) == Segment.PROSPECT


def test_a_customer_with_an_open_deal_is_grow() -> None:
    assert segment_for([won(date(2020, 1, 1)), deal()], today=TODAY) == Segment.GROW


def test_a_customer_with_recent_new_business_is_grow() -> None:
    assert segment_for([won(date(2026, 6, 1))], today=TODAY) == Segment.GROW


def test_a_customer_with_nothing_open_or_recent_is_maintain() -> None:
    assert segment_for([won(date(2023, 6, 1))], today=TODAY) == Segment.MAINTAIN


def test_fully_penetrated_is_maintain_and_an_override_wins_over_all() -> None:
    deals = [won(date(2026, 6, 1)), deal()]
    assert segment_for(deals, today=TODAY, fully_penetrated=True) == Segment.MAINTAIN
    assert segment_for(deals, today=TODAY, override=Segment.PROSPECT) == Segment.PROSPECT


def test_churn_counts_accounts_with_revenue_before_and_none_now() -> None:
    before = {"a": D(100), "b": D(300), "c": D(0), "d": D(600)}
    now = {"a": D(120), "d": D(0)}
    result = churn(before, now)
    assert result.churned == ("b", "d")
    assert result.customers_before == 3
    assert result.rate == D(2) / 3
    assert result.revenue_to_replace == D(900)


def test_won_revenue_by_account_in_the_period() -> None:
    deals = [
        won(date(2026, 3, 1), 100, account_id="a"),
        won(date(2025, 3, 1), 50, account_id="a"),
        won(date(2026, 4, 1), 70, account_name="B"),
    ]
    assert won_revenue(deals, date(2026, 1, 1), date(2026, 12, 31)) == {"a": 100, "B": 70}


def test_several_currencies_are_kept_apart_never_added() -> None:
    deals = [won(TODAY, 100, currency="EUR"), won(TODAY, 5000, currency="SEK"), won(TODAY, 90)]
    assert main_currency(deals) == "SEK"
    kept, others = in_currency(deals, "EUR")
    assert (len(kept), others) == (2, 1)


def test_a_won_deal_reached_every_stage() -> None:
    deals = [
        won(TODAY),
        deal(funnel_stage=FunnelStage.SECOND_MEETING),
        deal(closed=True),  # lost, stage unknown: not counted
    ]
    assert stage_counts(deals, calls=40) == (40, 2, 2, 1, 1)


def test_thin_data_falls_back_to_the_seed_labelled_assumed() -> None:
    view = funnel_view([won(TODAY)], calls=3)
    assert view.all_assumed
    assert view.conversion == assumed_conversion()
    assert "10–20 calls" in view.steps[0].assumed_note


def test_enough_data_is_measured() -> None:
    deals = [deal(i, funnel_stage=FunnelStage.FIRST_MEETING) for i in range(16)]
    deals += [deal(100 + i, funnel_stage=FunnelStage.PROPOSAL) for i in range(4)]
    view = funnel_view(deals, calls=200)
    first, second, proposal, win = view.steps
    assert first.measured and first.rate == D(20) / 200
    assert second.measured and second.rate == D(4) / 20
    assert not proposal.measured  # only 4 reached the second meeting
    assert not win.measured  # no wins


def test_assumed_conversion_is_the_seeds_midpoints() -> None:
    assert assumed_conversion() == (D("0.5"), D(7) / 15, D(4) / 7, D("0.5"))


def test_cycle_time_is_the_median_from_creation_to_win() -> None:
    deals = [won(date(2026, 3, 1), created=date(2026, 1, 1)), won(TODAY, created=date(2026, 11, 1))]
    view = funnel_view(deals, calls=0)
    assert view.cycle_days == (59 + 30) / 2


def test_time_by_segment_per_person_and_week() -> None:
    rows = time_by_segment(
        [
            SegmentTime("ana", "2026-W47", Segment.PROSPECT, D(3)),
            SegmentTime("ana", "2026-W47", Segment.PROSPECT, D(2)),
            SegmentTime("ana", "2026-W47", Segment.MAINTAIN, D(1)),
        ]
    )
    assert rows[("ana", "2026-W47")] == {
        Segment.PROSPECT: D(5), Segment.GROW: D(0), Segment.MAINTAIN: D(1),
    }  # fmt: skip


def test_effort_by_segment_against_maintain_beside_the_rule_of_thumb() -> None:
    hours = {Segment.PROSPECT: D(100), Segment.GROW: D(30), Segment.MAINTAIN: D(10)}
    revenue = {Segment.PROSPECT: D(100000), Segment.GROW: D(100000), Segment.MAINTAIN: D(100000)}
    effort = {e.segment: e for e in effort_by_segment(hours, revenue)}
    assert effort[Segment.PROSPECT].times_maintain == 10
    assert effort[Segment.GROW].times_maintain == 3
    assert effort[Segment.PROSPECT].rule_of_thumb == (5, 15)
    assert effort_by_segment(hours, {})[0].hours_per_1000 is None


def test_the_maintain_rule_of_thumb_is_the_baseline_1x() -> None:
    effort = {e.segment: e for e in effort_by_segment({}, {})}
    assert effort[Segment.MAINTAIN].rule_of_thumb_label == "1×"  # not "1–1×"
    assert effort[Segment.PROSPECT].rule_of_thumb_label == "5–15×"
    assert effort[Segment.GROW].rule_of_thumb_label == "2–4×"


def test_the_funnel_period_is_the_last_12_months() -> None:
    assert funnel_period(date(2026, 12, 3)) == (date(2025, 12, 4), date(2026, 12, 3))
    assert funnel_period(date(2024, 2, 29)) == (date(2023, 3, 1), date(2024, 2, 29))
    assert funnel_period(date(2026, 3, 31), months=1) == (date(2026, 3, 1), date(2026, 3, 31))


def test_a_deal_is_in_the_period_by_its_creation_else_its_close() -> None:
    period = funnel_period(TODAY)
    assert in_period(deal(created=date(2026, 1, 5)), period)
    assert not in_period(deal(created=date(2024, 8, 1), close_date=TODAY), period)
    assert in_period(deal(close_date=date(2026, 6, 1)), period)
    assert not in_period(deal(close_date=date(2024, 6, 1)), period)
    assert in_period(deal(), period)  # undated: cannot be placed, counts
