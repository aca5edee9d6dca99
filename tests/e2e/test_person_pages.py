"""A manager reads a rep's weeks in a real browser; a rep cannot open a colleague's page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from pillars.teams.models import Person

from .conftest import screenshot

PASSWORD = "demo-pillars-2026"
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", verbosity=0)


def log_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state("networkidle")


def test_manager_sees_a_reps_weeks_and_the_hostile_title_as_text(
    demo: None, live_server: Any, page: Any
) -> None:
    lucia = Person.objects.get(email="lucia.romero@northwind.example")
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


def test_rep_cannot_open_a_colleagues_page(demo: None, live_server: Any, page: Any) -> None:
    pablo = Person.objects.get(email="pablo.serrano@northwind.example")
    log_in(page, live_server.url, "lucia.romero@northwind.example")
    response = page.goto(f"{live_server.url}/people/{pablo.pk}/")
    assert response is not None and response.status == 404
    assert "Pablo Serrano" not in page.content()
