"""Bearer-token authentication: `Authorization: Bearer pil_...`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from pillars.api.models import ApiToken, hash_token

# Writing last_used on every call would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        """The token's user when the token is known and the user active; else None (401)."""
        if not token or len(token) > 200:
            return None
        row = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=hash_token(token), user__is_active=True)
            .first()
        )
        if row is None:
            return None
        now = timezone.now()
        if row.last_used is None or now - row.last_used > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=row.pk).update(last_used=now)
        request.user = row.user
        return row.user
