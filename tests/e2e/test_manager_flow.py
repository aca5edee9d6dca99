"""A manager runs a rep's week from the browser: upload, background import, dashboard,
one-click override; a rep cannot open a colleague's page.

How the background import runs here: the real database task backend and the real worker
(`db_worker --batch`), run in this test's thread. The live server shares the in-memory
SQLite connection with this thread, so the worker must not run while the server answers a
request: the page's progress polls are held by Playwright (a route handler only runs when
the test calls Playwright) until the worker is done, then released, and the page, still not
reloaded, shows the finished import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from pillars.teams.models import Person
from pillars.timeuse.models import Activity, ImportRun

from .conftest import log_in, screenshot

MANAGER = "javier.morales@northwind.example"
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def event(uid: str, day: int, hour: int, summary: str, extra: str = "") -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n"
        f"DTSTART:202611{day:02d}T{hour:02d}0000Z\r\nDTEND:202611{day:02d}T{hour + 1:02d}0000Z\r\n"
        f"SUMMARY:{summary}\r\n{extra}END:VEVENT\r\n"
    )


CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Pillars e2e//EN\r\n"
    + event("e2e-1@test", 18, 8, "E2E team sync")
    + event(
        "e2e-2@test",
        19,
        9,
        "E2E demo for Contoso",
        "ORGANIZER:mailto:pablo.serrano@northwind.example\r\n"
        "ATTENDEE:mailto:buyer@contoso.example\r\n",
    )
    + "BEGIN:VEVENT\r\nUID:e2e-bad@test\r\nDTSTART:2026111XT090000Z\r\nSUMMARY:bad\r\nEND:VEVENT\r\n"
    + "END:VCALENDAR\r\n"
)


@pytest.fixture
def demo(settings: Any, tmp_path: Path) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PILLARS_UPLOAD_DIR = tmp_path / "uploads"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("load_demo", verbosity=0)


def upload_for(page: Any, base: str, person: Person, path: Path) -> None:
    page.goto(f"{base}/people/{person.pk}/imports/")
    page.set_input_files("input[type=file]", str(path))
    page.click("summary:has-text('Dates to read')")
    page.fill("input[name=from]", "2026-11-16")
    page.fill("input[name=to]", "2026-11-29")
    screenshot(page, "import-upload")
    page.click("button:has-text('Upload and import')")
    page.wait_for_selector("text=waiting for the background worker")


def test_manager_imports_reads_the_dashboard_and_overrides_in_one_click(
    demo: None, live_server: Any, page: Any, tmp_path: Path
) -> None:
    base = live_server.url
    pablo = Person.objects.get(email="pablo.serrano@northwind.example")
    calendar = tmp_path / "pablo-extra.ics"
    calendar.write_bytes(CALENDAR.encode())
    held: list[Any] = []
    page.route("**/progress/", lambda route: (held.append(route.request.url), route.continue_()))
    log_in(page, base, MANAGER)

    upload_for(page, base, pablo, calendar)
    run = ImportRun.objects.get(person=pablo, file_name="pablo-extra.ics")
    assert run.status == "queued"
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    page.wait_for_selector("text=Import finished")
    assert held and page.url.endswith(f"/imports/{run.pk}/")  # polled, never reloaded
    assert page.locator(".counts").inner_text().split() == [
        "2",
        "created",
        "0",
        "updated",
        "0",
        "unchanged",
        "1",
        "skipped",
    ]
    assert page.get_by_text("invalid DTSTART value").count() == 1
    assert page.get_by_role("link", name="Undo this import…").count() == 1
    screenshot(page, "import-result")

    page.goto(f"{base}/dashboard/?from=2026-10-05&to=2026-11-29")
    assert page.get_by_role("heading", name="Iberia & Nordics", exact=True).count() == 1
    assert page.locator(".chart svg").count() == 3
    assert page.get_by_role("link", name="Pablo Serrano").count() == 1
    screenshot(page, "dashboard")

    page.goto(f"{base}/people/{pablo.pk}/?from=2026-11-16&to=2026-11-22")
    page.evaluate("window.notReloaded = true")
    sync = Activity.objects.get(source_id="e2e-1@test")
    row = page.locator(f"#entry-{sync.pk}")
    assert row.locator(".badge").first.inner_text() == "internal"
    split = page.locator("#split-2026-W47 table")
    total = page.locator("#window-total table")
    before, total_before = split.inner_text(), total.inner_text()
    row.get_by_role("button", name="proactive").click()
    page.wait_for_selector(f"#entry-{sync.pk} .badge.override")
    assert split.inner_text() != before  # the week's split follows, out of band
    assert total.inner_text() != total_before  # and so does the window's total at the top
    assert row.locator(".badge").first.inner_text() == "proactive"
    assert page.evaluate("window.notReloaded") is True
    sync.refresh_from_db()
    assert sync.override_category == "proactive"
    screenshot(page, "person-override")

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{base}/dashboard/?from=2026-10-05&to=2026-11-29")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "dashboard-phone")


def test_a_rep_cannot_see_a_colleague(demo: None, live_server: Any, page: Any) -> None:
    pablo = Person.objects.get(email="pablo.serrano@northwind.example")
    log_in(page, live_server.url, "lucia.romero@northwind.example")
    for url in (f"/people/{pablo.pk}/", f"/people/{pablo.pk}/imports/", "/dashboard/"):
        response = page.goto(f"{live_server.url}{url}")
        assert response is not None and response.status == 404
        assert "Pablo Serrano" not in page.content()
