"""person_weekly_report / team_report: stored entries give the domain's weekly figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from pillars.domain.records import Category
from pillars.teams.models import Person
from pillars.timeuse.models import Target
from pillars.timeuse.queries import default_range, person_time, person_weekly_report, team_report
from tests.factories import ActivityFactory, PersonFactory
from tests.integration.conftest import Cast

MONDAY = datetime(2026, 11, 16, tzinfo=UTC)
WEEK_47 = (date(2026, 11, 16), date(2026, 11, 22))


def at(day: int, hour: int) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour)


def entry(
    person: Person, day: int, hour: int, hours: float, category: str, **extra: object
) -> None:
    start = at(day, hour)
    ActivityFactory(
        person=person, start=start, end=start + timedelta(hours=hours), category=category, **extra
    )


@pytest.fixture
def utc_rep(db: None) -> Person:
    return PersonFactory(timezone="UTC", weekly_hours=Decimal("40"))


def test_effective_categories_overlaps_and_exclusions_make_the_week(utc_rep: Person) -> None:
    entry(utc_rep, 0, 9, 2, "proactive")
    entry(utc_rep, 0, 10, 2, "internal")  # one hour overlaps the proactive entry
    entry(utc_rep, 1, 9, 1, "internal", override_category="reactive")
    entry(utc_rep, 2, 9, 3, "proactive", status="cancelled")
    report = person_weekly_report(utc_rep, WEEK_47)
    (week,) = report.weeks
    assert week.week == "2026-W47"
    assert week.hours[Category.PROACTIVE] == pytest.approx(2)
    assert week.hours[Category.INTERNAL] == pytest.approx(1)
    assert week.hours[Category.REACTIVE] == pytest.approx(1)
    assert week.hours[Category.UNLOGGED] == pytest.approx(36)
    assert week.merged_minutes == pytest.approx(60)
    assert week.target is not None and week.target.met is False


def test_entries_carry_why_and_whether_they_count(utc_rep: Person) -> None:
    entry(utc_rep, 0, 9, 1, "proactive", rule="outbound call")
    entry(utc_rep, 1, 9, 1, "internal", override_category="reactive")
    entry(utc_rep, 2, 9, 1, "proactive", partstat="DECLINED")
    entries = person_time(utc_rep, WEEK_47).entries["2026-W47"]
    assert [(e.category, e.overridden, e.not_counted) for e in entries] == [
        ("proactive", False, None),
        ("reactive", True, None),
        ("proactive", False, "owner PARTSTAT=DECLINED"),
    ]
    assert entries[0].rule == "outbound call"


def test_an_all_day_absence_lowers_available_hours(utc_rep: Person) -> None:
    ActivityFactory(
        person=utc_rep,
        start=at(4, 0),
        end=at(5, 0),
        all_day=True,
        summary="Vacation",
        busy_status="OOF",
    )
    (week,) = person_weekly_report(utc_rep, WEEK_47).weeks
    assert week.available_hours == pytest.approx(32)
    assert week.out_of_office_days == pytest.approx(1)


def test_an_all_day_absence_falls_on_the_local_day(db: None) -> None:
    madrid = PersonFactory(timezone="Europe/Madrid")
    # Friday 2026-11-20 in Madrid is stored from Thursday 23:00 UTC.
    ActivityFactory(
        person=madrid,
        start=datetime(2026, 11, 19, 23, tzinfo=UTC),
        end=datetime(2026, 11, 20, 23, tzinfo=UTC),
        all_day=True,
        summary="Holiday",
    )
    (week,) = person_weekly_report(madrid, WEEK_47).weeks
    assert week.out_of_office_days == pytest.approx(1)
    assert week.available_hours == pytest.approx(32)


def test_target_comes_from_the_person_then_the_team_then_the_person_field(utc_rep: Person) -> None:
    assert person_time(utc_rep, WEEK_47).target.label() == "40%"  # type: ignore[union-attr]
    Target.objects.create(team=utc_rep.team, hours_per_week=Decimal("12"))
    assert person_time(utc_rep, WEEK_47).target.label() == "12 h/week"  # type: ignore[union-attr]
    Target.objects.create(person=utc_rep, share=Decimal("0.3"))
    assert person_time(utc_rep, WEEK_47).target.label() == "30%"  # type: ignore[union-attr]


def test_an_impossible_stored_target_does_not_break_the_report(utc_rep: Person) -> None:
    utc_rep.proactive_target = Decimal("0")
    assert person_time(utc_rep, WEEK_47).target is None


def test_team_report_gives_each_person_their_own_entries(cast: Cast) -> None:
    entry(cast.rep, 0, 9, 2, "proactive")
    entry(cast.teammate, 0, 9, 1, "reactive")
    reports = {
        pt.person.name: pt.report.total for pt in team_report([cast.rep, cast.teammate], WEEK_47)
    }
    assert reports["Rita Rep"].hours[Category.PROACTIVE] == pytest.approx(2)
    assert reports["Tom Teammate"].hours[Category.PROACTIVE] == 0
    assert reports["Tom Teammate"].hours[Category.REACTIVE] == pytest.approx(1)


def test_default_range_is_the_last_two_whole_weeks(utc_rep: Person) -> None:
    ActivityFactory(person=utc_rep, start=datetime(2026, 11, 25, 9, tzinfo=UTC))
    assert default_range([utc_rep], date(2026, 12, 3)) == (date(2026, 11, 16), date(2026, 11, 29))


def test_default_range_falls_back_to_the_weeks_of_the_latest_entries(utc_rep: Person) -> None:
    ActivityFactory(person=utc_rep, start=datetime(2026, 3, 11, 9, tzinfo=UTC))
    assert default_range([utc_rep], date(2026, 12, 3)) == (date(2026, 3, 2), date(2026, 3, 15))
