"""The quota calculator in a real browser: typing recomputes over htmx, no page reload."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import PASSWORD, PersonFactory

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_typing_an_input_recomputes_the_quota(live_server: Any, page: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    person = PersonFactory(role="manager")
    log_in(page, live_server.url, person.email, PASSWORD)
    page.goto(f"{live_server.url}/quota/")
    quota = page.locator('[data-figure="industrial-quota"]')
    assert quota.inner_text() == "1,142,857"
    page.evaluate("window.__marker = 1")  # gone if the page reloads instead of swapping
    page.fill("input[name=extra]", "200000")
    page.wait_for_selector('[data-figure="industrial-quota"]:has-text("1,428,571")')
    assert page.evaluate("window.__marker") == 1
    page.fill("input[name=cogs_percent]", "100")
    page.wait_for_selector("text=Check the inputs")
    assert page.locator("#results svg").count() == 0
    page.fill("input[name=cogs_percent]", "65")
    page.wait_for_selector("#results svg")
    screenshot(page, "quota-calculator")
