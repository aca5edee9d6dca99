"""Rules preview over htmx, targets, a rep's daily note on a phone, time blocks: in Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from pillars.teams.models import Person
from pillars.timeuse.models import DailyNote, Rule

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_manager_previews_a_rule_in_place_then_saves_it(
    demo: None, live_server: Any, page: Any
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, live_server.url, "javier.morales@northwind.example")
    page.goto(f"{live_server.url}/rules/new/")
    page.fill("input[name=name]", "Meetings with a customer are planned")
    page.select_option("select[name=category]", "proactive")
    page.select_option("select[name=external_attendees]", "yes")
    page.fill("input[name=weeks]", "52")
    page.click("button[name=preview]")
    page.wait_for_selector("#preview section.preview")
    assert page.url.endswith("/rules/new/")  # swapped in place, no navigation
    assert page.input_value("input[name=name]") == "Meetings with a customer are planned"
    assert "What this change would move" in page.inner_text("#preview")
    screenshot(page, "rule-preview")
    page.click("button[name=save]")
    page.wait_for_url(f"{live_server.url}/rules/")
    assert "re-classified" in page.content()
    assert Rule.objects.filter(name="Meetings with a customer are planned").exists()
    screenshot(page, "rules")
    page.goto(f"{live_server.url}/targets/")
    screenshot(page, "targets")
    assert errors == []


def test_rep_writes_the_daily_note_on_a_phone_and_sees_blocks(
    demo: None, live_server: Any, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        lucia = Person.objects.get(email="lucia.romero@northwind.example")
        log_in(page, live_server.url, lucia.email)
        page.goto(f"{live_server.url}/people/{lucia.pk}/note/?day=2026-11-17")
        page.check("input[name=decided_my_day][value=yes]")
        page.fill("input[name=text]", "Two demos, no fires")
        screenshot(page, "daily-note-phone")
        page.click("text=Save the note")
        page.wait_for_url(f"**/people/{lucia.pk}/checkup/?month=2026-11")
        assert DailyNote.objects.get(person=lucia).text == "Two demos, no fires"
        screenshot(page, "checkup-phone")
        page.goto(f"{live_server.url}/people/{lucia.pk}/blocks/?week=2026-W49")
        assert page.locator("table.blocks tbody tr").count() >= 1
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= 390 + 1  # nothing wider than the phone
        screenshot(page, "blocks-phone")
    finally:
        context.close()
