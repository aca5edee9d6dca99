"""Login throttling: five failures per e-mail and address within 15 minutes lock it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client

from pillars.teams import throttle
from tests.factories import PASSWORD
from tests.integration.conftest import Cast


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def login(client: Client, email: str, password: str, address: str = "10.0.0.1") -> object:
    return client.post(
        "/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_the_sixth_attempt_is_refused_even_with_the_right_password(
    client: Client, cast: Cast
) -> None:
    for _ in range(5):
        assert login(client, cast.rep.email, "wrong").status_code == 200
    response = login(client, cast.rep.email, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address_and_per_username(client: Client, cast: Cast) -> None:
    for _ in range(5):
        login(client, cast.rep.email, "wrong")
    assert login(client, cast.rep.email, PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert login(client, cast.teammate.email, PASSWORD).status_code == 302


def test_a_success_clears_the_count(client: Client, cast: Cast) -> None:
    for _ in range(4):
        login(client, cast.rep.email, "wrong")
    assert login(client, cast.rep.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        login(client, cast.rep.email, "wrong")
    assert login(client, cast.rep.email, PASSWORD).status_code == 302


def test_the_window_ends_fifteen_minutes_after_the_first_failure() -> None:
    for second in range(5):
        throttle.record_failure("Ana@x.example", "1.2.3.4", now=1000.0 + second)
    assert throttle.seconds_locked("ana@x.example", "1.2.3.4", now=1010.0) == 890
    assert throttle.seconds_locked("ana@x.example", "1.2.3.4", now=1000.0 + 900) == 0
    assert throttle.record_failure("ana@x.example", "1.2.3.4", now=1000.0 + 901) == 1


def test_usernames_are_not_kept_in_clear() -> None:
    throttle.record_failure("ana@x.example", "1.2.3.4")
    keys = list(cache._cache)  # type: ignore[attr-defined]
    assert keys and not any("ana" in key for key in keys)


def test_the_admin_login_is_throttled_too(client: Client, cast: Cast) -> None:
    cast.rep.user.is_staff = True
    cast.rep.user.save()
    data = {"username": cast.rep.email, "password": "wrong", "next": "/admin/"}
    for _ in range(5):
        client.post("/admin/login/", data, REMOTE_ADDR="10.0.0.9")
    response = client.post("/admin/login/", data | {"password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_stop_after_five_requests(client: Client, cast: Cast) -> None:
    for _ in range(7):
        response = client.post("/accounts/password/reset/", {"email": cast.rep.email})
        assert response.url == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 5


def test_behind_a_proxy_the_client_address_comes_from_its_header(
    client: Client, cast: Cast, settings: object
) -> None:
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"  # type: ignore[attr-defined]
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": cast.rep.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    # The same e-mail from another client behind the same proxy still gets in; a client that
    # claims another address first cannot escape the lock (the proxy's last entry counts).
    elsewhere = client.post(
        "/accounts/login/",
        {"username": cast.rep.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert elsewhere.status_code == 302
    client.logout()
    spoofed = client.post(
        "/accounts/login/",
        {"username": cast.rep.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="10.1.1.1, 203.0.113.9",
    )
    assert spoofed.status_code == 429


def test_the_email_logs_in_whatever_its_case_and_spaces(client: Client, cast: Cast) -> None:
    typed = f"  {cast.rep.email.upper()} "
    assert login(client, typed, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(cast.rep.user.pk)


def test_every_case_of_the_email_counts_towards_the_same_lock(client: Client, cast: Cast) -> None:
    email = cast.rep.email
    for variant in (email, email.upper(), email.title(), f" {email} ", email.swapcase()):
        assert login(client, variant, "wrong").status_code == 200
    for variant in (email, email.upper(), f" {email.title()}"):
        assert login(client, variant, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_login_stored_in_mixed_case_logs_in_lower_case(client: Client, db: None) -> None:
    user = get_user_model().objects.create_user(
        username="Ana.Mixed@Acme.example", password=PASSWORD
    )
    assert login(client, "ana.mixed@acme.example", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
