"""The payout curve: the issue's worked figures, thresholds, tiers, accelerator and cap."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pillars.domain.payout import Tier, make_plan, payout_at, payout_curve, payout_table
from pillars.domain.quota_values import QuotaInputError, whole

PLAN = make_plan(quota=D(1142857), break_even=D(857143), variable=D(25000), accelerator=D("1.5"))


@pytest.mark.parametrize(
    ("revenue", "payout"),
    [(800000, 0), (857143, 0), (1000000, 12500), (1142857, 25000), (1300000, 45625)],
)
def test_worked_payout_figures(revenue: int, payout: int) -> None:
    assert whole(payout_at(PLAN, D(revenue))) == payout


def test_exact_quota_and_break_even_give_exact_figures() -> None:
    plan = make_plan(
        quota=D(8000000) / 7, break_even=D(6000000) / 7, variable=D(25000), accelerator=D("1.5")
    )
    assert payout_at(plan, D(1000000)) == 12500
    assert payout_at(plan, D(1300000)).quantize(D("0.000001")) == 45625


def test_threshold_as_share_of_quota() -> None:
    plan = make_plan(quota=D(1000000), variable=D(20000), threshold_share=D("0.5"))
    assert plan.threshold == 500000
    assert payout_at(plan, D(750000)) == 10000


def test_cap_stops_the_accelerator() -> None:
    plan = make_plan(
        quota=D(1000), break_even=D(500), variable=D(100), accelerator=D(2), cap=D("1.5")
    )
    assert payout_at(plan, D(1100)) == 140
    assert payout_at(plan, D(5000)) == 150


def test_tiers_bend_the_line_below_quota() -> None:
    plan = make_plan(
        quota=D(1000), break_even=D(500), variable=D(100), tiers=[Tier(D("0.9"), D("0.3"))]
    )
    assert payout_at(plan, D(900)) == 30
    assert payout_at(plan, D(950)) == 65
    assert payout_at(plan, D(700)) == D(15)


def test_quota_below_break_even_is_refused() -> None:
    with pytest.raises(
        QuotaInputError, match="800,000 is not above the break-even 900,000"
    ) as caught:
        make_plan(quota=D(800000), break_even=D(900000), variable=D(1))
    assert caught.value.field == "quota"


def test_table_includes_the_threshold_and_quota() -> None:
    attainments = [row.attainment for row in payout_table(PLAN)]
    assert D(857143) / D(1142857) in attainments and D(1) in attainments
    assert attainments == sorted(attainments)
    assert len(payout_curve(PLAN)) == 32


@given(
    st.decimals(min_value=0, max_value=3000000, places=0),
    st.decimals(min_value=0, max_value=3000000, places=0),
)
def test_payout_never_falls_as_revenue_grows(a: D, b: D) -> None:
    low, high = sorted((a, b))
    assert payout_at(PLAN, low) <= payout_at(PLAN, high)


def test_threshold_on_a_listed_attainment_is_not_repeated() -> None:
    plan = make_plan(quota=D(500000) / D("0.35"), break_even=D(300000) / D("0.35"), variable=D(1))
    attainments = [round(row.attainment, 6) for row in payout_table(plan)]
    assert attainments.count(D("0.6")) == 1
