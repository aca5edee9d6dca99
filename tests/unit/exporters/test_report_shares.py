"""Shares as written in JSON and CSV: two decimals that still add up."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pillars.domain.records import Category
from pillars.domain.timeuse import REPORT_CATEGORIES
from pillars.exporters.report import rounded_shares


def test_the_hundredth_lost_to_rounding_goes_to_the_largest_remainder() -> None:
    """Found by QA: shares written as 0.42 + 0.07 + 0.10 + 0.40 = 0.99 in a full week."""
    shares = dict(zip(REPORT_CATEGORIES, (0.424, 0.073, 0.102, 0.401), strict=True))
    assert rounded_shares(shares) == {
        "proactive": 0.43, "reactive": 0.07, "internal": 0.1, "unlogged": 0.4,
    }  # fmt: skip


@given(st.lists(st.integers(0, 10_000), min_size=4, max_size=4).filter(lambda v: sum(v) > 0))
def test_rounded_shares_sum_to_one_and_stay_within_a_hundredth(weights: list[int]) -> None:
    shares = {c: w / sum(weights) for c, w in zip(REPORT_CATEGORIES, weights, strict=True)}
    rounded = rounded_shares(shares)
    assert round(sum(rounded.values()), 6) == 1.0
    assert all(abs(rounded[c.value] - shares[c]) < 0.01 + 1e-9 for c in REPORT_CATEGORIES)


def test_a_week_without_hours_stays_at_zero() -> None:
    assert set(rounded_shares(dict.fromkeys(REPORT_CATEGORIES, 0.0)).values()) == {0.0}
    assert Category.UNLOGGED in REPORT_CATEGORIES
