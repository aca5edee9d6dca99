"""The capacity check: the worked example of issue 5, the revenue plan and the reverse."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pillars.domain.capacity import (
    Funnel,
    check_capacity,
    funnel_counts,
    plan_revenue,
    reachable,
    rounded,
)
from pillars.errors import ConfigError

D = Decimal
WORKED = Funnel((D("0.1"), D("0.5"), D("0.5"), D("0.25")), (D("0.1"), D("2.5"), D(3), D(6), D(4)))


def worked(**overrides: object) -> object:
    args: dict[str, object] = {
        "new_revenue": D(600000),
        "deal_size": D(50000),
        "funnel": WORKED,
        "proactive_hours_per_week": D(12),
        "weeks": D(44),
    }
    return check_capacity(**(args | overrides))  # type: ignore[arg-type]


def test_worked_example_counts_the_funnel_back_from_the_wins() -> None:
    c = worked()
    assert (c.wins, c.proposals, c.second_meetings, c.first_meetings, c.calls) == (
        12, 48, 96, 192, 1920,
    )  # fmt: skip


def test_worked_example_hours_coverage_and_gap() -> None:
    c = worked()
    assert c.hours_per_year == D(1296)
    assert rounded(c.hours_per_week) == D("29.45")
    assert rounded(c.coverage, 3) == D("0.407")
    assert rounded(c.gap_hours_per_week) == D("17.45")


def test_worked_example_as_json_keys() -> None:
    data = worked().as_dict()
    assert data["hours_per_week"] == "29.45"
    assert data["coverage"] == "0.407"
    assert data["gap_hours_per_week"] == "17.45"
    assert data["hours_per_year"] == "1296.00"


def test_gap_says_what_would_close_it() -> None:
    c = worked(maintain_hours_per_week=D(20))
    levers = {lever.name: lever for lever in c.levers}
    assert "+17.45" in levers["more proactive hours"].detail
    assert "65%" in levers["better conversion"].detail  # 26 h per proposal / (44 - 4)
    assert "122727.27" in levers["bigger deals"].detail  # 600,000 / (528 / 108)
    assert levers["less time on maintain accounts"].closes_gap
    assert c.verdict.startswith("not covered")


def test_reverse_gives_what_the_measured_hours_can_produce() -> None:
    back = reachable(D(12), WORKED, D(50000), D(44))
    assert back.hours_per_win == D(108)
    assert back.hours_per_year == D(528)
    assert rounded(back.revenue) == D("244444.44")


def test_enough_hours_is_covered_with_no_levers() -> None:
    c = worked(proactive_hours_per_week=D(30))
    assert c.gap_hours_per_week == 0
    assert c.levers == ()
    assert c.verdict.startswith("covered")


def test_no_new_revenue_needs_nothing() -> None:
    c = worked(new_revenue=D(0))
    assert (c.wins, c.calls, c.hours_per_week, c.coverage) == (0, 0, 0, None)


def test_revenue_plan_worked_example() -> None:
    plan = plan_revenue(
        target=D(1000000), base=D(800000), churn=D("0.125"), growth=D(100000), deal_size=D(40000)
    )
    assert plan.retained == D(700000)
    assert plan.new_revenue == D(200000)
    assert plan.wins == 5
    assert plan.surplus == 0


def test_a_negative_need_clamps_to_zero_and_reports_the_surplus() -> None:
    plan = plan_revenue(
        target=D(600000), base=D(800000), churn=D("0.125"), growth=D(100000), deal_size=D(40000)
    )
    assert (plan.new_revenue, plan.wins, plan.surplus) == (0, 0, D(200000))


@pytest.mark.parametrize(
    "conversion",
    [
        (D(0), D("0.5"), D("0.5"), D("0.25")),
        (D("1.5"), D("0.5"), D("0.5"), D("0.25")),
    ],
)
def test_impossible_conversion_is_refused(conversion: tuple[Decimal, ...]) -> None:
    with pytest.raises(ConfigError, match="conversion"):
        Funnel(conversion, WORKED.hours)  # type: ignore[arg-type]


def test_bad_plan_values_are_refused() -> None:
    with pytest.raises(ConfigError, match="deal size"):
        worked(deal_size=D(0))
    with pytest.raises(ConfigError, match="churn"):
        plan_revenue(target=D(1), base=D(1), churn=D(2), growth=D(0), deal_size=D(1))


@given(
    wins=st.integers(min_value=0, max_value=500),
    rates=st.tuples(*[st.integers(min_value=1, max_value=100) for _ in range(4)]),
)
def test_every_stage_holds_at_least_the_next_one(wins: int, rates: tuple[int, ...]) -> None:
    funnel = Funnel(tuple(D(r) / 100 for r in rates), WORKED.hours)  # type: ignore[arg-type]
    counts = funnel_counts(wins, funnel)
    assert list(counts) == sorted(counts, reverse=True)
    assert counts[-1] == wins


@given(hours=st.integers(min_value=1, max_value=60))
def test_coverage_times_needed_is_the_measured_hours(hours: int) -> None:
    c = worked(proactive_hours_per_week=D(hours))
    assert abs(c.coverage * c.hours_per_week - hours) < D("1e-20")
    assert c.gap_hours_per_week == max(c.hours_per_week - hours, 0)


def test_closing_levers_names_only_those_that_suffice_alone() -> None:
    assert worked().closing_levers == ("more proactive hours", "better conversion", "bigger deals")
