"""Writes on API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from pillars.api.models import ApiToken, hash_token, new_token
from pillars.errors import ConfigError


def create_token(*, user: Any, name: str = "") -> tuple[ApiToken, str]:
    """A new token for the user: the row and the token itself, which is not stored."""
    token = new_token()
    row = ApiToken.objects.create(
        user=user, name=name[:100], token_hash=hash_token(token), prefix=token[:12]
    )
    return row, token


def create_token_for_email(*, email: str, name: str = "") -> tuple[ApiToken, str]:
    """A new token for the login with this e-mail; ConfigError when there is none."""
    user = get_user_model().objects.filter(username=email.strip().lower()).first()
    if user is None or not user.is_active:
        raise ConfigError(f"no active login with e-mail {email}: add it with `pillars user add`")
    return create_token(user=user, name=name)


def revoke_token(*, prefix: str) -> int:
    """Delete the token starting with this prefix (as `pillars token list` shows it)."""
    prefix = prefix.strip().rstrip("…")
    if len(prefix) < 8:
        raise ConfigError("give at least the first 8 characters of the token")
    rows = ApiToken.objects.filter(prefix__startswith=prefix[:12])
    if rows.count() != 1:
        raise ConfigError(f"{rows.count()} tokens start with {prefix!r}: give more of it")
    rows.delete()
    return 1
