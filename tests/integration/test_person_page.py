"""/people/<id>/: the read-only person page, for every role, escaped, in bounded queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from pillars.teams.models import Person
from tests.factories import ActivityFactory, ImportRunFactory
from tests.integration.conftest import Cast

WEEK_47 = "?from=2026-11-16&to=2026-11-22"


def page(client: Client, viewer: Person | None, person: Person, query: str = WEEK_47) -> Any:
    if viewer is not None:
        client.force_login(viewer.user)
    return client.get(f"/people/{person.pk}/{query}")


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("director", 200),
        ("manager", 200),
        ("other_manager", 404),
        ("rep", 200),
        ("teammate", 404),
        ("west_rep", 404),
        ("outside_director", 404),
    ],
)
def test_who_may_see_a_reps_page(client: Client, cast: Cast, viewer: str, status: int) -> None:
    assert page(client, getattr(cast, viewer), cast.rep).status_code == status


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("director", 200), ("manager", 200), ("other_manager", 404), ("rep", 404)],
)
def test_who_may_see_a_managers_page(client: Client, cast: Cast, viewer: str, status: int) -> None:
    assert page(client, getattr(cast, viewer), cast.manager).status_code == status


def test_anonymous_is_sent_to_log_in(client: Client, cast: Cast) -> None:
    response = page(client, None, cast.rep)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/people/")


def test_an_unknown_person_is_404(client: Client, cast: Cast) -> None:
    client.force_login(cast.director.user)
    assert client.get("/people/999999/").status_code == 404


def test_a_title_with_markup_is_shown_as_text(client: Client, cast: Cast) -> None:
    ActivityFactory(person=cast.rep, summary="<script>alert(1)</script>", account="<b>ACME</b>")
    html = page(client, cast.rep, cast.rep).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "&lt;b&gt;ACME&lt;/b&gt;" in html


def test_page_shows_the_split_the_rule_and_the_override(client: Client, cast: Cast) -> None:
    start = datetime(2026, 11, 17, 9, tzinfo=UTC)
    ActivityFactory(
        person=cast.rep, start=start, summary="Demo ACME", category="proactive", rule="demo rule"
    )
    ActivityFactory(
        person=cast.rep,
        start=start + timedelta(hours=2),
        summary="Weekly sync",
        category="internal",
        rule="default: internal",
        override_category="reactive",
    )
    html = page(client, cast.rep, cast.rep).content.decode()
    assert "Week 2026-W47" in html
    assert "demo rule" in html
    assert "overridden" in html and "rule said internal" in html
    assert "1.0 h" in html  # one hour proactive


def test_cancelled_entry_is_listed_but_not_counted(client: Client, cast: Cast) -> None:
    ActivityFactory(person=cast.rep, summary="Called off", status="cancelled", category="proactive")
    html = page(client, cast.rep, cast.rep).content.decode()
    assert "Called off" in html
    assert "not counted: STATUS:CANCELLED" in html


def test_weeks_parameter_chooses_how_many_weeks(client: Client, cast: Cast) -> None:
    ActivityFactory(person=cast.rep)
    html = page(client, cast.rep, cast.rep, "?weeks=4").content.decode()
    assert html.count('<section class="card" id="week-') == 4


def test_a_bad_window_falls_back_to_the_default_and_says_so(client: Client, cast: Cast) -> None:
    response = page(client, cast.rep, cast.rep, "?from=2026-11-20&to=2026-11-01")
    assert response.status_code == 200
    assert "is before" in response.content.decode()


def test_earlier_and_later_links_move_by_the_window_length(client: Client, cast: Cast) -> None:
    html = page(client, cast.rep, cast.rep).content.decode()
    assert "from=2026-11-09&amp;to=2026-11-15" in html
    assert "from=2026-11-23&amp;to=2026-11-29" in html


@pytest.mark.parametrize("entries", [3, 60])
def test_page_queries_do_not_grow_with_entries(
    client: Client, cast: Cast, django_assert_max_num_queries: Any, entries: int
) -> None:
    ActivityFactory.create_batch(entries, person=cast.rep)
    client.force_login(cast.manager.user)
    with django_assert_max_num_queries(10):
        assert client.get(f"/people/{cast.rep.pk}/?weeks=3").status_code == 200


def test_page_lists_the_latest_imports_and_their_problems(client: Client, cast: Cast) -> None:
    ImportRunFactory(
        person=cast.rep,
        file_name="<calls>.csv",
        created=3,
        problems=[
            {
                "level": "error",
                "line": 14,
                "column": "Duration",
                "message": "expected minutes, got '1h30'",
            }
        ],
    )
    html = page(client, cast.rep, cast.rep).content.decode()
    assert "&lt;calls&gt;.csv" in html
    assert "line 14, column 'Duration': expected minutes, got &#x27;1h30&#x27;" in html


def test_an_htmx_request_gets_only_the_report_partial(client: Client, cast: Cast) -> None:
    client.force_login(cast.rep.user)
    response = client.get(f"/people/{cast.rep.pk}/{WEEK_47}", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="report">')
    assert "<html" not in html and "Week 2026-W47" in html
    assert "HX-Request" in response["Vary"]


def test_the_full_page_loads_htmx_from_our_own_static_files(client: Client, cast: Cast) -> None:
    html = page(client, cast.rep, cast.rep).content.decode()
    assert '<script src="/static/django_htmx/htmx-2.min.js" defer></script>' in html
    assert "<script>" not in html


@pytest.mark.parametrize(
    ("viewer", "shown"), [("rep", True), ("manager", False), ("director", False)]
)
def test_a_private_entrys_subject_shows_only_to_its_person(
    client: Client, cast: Cast, viewer: str, shown: bool
) -> None:
    """Found by QA: managers read the subjects of entries their reps marked private."""
    start = datetime(2026, 11, 17, 9, tzinfo=UTC)
    secret = ActivityFactory(
        person=cast.rep, start=start, end=start + timedelta(hours=1),
        summary="Oncology appointment", private=True, category="internal",
    )  # fmt: skip
    who = getattr(cast, viewer)
    html = page(client, who, cast.rep).content.decode()
    csv_text = client.get(f"/people/{cast.rep.pk}/entries.csv{WEEK_47}").content.decode()
    corrected = client.post(
        f"/entries/{secret.pk}/category/",
        {"category": "reactive", "from": "2026-11-16", "to": "2026-11-22"},
        headers={"HX-Request": "true"},
    ).content.decode()
    for text in (html, csv_text, corrected):
        assert ("Oncology appointment" in text) is shown
        assert ("(private)" in text) is not shown
