"""Every URL of the site, requested as every role, against ONE table of expected statuses.

The URL patterns are read from the resolver (admin and static files aside); each is filled
with the cast's objects (the rep's person, entries and imports, team East...) and requested
as the director, the manager of the rep's team, the manager of another team, the rep,
another rep of the same team, a director of another organisation, and anonymously. A
pattern with no row in TABLE fails: every new URL must declare who may reach it.

Pages answer 404 (never 403) for what a user may not see; anonymous users are sent to the
login page (302), except on the API, which answers 401 to a request without a token.
API routes are requested with the role's API token instead of a session.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from pillars.api.actions import create_token
from pillars.customers.models import Account
from pillars.quota.forms import DEFAULTS
from pillars.quota.models import QuotaScenario
from pillars.timeuse.models import Rule
from tests.factories import ActivityFactory, ImportRunFactory
from tests.integration.conftest import Cast
from tests.integration.html_checks import page_problems

ROLES = ("director", "manager", "other_manager", "rep", "teammate", "outside_director", "anon")
SKIPPED = ("admin/", "static/")


@dataclass(frozen=True)
class Row:
    """Expected statuses, one per role in ROLES order, and how to request the URL."""

    expect: str
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)
    kwargs: dict[str, str] = field(default_factory=dict)  # fixed values, not from the cast

    def status_for(self, role: str) -> int:
        codes = self.expect.split()
        assert len(codes) == len(ROLES), f"{self.expect!r}: expected {len(ROLES)} statuses"
        return int(codes[ROLES.index(role)])


# What each kind of page answers, in ROLES order:
#                   dir man oth rep tea out anon
PUBLIC = "          200 200 200 200 200 200 200"
SIGNED_IN = "       200 200 200 200 200 200 302"
THE_REPS = "        200 200 404 200 404 404 302"  # the rep's own objects
TEAM_VIEWERS = "    200 200 200 404 404 200 302"  # managers' and directors' own pages
EAST_TEAM = "       200 200 404 404 404 404 302"  # the rep's team (East)
API_THE_REPS = "    200 200 404 200 404 404 401"
API_SIGNED_IN = "   200 200 200 200 200 200 401"
POST_THE_REPS = "   302 302 404 302 404 404 302"
EAST_MANAGERS = "   200 200 404 404 404 404 302"  # set by the rep's managers, not the rep
ORG_EDITORS = "     200 200 200 404 404 404 302"  # the organisation's objects managers edit
THE_REP_ONLY = "    404 404 404 200 404 404 302"  # the rep's own daily note

TABLE: dict[str, Row] = {
    # teams (people and access)
    "accounts/login/": Row(PUBLIC),
    "accounts/logout/": Row("302 302 302 302 302 302 302", method="post"),
    "accounts/password/change/": Row(SIGNED_IN),
    "accounts/password/change/done/": Row(SIGNED_IN),
    "accounts/password/reset/": Row(PUBLIC),
    "accounts/password/reset/sent/": Row(PUBLIC),
    "accounts/reset/<uidb64>/<token>/": Row(PUBLIC, kwargs={"uidb64": "MQ", "token": "x-y"}),
    "accounts/reset/done/": Row(PUBLIC),
    "users/": Row(TEAM_VIEWERS),
    "users/invite/": Row(TEAM_VIEWERS),
    "users/<int:person_id>/aliases/": Row(EAST_MANAGERS),
    # api
    "api/": Row("404 404 404 404 404 404 404"),  # ninja's root: nothing served there
    "api/openapi.json": Row(PUBLIC),
    "api/docs": Row(PUBLIC),
    "api/people": Row(API_SIGNED_IN),
    "api/people/<person_id>/weekly": Row(API_THE_REPS),
    "api/people/<person_id>/activities": Row(API_THE_REPS, method="post", data={"activities": []}),
    # timeuse
    "": Row("200 200 200 302 302 200 302"),  # a rep is sent to their own page
    "people/<int:person_id>/": Row(THE_REPS),
    "dashboard/": Row(TEAM_VIEWERS),
    "dashboard/teams/<int:team_id>/": Row(EAST_TEAM),
    "entries/<int:activity_id>/category/": Row(
        POST_THE_REPS, method="post", data={"category": "proactive"}
    ),
    "people/<int:person_id>/blocks.ics": Row(THE_REPS),
    "people/<int:person_id>/blocks/": Row(THE_REPS),
    "people/<int:person_id>/checkup/": Row(THE_REPS),
    "people/<int:person_id>/entries.csv": Row(THE_REPS),
    "people/<int:person_id>/note/": Row(THE_REP_ONLY),
    "people/<int:person_id>/report.csv": Row(THE_REPS),
    "people/<int:person_id>/report.xlsx": Row(THE_REPS),
    "report.csv": Row(SIGNED_IN),
    "report.xlsx": Row(SIGNED_IN),
    "rules/": Row(SIGNED_IN),
    "rules/new/": Row(TEAM_VIEWERS),
    "rules/<int:rule_id>/edit/": Row(ORG_EDITORS),
    "rules/<int:rule_id>/<str:change>/": Row(ORG_EDITORS, kwargs={"change": "down"}),
    "targets/": Row(SIGNED_IN),
    "targets/people/<int:person_id>/": Row(EAST_MANAGERS),
    "targets/teams/<int:team_id>/": Row(EAST_MANAGERS),
    "people/<int:person_id>/imports/": Row(THE_REPS),
    "imports/<int:run_id>/": Row(THE_REPS),
    "imports/<int:run_id>/progress/": Row(THE_REPS),
    "imports/<int:run_id>/problems.csv": Row(THE_REPS),
    "imports/<int:run_id>/undo/": Row(THE_REPS),
    "imports/<int:run_id>/again/": Row(POST_THE_REPS, method="post"),
    # customers
    "customers/": Row(SIGNED_IN),
    "customers/accounts/<int:account_id>/": Row(THE_REPS),
    "customers/funnel/": Row(SIGNED_IN),
    "customers/capacity/": Row(SIGNED_IN),
    "customers/capacity/<int:person_id>/": Row(THE_REPS),
    # quota
    "quota/": Row(SIGNED_IN),
    # A rep may save no scenario: the form refuses with 403 (no object is named).
    "quota/save/": Row("200 200 200 403 403 200 302", method="post"),
    "quota/workbook.xlsx": Row(SIGNED_IN),
    "quota/scenarios/": Row(SIGNED_IN),
    "quota/scenarios/<int:scenario_id>/": Row(THE_REPS),
    "quota/scenarios/<int:scenario_id>/workbook.xlsx": Row(THE_REPS),
    "quota/people/<int:person_id>/": Row(THE_REPS),
    "quota/teams/<int:team_id>/": Row(EAST_TEAM),
}


def site_routes() -> list[str]:
    """Every URL pattern of the site as one route string, admin and static files aside."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[str]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route

    return sorted({r for r in walk(get_resolver().url_patterns, "") if not r.startswith(SKIPPED)})


