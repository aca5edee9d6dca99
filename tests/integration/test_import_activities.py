"""import_activities: idempotent upserts in one transaction, overrides kept, strict mode."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from pillars.errors import ImportFileError, StrictImportError
from pillars.teams.models import Person
from pillars.timeuse.actions import import_activities, override_category
from pillars.timeuse.models import Activity, ImportRun, Rule
from tests.factories import PersonAliasFactory, PersonFactory
from tests.integration.samples import (
    STANDARD_EVENTS,
    calendar,
    event,
    options_for,
    snapshot,
    write,
)


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


HUBSPOT_HEADER = (
    "Record ID,Call Title,Activity date,Activity assigned to,Call duration,Call direction,"
    "Call outcome,Call status,Call notes,Associated Contact,Associated Company,Associated Deal\n"
)


def test_a_repeated_id_in_one_file_is_kept_once_and_reported(rita: Person, tmp_path: Path) -> None:
    rows = (
        "7001,Discovery call,2024-10-01 11:00,Rita Rep,1800000,Outbound,Connected,Completed,,,ACME,\n"
        "7001,Discovery call again,2024-10-02 11:00,Rita Rep,1800000,Outbound,Connected,Completed,,,ACME,\n"
    )
    run = import_activities(
        person=rita,
        path=write(tmp_path, "calls.csv", HUBSPOT_HEADER + rows),
        options=options_for(rita),
    )
    assert (run.created, run.skipped) == (1, 1)
    assert Activity.objects.get().summary == "Discovery call"
    assert any("duplicate id '7001'" in p["message"] for p in run.problems)


def test_over_long_ids_and_fields_are_stored_stably(rita: Person, tmp_path: Path) -> None:
    uid = "x" * 700 + "@test"
    path = write(
        tmp_path, "long.ics", calendar(event(uid, 7, "Long one", f"LOCATION:{'y' * 50}\r\n"))
    )
    first = import_activities(person=rita, path=path, options=options_for(rita))
    second = import_activities(person=rita, path=path, options=options_for(rita))
    assert (first.created, second.unchanged) == (1, 1)
    assert len(Activity.objects.get().source_id) <= 500


def test_the_run_records_who_started_it_and_the_files_hash(rita: Person, tmp_path: Path) -> None:
    path = write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS))
    run = import_activities(person=rita, path=path, options=options_for(rita), started_by=rita.user)
    assert run.started_by == rita.user
    assert len(run.sha256) == 64 and run.file_name == "cal.ics" and run.source_kind


def test_writes_are_batched_so_big_files_take_few_queries(
    rita: Person, tmp_path: Path, django_assert_max_num_queries: Any
) -> None:
    start = datetime(2024, 9, 30, 6, tzinfo=UTC)
    events = [
        "BEGIN:VEVENT\r\n"
        f"UID:bulk-{n}@test\r\nDTSTAMP:20241001T000000Z\r\n"
        f"DTSTART:{start + timedelta(minutes=5 * n):%Y%m%dT%H%M%SZ}\r\n"
        f"DTEND:{start + timedelta(minutes=5 * n + 5):%Y%m%dT%H%M%SZ}\r\n"
        f"SUMMARY:Call {n}\r\nEND:VEVENT\r\n"
        for n in range(3000)
    ]
    path = write(tmp_path, "bulk.ics", calendar(*events))
    # One INSERT per batch: 500 rows, or fewer where the backend caps query parameters
    # (Django 5.2 assumes SQLite's old limit of 999).
    fields = Activity._meta.concrete_fields
    per_insert = min(500, connection.ops.bulk_batch_size(fields, events) or 500)
    with django_assert_max_num_queries(15 + math.ceil(len(events) / per_insert)):
        first = import_activities(person=rita, path=path, options=options_for(rita))
    with django_assert_max_num_queries(15):
        second = import_activities(person=rita, path=path, options=options_for(rita))
    assert (first.created, second.unchanged) == (3000, 3000)


def test_the_organisations_rules_run_before_the_defaults(rita: Person, tmp_path: Path) -> None:
    Rule.objects.create(
        organization=rita.organization,
        position=1,
        name="pipeline reviews are proactive",
        category="proactive",
        conditions={"keywords_any": ["team meeting"]},
    )
    import_activities(
        person=rita,
        path=write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS)),
        options=options_for(rita),
    )
    row = Activity.objects.get(source_id="b@test")
    assert (row.category, row.rule) == ("proactive", "pipeline reviews are proactive")


def test_a_cut_problem_list_says_how_many_are_not_listed(
    rita: Person, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pillars.importers.base.MAX_KEPT_PROBLEMS", 3)
    bad = [
        f"BEGIN:VEVENT\r\nUID:bad-{n}@test\r\nDTSTART:2024101T090000Z\r\n"
        f"DTEND:20241010T100000Z\r\nSUMMARY:Broken\r\nEND:VEVENT\r\n"
        for n in range(5)
    ]
    run = import_activities(
        person=rita,
        path=write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS, *bad)),
        options=options_for(rita),
    )
    assert run.skipped == 5
    errors = [p["message"] for p in run.problems if p["level"] == "error"]
    assert len(errors) == 4
    assert errors[-1] == "2 more errors are not listed (the first 3 are)"


def test_a_whole_problem_list_has_no_such_note(rita: Person, fixtures_dir: Path) -> None:
    PersonAliasFactory(person=rita, alias="Rep A")
    run = import_activities(
        person=rita, path=fixtures_dir / "crm" / "hubspot-calls.csv", options=options_for(rita)
    )
    assert run.skipped > len(run.problems)  # rows of other owners: one problem per owner
    assert not any("not listed" in p["message"] for p in run.problems)
