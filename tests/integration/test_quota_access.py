"""Who sees a quota: every quota URL for each role of the cast.

A person's quota and salary: directors, the manager of the person's team, and the person
(read-only). Never a colleague, another team's manager or another organisation.
"""

from __future__ import annotations

import pytest
from django.test import Client

from pillars.quota.actions import save_scenario
from pillars.quota.forms import DEFAULTS
from pillars.quota.models import QuotaScenario
from tests.integration.conftest import Cast

ROLES = ["director", "manager", "other_manager", "rep", "teammate", "west_rep", "outside_director"]


@pytest.fixture
def rep_scenario(cast: Cast) -> QuotaScenario:
    return save_scenario(
        author=cast.manager,
        name="Rita 2027",
        kind="industrial",
        inputs={**DEFAULTS, "salary": "61234"},
        person=cast.rep,
    )


@pytest.fixture
def team_scenario(cast: Cast) -> QuotaScenario:
    return save_scenario(
        author=cast.director,
        name="East standard",
        kind="saas",
        inputs=DEFAULTS,
        team=cast.rep.team,
    )


def get(client: Client, cast: Cast, viewer: str | None, url: str) -> int:
    if viewer is not None:
        client.force_login(getattr(cast, viewer).user)
    return client.get(url).status_code


OWN_REP = dict(
    director=200,
    manager=200,
    other_manager=404,
    rep=200,
    teammate=404,
    west_rep=404,
    outside_director=404,
)
TEAM = dict(
    director=200,
    manager=200,
    other_manager=404,
    rep=404,
    teammate=404,
    west_rep=404,
    outside_director=404,
)
EVERYONE = dict.fromkeys(ROLES, 200)


@pytest.mark.parametrize("viewer", ROLES)
@pytest.mark.parametrize(
    ("url", "table"),
    [
        ("/quota/", EVERYONE),
        ("/quota/scenarios/", EVERYONE),
        ("/quota/workbook.xlsx", EVERYONE),
        ("/quota/people/{rep}/", OWN_REP),
        ("/quota/teams/{team}/", TEAM),
        ("/quota/scenarios/{rep_scenario}/", OWN_REP),
        ("/quota/scenarios/{rep_scenario}/workbook.xlsx", OWN_REP),
        ("/quota/scenarios/{team_scenario}/", TEAM),
        ("/quota/scenarios/{team_scenario}/workbook.xlsx", TEAM),
    ],
)
def test_who_may_open_each_quota_url(
    client: Client,
    cast: Cast,
    rep_scenario: QuotaScenario,
    team_scenario: QuotaScenario,
    viewer: str,
    url: str,
    table: dict[str, int],
) -> None:
    path = url.format(
        rep=cast.rep.pk,
        team=cast.rep.team_id,
        rep_scenario=rep_scenario.pk,
        team_scenario=team_scenario.pk,
    )
    assert get(client, cast, viewer, path) == table[viewer]