# How a URL argument is filled from the cast and its objects.
ARGUMENTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "person_id": lambda o: o["cast"].rep.pk,
    "team_id": lambda o: o["cast"].rep.team_id,
    "activity_id": lambda o: o["activity"].pk,
    "run_id": lambda o: o["run"].pk,
    "account_id": lambda o: o["account"].pk,
    "scenario_id": lambda o: o["scenario"].pk,
    "rule_id": lambda o: o["rule"].pk,
}


@pytest.fixture
def objects(cast: Cast) -> dict[str, Any]:
    """The rep's objects the URLs name."""
    rep = cast.rep
    org = rep.organization
    return {
        "cast": cast,
        "activity": ActivityFactory(person=rep),
        "run": ImportRunFactory(person=rep),
        "account": Account.objects.create(
            organization=org, owner=rep, source="test", source_id="a1", name="Acme"
        ),
        "scenario": QuotaScenario.objects.create(
            organization=org, person=rep, name="2027", inputs=dict(DEFAULTS)
        ),
        "rule": Rule.objects.create(
            organization=org,
            name="QBRs",
            category="proactive",
            conditions={"keywords_any": ["QBR"]},
        ),
    }


def url_for(route: str, row: Row, objects: dict[str, Any]) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in row.kwargs:
            return row.kwargs[name]
        assert name in ARGUMENTS, f"no way to fill <{name}>: add it to ARGUMENTS"
        return str(ARGUMENTS[name](objects))

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", fill, route)


def request(client: Client, role: str, route: str, row: Row, objects: dict[str, Any]) -> Any:
    url = url_for(route, row, objects)
    headers: dict[str, str] = {}
    if role != "anon":
        user = getattr(objects["cast"], role).user
        if route.startswith("api/"):
            headers["HTTP_AUTHORIZATION"] = f"Bearer {create_token(user=user)[1]}"
        else:
            client.force_login(user)
    if row.method == "post" and route.startswith("api/"):
        return client.post(url, row.data, content_type="application/json", **headers)
    return getattr(client, row.method)(url, row.data, **headers)


def test_every_url_has_a_row() -> None:
    missing = [route for route in site_routes() if route not in TABLE]
    assert missing == [], "add these URL patterns to TABLE with their expected statuses"


def test_every_row_is_a_url() -> None:
    assert sorted(set(TABLE) - set(site_routes())) == []


class _Undo(Exception):
    """Raised to roll back one role's request (a POST must not change what the next sees)."""


@pytest.mark.parametrize("route", site_routes())
def test_url_answers_each_role_as_the_table_says(objects: dict[str, Any], route: str) -> None:
    row = TABLE.get(route)
    assert row is not None, f"{route!r} has no row in TABLE: declare who may reach it"
    got, blocked = [], {}
    for role in ROLES:
        try:
            with transaction.atomic():
                response = request(Client(), role, route, row, objects)
                raise _Undo
        except _Undo:
            pass
        got.append(str(response.status_code))
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            if problems := page_problems(response.content.decode()):
                blocked[role] = problems
    assert " ".join(got) == " ".join(row.expect.split()), (
        f"{row.method.upper()} /{route} as {' '.join(ROLES)}"
    )
    assert blocked == {}, "the page holds what the Content-Security-Policy blocks"
