"""/people/<id>/imports/ and /imports/<id>/: upload, background import, progress, result."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.management.commands import db_worker

from pillars.timeuse.models import Activity, ImportRun
from pillars.timeuse.tasks import run_import
from tests.factories import ImportRunFactory
from tests.integration.conftest import Cast
from tests.integration.samples import STANDARD_EVENTS, calendar
from tests.integration.web_import import DATABASE, upload, uploads

__all__ = ["uploads"]
CALENDAR = calendar(*STANDARD_EVENTS)
BROKEN_EVENT = (
    "BEGIN:VEVENT\r\nUID:bad@test\r\nDTSTAMP:20241001T000000Z\r\n"
    "DTSTART:2024100XT090000Z\r\nSUMMARY:broken\r\nEND:VEVENT\r\n"
)


def test_a_manager_imports_a_reps_calendar_and_sees_the_result(
    client: Client, cast: Cast, uploads: Path
) -> None:
    response = upload(client, cast.manager, cast.rep, CALENDAR)
    run = ImportRun.objects.get(person=cast.rep)
    assert response.status_code == 302 and response["Location"] == f"/imports/{run.pk}/"
    assert (run.status, run.created, run.started_by) == ("done", 4, cast.manager.user)
    assert Activity.objects.filter(person=cast.rep).count() == 4
    html = client.get(f"/imports/{run.pk}/").content.decode()
    assert "Import finished" in html and "<strong>4</strong> created" in html
    assert 'hx-trigger="every 1s"' not in html


def test_the_upload_is_kept_under_a_random_directory(
    client: Client, cast: Cast, uploads: Path
) -> None:
    upload(client, cast.rep, cast.rep, CALENDAR, name="../../My calendar.ics")
    run = ImportRun.objects.get(person=cast.rep)
    kept = uploads / run.upload
    assert kept.parent.parent == uploads and len(kept.parent.name) == 32
    assert kept.name == "My_calendar.ics" and kept.read_bytes() == CALENDAR.encode()
    assert run.file_name == "My calendar.ics"


def test_the_page_polls_while_queued_and_the_worker_finishes_the_import(
    client: Client, cast: Cast, uploads: Path, settings: Any, monkeypatch: Any
) -> None:
    settings.TASKS = DATABASE
    # The worker closes connections it thinks are stale; inside the test's transaction on
    # PostgreSQL that would close the test's own connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    upload(client, cast.rep, cast.rep, CALENDAR)
    run = ImportRun.objects.get(person=cast.rep)
    progress = client.get(f"/imports/{run.pk}/progress/").content.decode()
    assert run.status == "queued" and "Queued" in progress
    assert f'hx-get="/imports/{run.pk}/progress/" hx-trigger="every 1s"' in progress
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    progress = client.get(f"/imports/{run.pk}/progress/").content.decode()
    assert "Import finished" in progress and "hx-trigger" not in progress
    assert f'href="/imports/{run.pk}/undo/"' in progress  # what to do next comes with it
    assert progress.lstrip().startswith('<div id="import-status"') and "<html" not in progress
    run.refresh_from_db()
    assert (run.status, run.rows_read, run.created) == ("done", 4, 4)


def test_running_the_task_twice_imports_once(client: Client, cast: Cast, uploads: Path) -> None:
    upload(client, cast.rep, cast.rep, CALENDAR)
    run = ImportRun.objects.get(person=cast.rep)
    assert run_import.call(run.pk) == "done"
    assert ImportRun.objects.count() == 1 and Activity.objects.count() == 4


def test_a_file_that_is_not_a_calendar_fails_and_says_why(
    client: Client, cast: Cast, uploads: Path
) -> None:
    upload(client, cast.rep, cast.rep, "BEGIN:VCALENDAR\r\nthis is not one", name="x.ics")
    run = ImportRun.objects.get(person=cast.rep)
    assert run.status == "failed" and run.error.startswith("x.ics")
    html = client.get(f"/imports/{run.pk}/").content.decode()
    assert "Import failed" in html and "Nothing from this file was stored" in html
    assert not Activity.objects.exists()


def test_bad_rows_are_listed_with_line_column_and_reason(
    client: Client, cast: Cast, uploads: Path
) -> None:
    upload(client, cast.rep, cast.rep, calendar(*STANDARD_EVENTS, BROKEN_EVENT))
    run = ImportRun.objects.get(person=cast.rep)
    assert (run.created, run.skipped) == (4, 1)
    html = client.get(f"/imports/{run.pk}/").content.decode()
    assert (
        '<td>error</td><td class="num">35</td><td>DTSTART</td><td>invalid DTSTART value &#x27;2024100X'
        in html
    )
    assert f'href="/imports/{run.pk}/problems.csv"' in html


def test_bad_rows_download_as_csv_safe_for_spreadsheets(client: Client, cast: Cast) -> None:
    run = ImportRunFactory(
        person=cast.rep,
        problems=[
            {
                "file": "c.csv",
                "line": 3,
                "column": "Subject",
                "level": "error",
                "message": '=HYPERLINK("http://x")',
                "record_id": "@id",
            },
            {
                "file": "c.csv",
                "line": None,
                "column": None,
                "level": "warning",
                "message": "-12.5",
                "record_id": "",
            },
        ],
    )
    client.force_login(cast.manager.user)
    response = client.get(f"/imports/{run.pk}/problems.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["file", "line", "column", "level", "message", "record_id"]
    assert rows[1] == ["c.csv", "3", "Subject", "error", '\'=HYPERLINK("http://x")', "'@id"]
    assert rows[2] == ["c.csv", "", "", "warning", "-12.5", ""]


def test_a_file_above_the_size_limit_is_refused_with_a_clear_error(
    client: Client, cast: Cast, uploads: Path, settings: Any
) -> None:
    settings.PILLARS_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    response = upload(client, cast.rep, cast.rep, b"x" * (3 * 1024 * 1024))
    assert response.status_code == 400
    assert "The file is 3 MB; the limit is 2 MB." in response.content.decode()
    assert not ImportRun.objects.exists() and not uploads.exists()


def test_a_file_of_another_kind_is_refused(client: Client, cast: Cast, uploads: Path) -> None:
    response = upload(client, cast.rep, cast.rep, "%PDF-1.4", name="report.pdf")
    assert response.status_code == 400
    assert "expected a file ending in .ics, .csv, .tsv, .txt, .xlsx" in response.content.decode()


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("director", 302),
        ("manager", 302),
        ("rep", 302),
        ("teammate", 404),
        ("other_manager", 404),
        ("west_rep", 404),
        ("outside_director", 404),
    ],
)
def test_who_may_import_for_a_rep(
    client: Client, cast: Cast, uploads: Path, viewer: str, status: int
) -> None:
    assert upload(client, getattr(cast, viewer), cast.rep, CALENDAR).status_code == status
    assert ImportRun.objects.exists() == (status == 302)


@pytest.mark.parametrize("page", ["", "progress/", "problems.csv", "undo/"])
@pytest.mark.parametrize(("viewer", "status"), [("manager", 200), ("teammate", 404)])
def test_who_may_see_an_import(
    client: Client, cast: Cast, page: str, viewer: str, status: int
) -> None:
    run = ImportRunFactory(person=cast.rep)
    client.force_login(getattr(cast, viewer).user)
    assert client.get(f"/imports/{run.pk}/{page}").status_code == status


def test_the_history_lists_the_persons_imports_newest_first(client: Client, cast: Cast) -> None:
    ImportRunFactory(person=cast.rep, file_name="old.ics")
    ImportRunFactory(person=cast.rep, file_name="<new>.csv", status="failed")
    ImportRunFactory(person=cast.teammate, file_name="someone-else.ics")
    client.force_login(cast.rep.user)
    html = client.get(f"/people/{cast.rep.pk}/imports/").content.decode()
    assert html.index("&lt;new&gt;.csv") < html.index("old.ics")
    assert "Failed" in html and "someone-else" not in html
    assert 'enctype="multipart/form-data"' in html and "Up to 50 MB" in html


def test_a_queued_import_whose_file_is_gone_fails_and_says_so(cast: Cast, uploads: Path) -> None:
    run = ImportRunFactory(person=cast.rep, status="queued", upload="0" * 32 + "/gone.ics")
    assert run_import.call(run.pk) == "failed"
    run.refresh_from_db()
    assert run.error == "the uploaded file is no longer on the server: upload it again"
    assert run.finished_at is not None and not run.in_progress
