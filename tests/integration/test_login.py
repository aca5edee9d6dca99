"""The login page and logout: our templates around Django's auth views."""

from __future__ import annotations

from django.test import Client

from tests.factories import PASSWORD
from tests.integration.conftest import Cast


def test_login_page_renders_with_a_csrf_token(client: Client, db: None) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert "csrfmiddlewaretoken" in html
    assert 'name="username"' in html and 'name="password"' in html
    assert "pillars/pillars.css" in html


def test_logging_in_with_the_email_lands_on_the_home_page(client: Client, cast: Cast) -> None:
    response = client.post(
        "/accounts/login/", {"username": cast.rep.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/people/{cast.rep.pk}/"


def test_a_wrong_password_says_so(client: Client, cast: Cast) -> None:
    response = client.post("/accounts/login/", {"username": cast.rep.email, "password": "nope"})
    assert "didn't match" in response.content.decode()


def test_logout_is_a_post_and_ends_the_session(client: Client, cast: Cast) -> None:
    client.force_login(cast.rep.user)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302
