"""A manager reads a rep's weeks in a real browser; a rep cannot open a colleague's page."""

from __future__ import annotations

from typing import Any

import pytest

from pillars.teams.models import Person
from pillars.timeuse.models import DailyNote

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_manager_sees_a_reps_weeks_and_the_hostile_title_as_text(
    demo: None, live_server: Any, page: Any
) -> None:
    lucia = Person.objects.get(email="lucia.romero@northwind.example")
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    log_in(page, live_server.url, "javier.morales@northwind.example")
    screenshot(page, "people")
    page.goto(f"{live_server.url}/people/{lucia.pk}/?from=2026-11-16&to=2026-11-29")
    assert "Lucía Romero" in page.content()
    assert page.locator("svg").count() >= 1
    assert page.get_by_text("2026-W47").count() >= 1
    # The event titled <script>alert(1)</script> is shown as text and never runs.
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    assert page.get_by_text("<script>alert(1)</script>", exact=False).count() >= 1
    assert dialogs == []
    screenshot(page, "person")
    # The favicon is the linked SVG: no request for /favicon.ico ends in a 404.
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon and page.request.get(f"{live_server.url}{icon}").ok
    assert failed == []


# Every table of these pages fits its box on a phone, and nothing is wider than the screen.
FITS = """() => [...document.querySelectorAll('table')].map(t => {
  const box = t.closest('.table-wrap') || t.parentElement;
  return [t.className, t.scrollWidth, box.clientWidth];
}).filter(([, wide, room]) => wide > room)"""


def test_a_persons_entries_and_checkup_fit_a_phone(
    demo: None, live_server: Any, browser: Any
) -> None:
    lucia = Person.objects.get(email="lucia.romero@northwind.example")
    DailyNote.objects.create(person=lucia, date="2026-11-17", decided_my_day=True, text="Demos")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        log_in(page, live_server.url, "javier.morales@northwind.example")
        page.goto(f"{live_server.url}/people/{lucia.pk}/?from=2026-11-16&to=2026-11-29")
        assert page.locator("table.entries tbody tr").count() >= 10
        assert page.evaluate(FITS) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # Every override button and the reason of every entry are on the screen.
        for element in page.locator("table.entries button, table.entries td.why").all():
            box = element.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        row = page.locator("table.entries tbody tr:not(:has(.badge.override))").first
        row.scroll_into_view_if_needed()
        screenshot(page, "person-phone")
        row.get_by_role("button", name="reactive").click()
        page.wait_for_selector(f"#{row.get_attribute('id')} .badge.override")
        assert page.evaluate(FITS) == []  # the swapped row is a card too
        page.goto(f"{live_server.url}/people/{lucia.pk}/checkup/?month=2026-11")
        assert page.get_by_role("columnheader", name="measured").is_visible()
        assert page.evaluate(FITS) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "checkup-fits-phone")
    finally:
        context.close()


def test_rep_cannot_open_a_colleagues_page(demo: None, live_server: Any, page: Any) -> None:
    pablo = Person.objects.get(email="pablo.serrano@northwind.example")
    log_in(page, live_server.url, "lucia.romero@northwind.example")
    response = page.goto(f"{live_server.url}/people/{pablo.pk}/")
    assert response is not None and response.status == 404
    assert "Pablo Serrano" not in page.content()
