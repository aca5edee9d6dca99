"""Remembered weekly figures: the same numbers as computing afresh, forgotten on every write."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.admin.sites import site
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from pillars.domain.classify import rule_from_mapping
from pillars.domain.records import Category
from pillars.teams.models import Person
from pillars.timeuse.actions import import_activities, override_category, store_activities
from pillars.timeuse.actions_rules import apply_rules
from pillars.timeuse.convert import to_record
from pillars.timeuse.imports import undo_import
from pillars.timeuse.models import Activity
from pillars.timeuse.queries import person_time, team_report
from pillars.timeuse.queries_rules import NEW, Slot
from tests.factories import ActivityFactory
from tests.integration.conftest import Cast
from tests.integration.samples import STANDARD_EVENTS, calendar, event, options_for, write

WEEKS = (date(2024, 9, 30), date(2024, 10, 20))  # W40-W42, the samples' weeks


def proactive(person: Person, window: tuple[date, date] = WEEKS) -> list[float]:
    (report,) = team_report([person], window, entries=False)
    return [week.hours[Category.PROACTIVE] for week in report.report.weeks]


def fresh(person: Person, window: tuple[date, date] = WEEKS) -> list[float]:
    return [w.hours[Category.PROACTIVE] for w in person_time(person, window).report.weeks]


def activity_queries(run: object) -> int:
    with CaptureQueriesContext(connection) as queries:
        run()  # type: ignore[operator]
    return sum('"timeuse_activity"' in q["sql"] for q in queries.captured_queries)


@pytest.fixture
def imported(rita: Person, tmp_path: Path) -> Path:
    path = write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS))
    import_activities(person=rita, path=path, options=options_for(rita))
    return path


def test_remembered_figures_equal_a_fresh_report(cast: Cast) -> None:
    start = datetime(2026, 11, 1, 22, tzinfo=UTC)  # Sunday night across into Monday (W44->W45)
    for n, category in enumerate(["proactive", "reactive", "internal", "proactive"]):
        ActivityFactory(
            person=cast.rep,
            start=start + timedelta(hours=n),
            end=start + timedelta(hours=n + 3),
            category=category,
        )
    ActivityFactory(
        person=cast.rep,
        summary="Vacation",
        all_day=True,
        start=datetime(2026, 11, 4, tzinfo=UTC),
        end=datetime(2026, 11, 5, tzinfo=UTC),
        busy_status="OOF",
    )
    window = (date(2026, 10, 26), date(2026, 11, 15))
    (first,) = team_report([cast.rep], window, entries=False)
    (again,) = team_report([cast.rep], window, entries=False)
    expected = person_time(cast.rep, window).report
    assert first.report == expected and again.report == expected


def test_a_second_view_reads_no_entries(rita: Person, imported: Path) -> None:
    assert activity_queries(lambda: proactive(rita)) == 1
    assert activity_queries(lambda: proactive(rita)) == 0


def test_a_wider_window_computes_only_the_weeks_not_remembered(
    rita: Person, imported: Path
) -> None:
    proactive(rita)
    wider = (WEEKS[0], WEEKS[1] + timedelta(weeks=1))
    with CaptureQueriesContext(connection) as queries:
        remembered = proactive(rita, wider)
    assert remembered == fresh(rita, wider)
    (sql,) = [q["sql"] for q in queries.captured_queries if '"timeuse_activity"' in q["sql"]]
    assert "2024-10-21" in sql  # only from the new week on


def test_reimport_with_a_change_is_seen(rita: Person, imported: Path, tmp_path: Path) -> None:
    before = proactive(rita)
    extra = event("new@test", 8, "Demo for Globex", "ATTENDEE:mailto:it@globex.example\r\n")
    path = write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS, extra))
    import_activities(person=rita, path=path, options=options_for(rita))
    assert proactive(rita) == fresh(rita) != before


def test_a_correction_is_seen(rita: Person, imported: Path) -> None:
    before = proactive(rita)
    internal = Activity.objects.get(person=rita, summary="Team meeting")
    override_category(activity=internal, category="proactive")
    assert proactive(rita) == fresh(rita) != before


def test_a_rule_change_is_seen(rita: Person, imported: Path) -> None:
    before = proactive(rita)
    rule = rule_from_mapping(
        {"name": "team time is planned", "category": "proactive", "keywords_any": ["team"]},
        source="test",
        index=1,
    )
    apply_rules(organization=rita.organization, slots=[Slot(NEW, rule)])
    assert proactive(rita) == fresh(rita) != before


def test_an_undo_is_seen(rita: Person, imported: Path) -> None:
    before = proactive(rita)
    undo_import(run=rita.import_runs.get())
    assert proactive(rita) == fresh(rita) != before


def test_an_api_push_is_seen(rita: Person, imported: Path) -> None:
    before = proactive(rita)
    existing = Activity.objects.filter(person=rita).first()
    assert existing is not None
    record = to_record(existing)
    pushed = type(record)(
        **{
            **{f: getattr(record, f) for f in record.__dataclass_fields__},
            "source": "api",
            "source_id": "push-1",
            "start": datetime(2024, 10, 8, 14, tzinfo=UTC),
            "end": datetime(2024, 10, 8, 16, tzinfo=UTC),
            "kind": "call",
            "direction": "outbound",
        }
    )
    store_activities(person=rita, records=[pushed], name="api")
    assert proactive(rita) == fresh(rita) != before


def test_an_admin_edit_is_seen(rita: Person, imported: Path) -> None:
    before = proactive(rita)
    row = Activity.objects.get(person=rita, summary="Team meeting")
    row.override_category = "proactive"
    request = RequestFactory().post("/admin/")
    site._registry[Activity].save_model(request, row, form=None, change=True)
    assert proactive(rita) == fresh(rita) != before


def test_a_full_memory_starts_again_and_still_answers_every_week(
    rita: Person, imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With more remembered weeks than the limit the memory is dropped; a window whose first
    weeks were remembered and later ones not must still come out whole."""
    from pillars.timeuse import week_cache

    monkeypatch.setattr(week_cache, "MAX_REMEMBERED_WEEKS", 2)
    proactive(rita, (WEEKS[0], WEEKS[0] + timedelta(days=20)))  # three weeks remembered
    wider = (WEEKS[0], WEEKS[1] + timedelta(weeks=1))
    assert proactive(rita, wider) == fresh(rita, wider)
