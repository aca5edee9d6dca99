"""Security settings and headers: CSP, CSRF, TLS behind a proxy, production checks."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from pillars.web.settings import PLACEHOLDER_SECRET
from tests.factories import PASSWORD
from tests.integration.conftest import Cast
from tests.integration.html_checks import (
    forms_without_csrf,
    page_problems,
    template_files,
    template_problems,
)

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DEBUG": "False", "ALLOWED_HOSTS": "example.com"}
    env |= {"SECRET_KEY": secrets.token_urlsafe(60), "PILLARS_DATA_DIR": str(tmp_path)}
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' conftest in the same worker.
    for name in (
        "SECURE_COOKIES",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(name, None)
    return env | extra


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    args = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = run_python(args, production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_with_debug_off_and_the_placeholder_secret(tmp_path: Path) -> None:
    env = production_env(tmp_path, SECRET_KEY=PLACEHOLDER_SECRET)
    result = run_python(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "set SECRET_KEY to a long random value" in result.stderr


def test_refuses_to_start_with_debug_off_and_no_secret(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    assert run_python(["manage.py", "check"], env).returncode != 0


def test_production_settings_secure_cookies_hsts_and_proxy_header(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER)"
    )
    env = production_env(tmp_path, SECURE_PROXY_SSL_HEADER="true")
    env["DJANGO_SETTINGS_MODULE"] = "pillars.web.settings"
    result = run_python(["-c", code], env)
    assert result.stdout.split(maxsplit=4) == [
        "True",
        "True",
        "31536000",
        "True",
        "('HTTP_X_FORWARDED_PROTO', 'https')\n",
    ], result.stderr


@pytest.mark.parametrize("url", ["/accounts/login/", "/api/openapi.json", "/no-such-page/"])
def test_every_response_carries_the_policy(client: Client, db: None, url: str) -> None:
    policy = client.get(url)["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy


def test_hsts_and_https_redirect_behind_a_tls_proxy(settings: Any, db: None) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    client = Client()
    plain = client.get("/accounts/login/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_post_without_the_csrf_token_is_refused(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": cast.rep.email, "password": PASSWORD})
    assert response.status_code == 403


def test_templates_hold_nothing_the_policy_blocks() -> None:
    files = template_files()
    assert len(files) > 5
    found = {str(p): template_problems(p.read_text(encoding="utf-8")) for p in files}
    assert {path: problems for path, problems in found.items() if problems} == {}


def test_every_post_form_in_the_templates_has_a_csrf_token() -> None:
    found = {str(p): forms_without_csrf(p.read_text(encoding="utf-8")) for p in template_files()}
    assert {path: count for path, count in found.items() if count} == {}


def test_rendered_pages_hold_nothing_the_policy_blocks(client: Client, cast: Cast) -> None:
    client.force_login(cast.manager.user)
    pages = ["/", f"/people/{cast.rep.pk}/", "/users/", "/users/invite/"]
    pages += ["/accounts/password/change/", "/api/docs"]
    found = {url: page_problems(client.get(url).content.decode()) for url in pages}
    assert {url: problems for url, problems in found.items() if problems} == {}


def test_the_policy_is_the_settings_one(client: Client, db: None) -> None:
    response = client.get("/accounts/login/")
    assert response["Content-Security-Policy"] == django_settings.CONTENT_SECURITY_POLICY


def test_no_page_is_exempt_from_csrf() -> None:
    """Only the API is (it authenticates with a header token, which a browser never sends
    on its own); every page's POST needs the CSRF token."""
    exempt = [
        route
        for route, callback in site_callbacks()
        if getattr(callback, "csrf_exempt", False) and not route.startswith("api/")
    ]
    assert exempt == []


def site_callbacks() -> list[tuple[str, Any]]:
    def walk(patterns: list[Any], prefix: str) -> list[tuple[str, Any]]:
        found: list[tuple[str, Any]] = []
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                found += walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and not route.startswith("admin/"):
                found.append((route, pattern.callback))
        return found

    return walk(get_resolver().url_patterns, "")
