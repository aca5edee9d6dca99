"""In a real browser the Content-Security-Policy is enforced: no page of the demo team breaks
it (Chromium reports every blocked script or style in the console), and an invited person
sets their password from the e-mailed link and logs in."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from pillars.teams.models import Person

from .conftest import log_in, screenshot

MANAGER = "javier.morales@northwind.example"
NEW_PASSWORD = "a long new passphrase for nina"
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_no_page_breaks_the_policy(page: Any, live_server: Any, demo: None) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    base = live_server.url
    log_in(page, base, MANAGER)
    rep = Person.objects.filter(role="rep").order_by("name").first()
    assert rep is not None
    for path in ["/", "/dashboard/", f"/people/{rep.pk}/", "/users/", "/users/invite/",
                 "/accounts/password/change/", "/api/docs"]:  # fmt: skip
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    screenshot(page, "api-docs")
    assert violations == []


def test_an_invited_rep_sets_a_password_and_logs_in(
    page: Any, live_server: Any, demo: None
) -> None:
    base = live_server.url
    log_in(page, base, MANAGER)
    page.goto(f"{base}/users/invite/")
    page.fill("input[name=email]", "nina@northwind.example")
    page.fill("input[name=name]", "Nina New")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/users/")
    screenshot(page, "people")
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body)
    assert link
    page.click("button:has-text('Log out')")
    page.goto(base + link.group(1))
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.click("main button[type=submit]")
    log_in(page, base, "nina@northwind.example", NEW_PASSWORD)
    assert "Nina New" in page.content()