@pytest.mark.parametrize(
    "url",
    [
        "/quota/",
        "/quota/scenarios/",
        "/quota/people/1/",
        "/quota/teams/1/",
        "/quota/scenarios/1/",
        "/quota/workbook.xlsx",
    ],
)
def test_anonymous_is_sent_to_login(client: Client, cast: Cast, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_anonymous_cannot_save(client: Client, cast: Cast) -> None:
    response = client.post(
        "/quota/save/", {**DEFAULTS, "name": "x", "owner": f"person:{cast.rep.pk}"}
    )
    assert response.status_code == 302 and QuotaScenario.objects.count() == 0


@pytest.mark.parametrize("viewer", ROLES)
def test_salary_is_shown_only_to_those_who_may_see_it(
    client: Client, cast: Cast, rep_scenario: QuotaScenario, viewer: str
) -> None:
    client.force_login(getattr(cast, viewer).user)
    listing = client.get("/quota/scenarios/").content.decode()
    assert ("Rita 2027" in listing) == (OWN_REP[viewer] == 200)
    detail = client.get(f"/quota/scenarios/{rep_scenario.pk}/")
    assert ("61,234" in detail.content.decode()) == (OWN_REP[viewer] == 200)


def test_rep_sees_own_quota_read_only(
    client: Client, cast: Cast, rep_scenario: QuotaScenario
) -> None:
    client.force_login(cast.rep.user)
    html = client.get(f"/quota/scenarios/{rep_scenario.pk}/").content.decode()
    assert "read-only" in html and "<form class" not in html
    response = client.post(f"/quota/scenarios/{rep_scenario.pk}/", {**DEFAULTS, "salary": "1"})
    assert response.status_code == 403
    rep_scenario.refresh_from_db()
    assert rep_scenario.inputs["salary"] == "61234"


SAVE = dict(
    director=302,
    manager=302,
    other_manager=404,
    rep=403,
    teammate=403,
    west_rep=403,
    outside_director=404,
)


@pytest.mark.parametrize("viewer", ROLES)
def test_who_may_save_a_quota_for_the_rep(client: Client, cast: Cast, viewer: str) -> None:
    client.force_login(getattr(cast, viewer).user)
    data = {**DEFAULTS, "name": "Rita plan", "owner": f"person:{cast.rep.pk}"}
    response = client.post("/quota/save/", data)
    if SAVE[viewer] == 404:
        # The rep is not among the choices: the form refuses the owner, nothing is saved.
        assert response.status_code in {200, 404}
    else:
        assert response.status_code == SAVE[viewer]
    assert QuotaScenario.objects.filter(person=cast.rep).exists() == (SAVE[viewer] == 302)


CHANGE = dict(
    director=302,
    manager=302,
    other_manager=404,
    rep=403,
    teammate=404,
    west_rep=404,
    outside_director=404,
)


@pytest.mark.parametrize("viewer", ROLES)
def test_who_may_change_the_reps_quota(
    client: Client, cast: Cast, rep_scenario: QuotaScenario, viewer: str
) -> None:
    client.force_login(getattr(cast, viewer).user)
    data = {**DEFAULTS, "salary": "70000", "name": "Rita 2027 b"}
    response = client.post(f"/quota/scenarios/{rep_scenario.pk}/", data)
    assert response.status_code == CHANGE[viewer]
    rep_scenario.refresh_from_db()
    assert (rep_scenario.inputs["salary"] == "70000") == (CHANGE[viewer] == 302)


def test_manager_cannot_set_their_own_quota(client: Client, cast: Cast) -> None:
    client.force_login(cast.manager.user)
    data = {**DEFAULTS, "name": "mine", "owner": f"person:{cast.manager.pk}"}
    response = client.post("/quota/save/", data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not QuotaScenario.objects.exists()


def test_saved_scenario_reopens_with_its_figures(client: Client, cast: Cast) -> None:
    client.force_login(cast.director.user)
    data = {
        **DEFAULTS,
        "extra": "200000",
        "name": "West plan",
        "owner": f"team:{cast.west_rep.team_id}",
    }
    response = client.post("/quota/save/", data)
    scenario = QuotaScenario.objects.get()
    assert response["Location"] == f"/quota/scenarios/{scenario.pk}/"
    assert scenario.team_id == cast.west_rep.team_id and scenario.created_by == cast.director
    assert "1,428,571" in client.get(response["Location"]).content.decode()


def test_invalid_inputs_are_not_saved(client: Client, cast: Cast) -> None:
    client.force_login(cast.director.user)
    data = {**DEFAULTS, "cogs_percent": "100", "name": "bad", "owner": f"person:{cast.rep.pk}"}
    response = client.post("/quota/save/", data)
    assert response.status_code == 200 and "below 100 % of list price" in response.content.decode()
    assert not QuotaScenario.objects.exists()


def test_manager_recomputes_a_saved_scenario_over_htmx(
    client: Client, cast: Cast, rep_scenario: QuotaScenario
) -> None:
    client.force_login(cast.manager.user)
    url = f"/quota/scenarios/{rep_scenario.pk}/"
    page = client.get(url).content.decode()
    assert f'hx-get="{url}"' in page and "Save changes" in page
    partial = client.get(url, {**DEFAULTS, "extra": "200000"}, headers={"HX-Request": "true"})
    assert "1,428,571" in partial.content.decode()
    rep_scenario.refresh_from_db()
    assert rep_scenario.inputs["extra"] == "100000"  # looking is not saving
