"""The access helpers: who sees whom."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import Client

from pillars.quota.forms import DEFAULTS as QUOTA_DEFAULTS
from pillars.quota.models import QuotaScenario
from pillars.teams.access import get_person_for_user, manages, visible_people
from pillars.teams.models import Person, Role
from tests.factories import PersonFactory, UserFactory
from tests.integration.conftest import Cast


def names(people: object) -> set[str]:
    return {p.name for p in people}  # type: ignore[attr-defined]


def test_director_sees_everyone_in_the_organisation(cast: Cast) -> None:
    assert names(visible_people(cast.director.user)) == {
        "Dana Director",
        "Mara Manager",
        "Wes Manager",
        "Rita Rep",
        "Tom Teammate",
        "Walt West",
    }


def test_manager_sees_their_team_and_themself(cast: Cast) -> None:
    assert names(visible_people(cast.manager.user)) == {"Mara Manager", "Rita Rep", "Tom Teammate"}


def test_rep_sees_only_themself(cast: Cast) -> None:
    assert names(visible_people(cast.rep.user)) == {"Rita Rep"}


def test_anonymous_and_unlinked_users_see_nobody(cast: Cast) -> None:
    assert names(visible_people(AnonymousUser())) == set()
    assert names(visible_people(UserFactory())) == set()


def test_rep_cannot_get_a_teammate(cast: Cast) -> None:
    with pytest.raises(Http404):
        get_person_for_user(cast.rep.user, cast.teammate.pk)


def test_manager_cannot_get_another_teams_rep(cast: Cast) -> None:
    with pytest.raises(Http404):
        get_person_for_user(cast.manager.user, cast.west_rep.pk)


def test_director_cannot_get_someone_of_another_organisation(cast: Cast) -> None:
    with pytest.raises(Http404):
        get_person_for_user(cast.director.user, cast.outside_director.pk)


def test_manager_gets_their_rep(cast: Cast) -> None:
    assert get_person_for_user(cast.manager.user, cast.rep.pk) == cast.rep


@pytest.fixture
def seniors_in_east(cast: Cast) -> tuple[Person, Person]:
    """A director and a second manager who sit in Mara's team "East" (as in the demo team)."""
    east = cast.manager.team
    boss = PersonFactory(team=east, name="Bea Boss", role=Role.DIRECTOR)
    peer = PersonFactory(team=east, name="Pat Peer", role=Role.MANAGER)
    return boss, peer


def test_manager_does_not_see_a_director_or_peer_manager_in_their_team(
    cast: Cast, seniors_in_east: tuple[Person, Person]
) -> None:
    boss, peer = seniors_in_east
    assert names(visible_people(cast.manager.user)) == {"Mara Manager", "Rita Rep", "Tom Teammate"}
    for senior in (boss, peer):
        with pytest.raises(Http404):
            get_person_for_user(cast.manager.user, senior.pk)


def test_director_in_a_team_still_sees_the_organisation(
    cast: Cast, seniors_in_east: tuple[Person, Person]
) -> None:
    boss, _ = seniors_in_east
    assert {"Walt West", "Wes Manager", "Dana Director"} <= names(visible_people(boss.user))


def test_who_manages_whom(cast: Cast, seniors_in_east: tuple[Person, Person]) -> None:
    boss, peer = seniors_in_east
    assert manages(cast.manager, cast.rep)
    assert not manages(cast.manager, boss)
    assert not manages(cast.manager, peer)
    assert not manages(cast.manager, cast.manager)
    assert not manages(cast.manager, cast.west_rep)
    assert not manages(cast.rep, cast.rep)
    assert manages(cast.director, boss)
    assert not manages(cast.director, cast.outside_director)


def test_manager_cannot_read_or_set_a_directors_quota_or_target(
    client: Client, cast: Cast, seniors_in_east: tuple[Person, Person]
) -> None:
    boss, _ = seniors_in_east
    client.force_login(cast.manager.user)
    assert client.get(f"/quota/people/{boss.pk}/").status_code == 404
    data = {**QUOTA_DEFAULTS, "name": "boss plan", "owner": f"person:{boss.pk}"}
    client.post("/quota/save/", data)
    assert not QuotaScenario.objects.filter(person=boss).exists()
    assert client.get(f"/people/{boss.pk}/").status_code == 404
    assert client.post(f"/targets/people/{boss.pk}/", {"target": "50%"}).status_code == 404
