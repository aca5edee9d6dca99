"""Invariants of the weekly report, over random entries in a window crossing a DST change."""

from __future__ import annotations

from datetime import UTC, date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pillars.domain.records import LOGGED, PRECEDENCE, Category, Classified
from pillars.domain.timeuse import WeekReport, week_figures, week_reports
from pillars.domain.window import dates_window

from .builders import BERLIN, activity

WINDOW = dates_window(date(2026, 10, 19), date(2026, 11, 1), BERLIN)  # DST ends 2026-10-25
SPAN_MINUTES = int((WINDOW[1] - WINDOW[0]).total_seconds() // 60)


@st.composite
def entries(draw: st.DrawFn) -> Classified:
    offset = draw(st.integers(-24 * 60, SPAN_MINUTES + 24 * 60))
    length = draw(st.integers(0, 3 * 24 * 60))
    start = WINDOW[0].astimezone(UTC) + timedelta(minutes=offset)
    item = activity(f"e{offset}-{length}", start=start, end=start + timedelta(minutes=length))
    return Classified(item, draw(st.sampled_from(PRECEDENCE)), "random")


def report(items: list[Classified]) -> list[WeekReport]:
    return week_reports(items, tz=BERLIN, window=WINDOW)


def clipped_hours(items: list[Classified]) -> float:
    total = timedelta()
    for item in items:
        # In UTC: aware datetimes sharing one zone subtract as wall clocks across DST.
        start = max(item.activity.start, WINDOW[0]).astimezone(UTC)
        end = min(item.activity.end, WINDOW[1]).astimezone(UTC)
        total += max(end - start, timedelta())
    return total.total_seconds() / 3600


@settings(max_examples=150, deadline=None)
@given(st.lists(entries(), max_size=25))
def test_union_never_exceeds_the_window(items: list[Classified]) -> None:
    for week in report(items):
        length = (week.end.astimezone(UTC) - week.start.astimezone(UTC)).total_seconds() / 3600
        assert week.logged_hours <= length + 1e-9


@settings(max_examples=150, deadline=None)
@given(st.lists(entries(), max_size=25))
def test_category_hours_never_exceed_the_sum_of_durations(items: list[Classified]) -> None:
    weeks = report(items)
    logged = sum(w.logged_hours for w in weeks)
    merged = sum(w.merged_minutes for w in weeks) / 60
    assert logged <= clipped_hours(items) + 1e-9
    assert abs(logged + merged - clipped_hours(items)) < 1e-6


@settings(max_examples=150, deadline=None)
@given(st.lists(entries(), max_size=25))
def test_shares_sum_to_one_when_logged_fits_the_available_hours(items: list[Classified]) -> None:
    for week in report(items):
        if week.logged_hours <= week.available_hours:
            assert abs(sum(week.shares.values()) - 1) < 1e-9
            assert week.hours[Category.UNLOGGED] >= 0


@settings(max_examples=100, deadline=None)
@given(st.lists(entries(), max_size=25), st.randoms(use_true_random=False))
def test_order_of_entries_does_not_change_the_report(items: list[Classified], rnd: object) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert report(shuffled) == report(items)


@settings(max_examples=100, deadline=None)
@given(st.lists(entries(), min_size=1, max_size=15), st.data())
def test_duplicate_entries_do_not_change_the_hours(
    items: list[Classified], data: st.DataObject
) -> None:
    # Merged minutes grow by the duplicate's length (that is their definition); hours do not.
    duplicates = data.draw(st.lists(st.sampled_from(items), max_size=5))
    before, after = report(items), report(items + duplicates)
    assert [(w.hours, w.shares) for w in after] == [(w.hours, w.shares) for w in before]


@settings(max_examples=100, deadline=None)
@given(st.lists(entries(), max_size=25))
def test_unlogged_is_what_the_logged_hours_leave_of_the_available(items: list[Classified]) -> None:
    for week in report(items):
        assert all(week.hours[c] >= 0 for c in LOGGED)
        expected = max(0.0, week.available_hours - week.logged_hours)
        assert abs(week.hours[Category.UNLOGGED] - expected) < 1e-9


@settings(max_examples=150, deadline=None)
@given(st.lists(entries(), max_size=25), st.integers(0, 1), st.integers(1, 2))
def test_a_run_of_weeks_has_the_figures_it_has_in_the_whole_window(
    items: list[Classified], first: int, count: int
) -> None:
    """What the week cache relies on: any run of the window's weeks, computed alone, gives
    the same figures as the same weeks of the whole window."""
    whole = week_figures(items, tz=BERLIN, window=WINDOW)
    run = whole[first : first + count]
    alone = week_figures(items, tz=BERLIN, window=(run[0].segment[0], run[-1].segment[1]))
    assert alone == run
