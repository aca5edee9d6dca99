"""import_activities: idempotent upserts in one transaction, overrides kept, strict mode."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pillars.errors import ImportFileError, StrictImportError
from pillars.importers.base import ReadOptions
from pillars.teams.models import Person
from pillars.timeuse.actions import import_activities, override_category
from pillars.timeuse.models import Activity, ImportRun
from tests.factories import PersonAliasFactory, PersonFactory

WINDOW = (datetime(2024, 9, 30, tzinfo=UTC), datetime(2024, 10, 21, tzinfo=UTC))


def event(uid: str, day: int, summary: str, extra: str = "") -> str:
    return (
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20241001T000000Z\r\n"
        f"DTSTART:202410{day:02d}T090000Z\r\nDTEND:202410{day:02d}T100000Z\r\n"
        f"SUMMARY:{summary}\r\n{extra}"
        "END:VEVENT\r\n"
    )


def calendar(*events: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Pillars tests//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    )


STANDARD_EVENTS = (
    event(
        "a@test",
        1,
        "Demo for ACME",
        "ORGANIZER:mailto:rita@northwind.example\r\nATTENDEE:mailto:buyer@acme.example\r\n",
    ),
    event("b@test", 2, "Team meeting"),
    event("c@test", 3, "Urgent support request"),
    event("d@test", 4, "Cancelled sync", "STATUS:CANCELLED\r\n"),
)


@pytest.fixture
def rita(db: None) -> Person:
    return PersonFactory(name="Rita Rep", email="rita@northwind.example", timezone="UTC")


def options_for(person: Person) -> ReadOptions:
    return ReadOptions(window=WINDOW, tz=ZoneInfo(person.timezone), owner=person.email)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot() -> list[tuple[object, ...]]:
    return list(Activity.objects.order_by("pk").values_list())


def test_first_import_creates_every_entry_with_a_category_and_a_rule(
    rita: Person, tmp_path: Path
) -> None:
    run = import_activities(
        person=rita,
        path=write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS)),
        options=options_for(rita),
    )
    assert (run.created, run.updated, run.unchanged) == (4, 0, 0)
    categories = dict(Activity.objects.values_list("source_id", "category"))
    assert categories["a@test"] == "proactive"
    assert categories["b@test"] == "internal"
    assert categories["c@test"] == "reactive"
    assert all(Activity.objects.values_list("rule", flat=True))


def test_reimporting_the_same_file_changes_nothing(rita: Person, tmp_path: Path) -> None:
    path = write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS))
    first = import_activities(person=rita, path=path, options=options_for(rita))
    before = snapshot()
    second = import_activities(person=rita, path=path, options=options_for(rita))
    assert snapshot() == before
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
    assert ImportRun.objects.count() == 2


def test_a_changed_entry_is_updated_and_the_rest_left_alone(rita: Person, tmp_path: Path) -> None:
    import_activities(
        person=rita,
        path=write(tmp_path, "v1.ics", calendar(*STANDARD_EVENTS)),
        options=options_for(rita),
    )
    changed = (
        *STANDARD_EVENTS[:1],
        event("b@test", 2, "Team meeting (moved room)"),
        *STANDARD_EVENTS[2:],
    )
    run = import_activities(
        person=rita, path=write(tmp_path, "v2.ics", calendar(*changed)), options=options_for(rita)
    )
    assert (run.created, run.updated, run.unchanged) == (0, 1, 3)
    assert Activity.objects.get(source_id="b@test").import_run == run


def test_override_survives_reimport(rita: Person, tmp_path: Path) -> None:
    path = write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS))
    import_activities(person=rita, path=path, options=options_for(rita))
    override_category(activity=Activity.objects.get(source_id="b@test"), category="proactive")
    import_activities(person=rita, path=path, options=options_for(rita))
    row = Activity.objects.get(source_id="b@test")
    assert (row.category, row.override_category, row.effective_category) == (
        "internal",
        "proactive",
        "proactive",
    )


def test_excluded_entries_are_stored_with_their_status(rita: Person, tmp_path: Path) -> None:
    import_activities(
        person=rita,
        path=write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS)),
        options=options_for(rita),
    )
    assert Activity.objects.get(source_id="d@test").status == "cancelled"


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02\xff garbage \xfe\x00" * 50,
        b"BEGIN:VCALENDAR\r\nthis is not a calendar\r\n",
        b"just,some\r\nwords,here\r\n",
    ],
    ids=["binary", "broken-ics", "csv-without-known-columns"],
)
def test_a_file_that_is_not_what_it_claims_leaves_the_database_unchanged(
    rita: Person, tmp_path: Path, content: bytes
) -> None:
    import_activities(
        person=rita,
        path=write(tmp_path, "good.ics", calendar(*STANDARD_EVENTS)),
        options=options_for(rita),
    )
    before, runs = snapshot(), ImportRun.objects.count()
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(content)
    with pytest.raises(ImportFileError):
        import_activities(person=rita, path=garbage, options=options_for(rita))
    assert snapshot() == before
    assert ImportRun.objects.count() == runs


def test_strict_mode_rejects_a_file_with_one_bad_row_and_writes_nothing(
    rita: Person, tmp_path: Path
) -> None:
    bad = "BEGIN:VEVENT\r\nUID:bad@test\r\nDTSTART:2024101T090000Z\r\nDTEND:20241010T100000Z\r\nSUMMARY:Broken\r\nEND:VEVENT\r\n"
    path = write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS, bad))
    with pytest.raises(StrictImportError):
        import_activities(person=rita, path=path, options=options_for(rita), strict=True)
    assert Activity.objects.count() == 0
    assert ImportRun.objects.count() == 0


def test_without_strict_the_bad_row_is_skipped_and_reported(rita: Person, tmp_path: Path) -> None:
    bad = "BEGIN:VEVENT\r\nUID:bad@test\r\nDTSTART:2024101T090000Z\r\nDTEND:20241010T100000Z\r\nSUMMARY:Broken\r\nEND:VEVENT\r\n"
    run = import_activities(
        person=rita,
        path=write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS, bad)),
        options=options_for(rita),
    )
    assert (run.created, run.skipped) == (4, 1)
    errors = [p for p in run.problems if p["level"] == "error"]
    assert len(errors) == 1 and errors[0]["file"] == "cal.ics"


def test_a_multi_owner_crm_file_keeps_only_the_persons_rows(
    rita: Person, fixtures_dir: Path
) -> None:
    PersonAliasFactory(person=rita, alias="Rep A")
    run = import_activities(
        person=rita, path=fixtures_dir / "crm" / "hubspot-calls.csv", options=options_for(rita)
    )
    assert set(Activity.objects.values_list("source_id", flat=True)) == {"51001", "51003", "51004"}
    assert run.skipped == 2
    assert any("Rep B" in p["message"] for p in run.problems)


def test_another_persons_rows_are_not_touched(rita: Person, tmp_path: Path) -> None:
    other = PersonFactory(timezone="UTC")
    path = write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS))
    import_activities(person=other, path=path, options=options_for(other))
    import_activities(person=rita, path=path, options=options_for(rita))
    assert (
        Activity.objects.filter(person=other).count()
        == Activity.objects.filter(person=rita).count()
        == 4
    )


def test_progress_is_reported_with_the_rows_read(rita: Person, tmp_path: Path) -> None:
    seen: list[int] = []
    path = write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS))
    import_activities(person=rita, path=path, options=options_for(rita), progress=seen.append)
    assert seen[-1] == 4
