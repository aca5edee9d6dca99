"""The HTTP API: token auth, the same access rules as the pages, idempotent pushes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from pillars.api.actions import create_token
from pillars.api.models import ApiToken, hash_token
from pillars.teams.models import Person
from pillars.timeuse.models import Activity, ImportRun
from tests.factories import ActivityFactory
from tests.integration.conftest import Cast


def token_for(person: Person) -> str:
    return create_token(user=person.user)[1]


def call(client: Client, method: str, url: str, token: str | None, body: Any = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if body is None:
        return getattr(client, method)(url, **headers)
    return getattr(client, method)(
        url, data=json.dumps(body), content_type="application/json", **headers
    )


def entry(source_id: str, summary: str = "Demo for Acme", **extra: Any) -> dict[str, Any]:
    return {
        "source": "crm-push",
        "source_id": source_id,
        "start": "2026-11-17T09:00:00+01:00",
        "end": "2026-11-17T10:30:00+01:00",
        "summary": summary,
        "kind": "meeting",
        **extra,
    }


def test_no_token_is_401(client: Client, cast: Cast) -> None:
    assert call(client, "get", "/api/people", None).status_code == 401


def test_a_bad_token_is_401(client: Client, cast: Cast) -> None:
    token_for(cast.rep)
    assert call(client, "get", "/api/people", "pil_not-a-real-token").status_code == 401


def test_a_session_is_not_enough_for_the_api(client: Client, cast: Cast) -> None:
    client.force_login(cast.director.user)
    assert call(client, "get", "/api/people", None).status_code == 401


def test_a_disabled_users_token_is_401(client: Client, cast: Cast) -> None:
    token = token_for(cast.rep)
    cast.rep.user.is_active = False
    cast.rep.user.save()
    assert call(client, "get", "/api/people", token).status_code == 401


def test_only_the_hash_is_stored_and_last_use_is_recorded(client: Client, cast: Cast) -> None:
    row, token = create_token(user=cast.rep.user, name="crm sync")
    assert row.token_hash == hash_token(token) and token not in row.token_hash
    assert row.last_used is None
    assert call(client, "get", "/api/people", token).status_code == 200
    assert ApiToken.objects.get(pk=row.pk).last_used is not None


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("rep", {"Rita Rep"}),
        ("manager", {"Mara Manager", "Rita Rep", "Tom Teammate"}),
        ("outside_director", {"Olga Outsider"}),
    ],
)
def test_people_lists_whom_the_token_may_see(
    client: Client, cast: Cast, who: str, expected: set[str]
) -> None:
    response = call(client, "get", "/api/people", token_for(getattr(cast, who)))
    assert {p["name"] for p in response.json()} == expected


def test_rep_cannot_read_a_colleagues_report(client: Client, cast: Cast) -> None:
    url = f"/api/people/{cast.teammate.pk}/weekly"
    assert call(client, "get", url, token_for(cast.rep)).status_code == 404


def test_manager_cannot_push_for_another_team(client: Client, cast: Cast) -> None:
    url = f"/api/people/{cast.west_rep.pk}/activities"
    response = call(client, "post", url, token_for(cast.manager), {"activities": [entry("a")]})
    assert response.status_code == 404
    assert not Activity.objects.exists()


def test_weekly_report_has_the_clis_json_shape(client: Client, cast: Cast) -> None:
    ActivityFactory(person=cast.rep, category="proactive", rule="demo")
    url = f"/api/people/{cast.rep.pk}/weekly?from=2026-11-16&to=2026-11-22"
    data = call(client, "get", url, token_for(cast.manager)).json()
    assert set(data) == {"people", "warnings"}
    (person,) = data["people"]
    assert person["person"] == cast.rep.email
    (week,) = person["weeks"]
    assert week["week"] == "2026-W47"
    assert set(week) == {"week", "available_hours", "hours", "share", "merged_minutes", "target"}
    assert week["hours"]["proactive"] == 1.0


@pytest.mark.parametrize(
    "query",
    ["from=2026-11-30&to=2026-11-01", "from=2020-01-01&to=2026-01-01", "from=0001-01-01"],
)
def test_weekly_report_refuses_bad_windows(client: Client, cast: Cast, query: str) -> None:
    url = f"/api/people/{cast.rep.pk}/weekly?{query}"
    assert call(client, "get", url, token_for(cast.rep)).status_code == 422


def test_push_is_classified_and_idempotent(client: Client, cast: Cast) -> None:
    token, url = token_for(cast.rep), f"/api/people/{cast.rep.pk}/activities"
    batch = {"activities": [entry("1"), entry("2", "Support: printer broken")]}
    first = call(client, "post", url, token, batch).json()
    assert (first["created"], first["updated"], first["unchanged"]) == (2, 0, 0)
    again = call(client, "post", url, token, batch).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    categories = dict(Activity.objects.values_list("source_id", "category"))
    assert categories == {"1": "proactive", "2": "reactive"}
    run = ImportRun.objects.get(pk=first["import_run"])
    assert (run.file_name, run.started_by) == ("api", cast.rep.user)


def test_an_empty_push_answers_zero_and_records_nothing(client: Client, cast: Cast) -> None:
    url = f"/api/people/{cast.rep.pk}/activities"
    response = call(client, "post", url, token_for(cast.rep), {"activities": []})
    assert response.status_code == 200
    assert response.json() == {
        "import_run": None,
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
        "problems": [],
    }
    assert not ImportRun.objects.exists()


def test_an_unchanged_push_answers_its_counts_and_records_nothing(
    client: Client, cast: Cast
) -> None:
    token, url = token_for(cast.rep), f"/api/people/{cast.rep.pk}/activities"
    batch = {"activities": [entry("1"), entry("2", "Support: printer broken")]}
    first = call(client, "post", url, token, batch).json()
    for _ in range(3):  # a CRM syncing every few minutes
        again = call(client, "post", url, token, batch).json()
        assert again["import_run"] is None
        assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert list(ImportRun.objects.values_list("pk", flat=True)) == [first["import_run"]]
    changed = call(client, "post", url, token, {"activities": [entry("2", "Demo, moved")]}).json()
    assert changed["updated"] == 1
    assert ImportRun.objects.latest("created_at").pk == changed["import_run"]
    assert ImportRun.objects.count() == 2


def test_push_updates_a_changed_entry_and_keeps_the_override(client: Client, cast: Cast) -> None:
    token, url = token_for(cast.rep), f"/api/people/{cast.rep.pk}/activities"
    call(client, "post", url, token, {"activities": [entry("1")]})
    Activity.objects.update(override_category="internal")
    result = call(client, "post", url, token, {"activities": [entry("1", "Demo, moved")]}).json()
    assert result["updated"] == 1
    row = Activity.objects.get()
    assert (row.summary, row.override_category) == ("Demo, moved", "internal")


@pytest.mark.parametrize(
    "bad",
    [
        {"start": "2026-11-17T09:00:00"},  # no offset
        {"end": "2026-11-17T08:00:00+01:00"},  # before the start
        {"summary": "nul \x00 byte"},
        {"start": "1900-01-01T00:00:00Z"},
    ],
)
def test_push_refuses_bad_entries(client: Client, cast: Cast, bad: dict[str, str]) -> None:
    url = f"/api/people/{cast.rep.pk}/activities"
    response = call(client, "post", url, token_for(cast.rep), {"activities": [entry("1", **bad)]})
    assert response.status_code == 422
    assert not Activity.objects.exists()


def test_the_schema_is_served_and_the_docs_use_no_cdn(client: Client, db: None) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/people", "/api/people/{person_id}/weekly"} <= set(schema["paths"])
    docs = client.get("/api/docs").content.decode()
    assert "cdn" not in docs.lower() and "/static/ninja/swagger-ui-bundle.js" in docs


def test_a_push_is_listed_with_the_persons_imports(client: Client, cast: Cast) -> None:
    url = f"/api/people/{cast.rep.pk}/activities"
    run_id = call(client, "post", url, token_for(cast.rep), {"activities": [entry("1")]}).json()[
        "import_run"
    ]
    client.force_login(cast.rep.user)
    assert client.get(f"/imports/{run_id}/").status_code == 200
    assert f"/imports/{run_id}/" in client.get(f"/people/{cast.rep.pk}/imports/").content.decode()


def test_a_push_can_be_undone_like_an_import(client: Client, cast: Cast) -> None:
    url = f"/api/people/{cast.rep.pk}/activities"
    token = token_for(cast.rep)
    call(client, "post", url, token, {"activities": [entry("1")]})
    second = call(client, "post", url, token, {"activities": [entry("1", "moved"), entry("2")]})
    client.force_login(cast.rep.user)
    client.post(f"/imports/{second.json()['import_run']}/undo/")
    assert list(Activity.objects.values_list("source_id", "summary")) == [("1", "Demo for Acme")]
