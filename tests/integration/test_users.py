"""Inviting people from the web, the set-password e-mail, password change and reset."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client

from pillars.errors import AccessDenied, ConfigError
from pillars.teams.actions import add_user, invite_user
from pillars.teams.models import Person, Role
from tests.factories import PASSWORD, TeamFactory
from tests.integration.conftest import Cast

NEW_PASSWORD = "a much longer new passphrase 2026"


@pytest.fixture(autouse=True)
def no_throttle_left_over() -> None:
    cache.clear()  # reset mails and logins are counted per process


def invite(client: Client, **fields: object) -> object:
    data = {"email": "nina@northwind.example", "name": "Nina New", "role": "rep"} | fields
    return client.post("/users/invite/", data)


def link_in(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://testserver(/accounts/reset/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_manager_invites_a_rep_into_their_team(client: Client, cast: Cast) -> None:
    client.force_login(cast.manager.user)
    response = invite(client, team=cast.manager.team_id)
    assert response.status_code == 302
    nina = Person.objects.get(email="nina@northwind.example")
    assert (nina.team, nina.role, nina.organization) == (
        cast.manager.team,
        Role.REP,
        cast.manager.organization,
    )
    assert not nina.user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["nina@northwind.example"] and "Mara Manager" in message.subject


def test_manager_cannot_invite_into_another_team(client: Client, cast: Cast) -> None:
    client.force_login(cast.manager.user)
    response = invite(client, team=cast.other_manager.team_id)
    assert response.status_code == 200  # the form says the choice is not valid
    assert not Person.objects.filter(email="nina@northwind.example").exists()
    assert mail.outbox == []


def test_manager_cannot_invite_a_director(cast: Cast) -> None:
    with pytest.raises(AccessDenied):
        invite_user(
            inviter=cast.manager,
            email="x@northwind.example",
            name="X",
            role="director",
            team=cast.manager.team,
        )


def test_director_invites_a_manager_anywhere_in_the_organisation(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.director.user)
    assert invite(client, role="manager", team=cast.other_manager.team_id).status_code == 302
    assert Person.objects.get(email="nina@northwind.example").team == cast.other_manager.team


def test_director_cannot_invite_into_another_organisations_team(client: Client, cast: Cast) -> None:
    client.force_login(cast.director.user)
    foreign = TeamFactory(organization=cast.outside_director.organization)
    assert invite(client, team=foreign.pk).status_code == 200
    assert not Person.objects.filter(email="nina@northwind.example").exists()


def test_an_existing_email_is_not_taken_over(client: Client, cast: Cast) -> None:
    client.force_login(cast.director.user)
    response = invite(client, email=cast.outside_director.email, team=cast.manager.team_id)
    assert "already has a place" in response.content.decode()
    cast.outside_director.refresh_from_db()
    assert cast.outside_director.organization.name == "Contoso"


@pytest.mark.parametrize("who", ["rep", "teammate"])
def test_reps_cannot_invite(client: Client, cast: Cast, who: str) -> None:
    client.force_login(getattr(cast, who).user)
    assert client.get("/users/invite/").status_code == 404
    assert invite(client, team=cast.manager.team_id).status_code == 404


def test_the_invitation_link_sets_a_password_once(client: Client, cast: Cast) -> None:
    client.force_login(cast.manager.user)
    invite(client, team=cast.manager.team_id)
    client.logout()
    link = link_in(mail.outbox[0])
    form_url = client.get(link).url  # Django moves the token into the session
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post(form_url, data).url == "/accounts/reset/done/"
    assert client.login(username="nina@northwind.example", password=NEW_PASSWORD)
    client.logout()
    assert "no longer valid" in client.get(link, follow=True).content.decode()


def test_forgot_password_reaches_an_invited_person_without_a_password(
    client: Client, cast: Cast
) -> None:
    add_user(
        organization=cast.director.organization,
        email="ivy@northwind.example",
        name="Ivy",
        team=cast.manager.team,
    )
    response = client.post("/accounts/password/reset/", {"email": "ivy@northwind.example"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "/accounts/reset/" in message.body


def test_forgot_password_for_an_unknown_address_says_the_same_and_sends_nothing(
    client: Client, db: None
) -> None:
    response = client.post("/accounts/password/reset/", {"email": "nobody@northwind.example"})
    assert response.url == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_password_change_needs_the_old_password(client: Client, cast: Cast) -> None:
    client.force_login(cast.rep.user)
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post("/accounts/password/change/", data).url == "/accounts/password/change/done/"
    cast.rep.user.refresh_from_db()
    assert cast.rep.user.check_password(NEW_PASSWORD)


def test_people_page_lists_the_team_with_login_state(client: Client, cast: Cast) -> None:
    client.force_login(cast.manager.user)
    html = client.get("/users/").content.decode()
    assert "Rita Rep" in html and "Walt West" not in html


def test_add_user_refuses_a_weak_password_and_a_foreign_team(cast: Cast) -> None:
    org = cast.director.organization
    with pytest.raises(ConfigError, match="password"):
        add_user(
            organization=org,
            email="p@northwind.example",
            name="P",
            team=cast.manager.team,
            password="123",
        )
    foreign = TeamFactory(organization=cast.outside_director.organization)
    with pytest.raises(ConfigError, match="another organisation"):
        add_user(organization=org, email="p@northwind.example", name="P", team=foreign)
    assert not get_user_model().objects.filter(username="p@northwind.example").exists()


def test_an_admin_login_without_a_person_is_not_handed_to_a_team(
    client: Client, cast: Cast
) -> None:
    get_user_model().objects.create_superuser("root@northwind.example", "root@northwind.example")
    client.force_login(cast.manager.user)
    response = invite(client, email="root@northwind.example", team=cast.manager.team_id)
    assert "already has a place" in response.content.decode()
    assert not Person.objects.filter(email="root@northwind.example").exists()


def test_a_rep_invited_by_a_director_needs_a_team(client: Client, cast: Cast) -> None:
    client.force_login(cast.director.user)
    assert "belong to a team" in invite(client, team="").content.decode()
    assert invite(client, role="director", team="").status_code == 302
