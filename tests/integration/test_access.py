"""The access helpers: who sees whom."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from pillars.teams.access import get_person_for_user, visible_people
from tests.factories import UserFactory
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
