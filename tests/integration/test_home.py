"""/: a rep lands on their own page, managers and directors on the people they may see."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import ActivityFactory, UserFactory
from tests.integration.conftest import Cast


def test_anonymous_is_sent_to_log_in(client: Client, db: None) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_rep_lands_on_their_own_page(client: Client, cast: Cast) -> None:
    client.force_login(cast.rep.user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"/people/{cast.rep.pk}/"


def test_manager_sees_their_team_only(client: Client, cast: Cast) -> None:
    client.force_login(cast.manager.user)
    html = client.get("/").content.decode()
    for name in ("Mara Manager", "Rita Rep", "Tom Teammate"):
        assert name in html
    for name in ("Wes Manager", "Walt West", "Dana Director", "Olga Outsider"):
        assert name not in html


def test_director_sees_the_whole_organisation(client: Client, cast: Cast) -> None:
    client.force_login(cast.director.user)
    html = client.get("/").content.decode()
    for name in ("Dana Director", "Mara Manager", "Wes Manager", "Rita Rep", "Walt West"):
        assert name in html
    assert "Olga Outsider" not in html


def test_an_account_without_a_person_is_told_so(client: Client, db: None) -> None:
    client.force_login(UserFactory())
    assert "not linked to a person" in client.get("/").content.decode()


def test_the_nav_shows_the_name_and_a_post_logout(client: Client, cast: Cast) -> None:
    client.force_login(cast.manager.user)
    html = client.get("/").content.decode()
    assert "Mara Manager" in html
    assert 'method="post" action="/accounts/logout/"' in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.parametrize("entries", [2, 40])
def test_team_list_queries_do_not_grow_with_entries(
    client: Client, cast: Cast, django_assert_max_num_queries: Any, entries: int
) -> None:
    for person in (cast.rep, cast.teammate):
        ActivityFactory.create_batch(entries, person=person)
    client.force_login(cast.director.user)
    with django_assert_max_num_queries(10):
        assert client.get("/?from=2026-11-16&to=2026-11-29").status_code == 200


@pytest.mark.parametrize(
    ("viewer", "sees", "does_not_see"),
    [
        ("director", ["Rita Rep", "Walt West"], ["Olga Outsider"]),
        ("manager", ["Rita Rep", "Tom Teammate"], ["Walt West", "Wes Manager"]),
        ("other_manager", ["Walt West", "Wes Manager"], ["Rita Rep", "Mara Manager"]),
        ("outside_director", ["Olga Outsider"], ["Rita Rep", "Dana Director"]),
    ],
)
def test_each_team_viewer_sees_exactly_their_people(
    client: Client, cast: Cast, viewer: str, sees: list[str], does_not_see: list[str]
) -> None:
    client.force_login(getattr(cast, viewer).user)
    html = client.get("/").content.decode()
    assert all(name in html for name in sees)
    assert not any(name in html for name in does_not_see)


@pytest.mark.parametrize("viewer", ["rep", "teammate", "west_rep"])
def test_every_rep_is_sent_to_their_own_page(client: Client, cast: Cast, viewer: str) -> None:
    person = getattr(cast, viewer)
    client.force_login(person.user)
    assert client.get("/")["Location"] == f"/people/{person.pk}/"


def test_an_htmx_request_gets_only_the_people_table(client: Client, cast: Cast) -> None:
    client.force_login(cast.director.user)
    html = client.get("/?weeks=1", headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div id="report">') and "Rita Rep" in html


def test_someone_without_entries_is_not_shown_as_failing(client: Client, cast: Cast) -> None:
    """Found by QA: the manager, with no entry, read as 0% in red with 80 h unlogged."""
    ActivityFactory(person=cast.rep, category="proactive")
    client.force_login(cast.manager.user)
    html = client.get("/?from=2026-11-16&to=2026-11-22").content.decode()
    body = html.split("<tbody>")[1]
    mara = body.split("Mara Manager</a>")[1].split("</tr>")[0]
    rita = body.split("Rita Rep</a>")[1].split("</tr>")[0]
    assert "no entries in these weeks" in mara and "below-target" not in mara
    assert "no entries" not in rita and "1.0 h" in rita
