"""Login throttling: after LOGIN_FAILURE_LIMIT failed logins for one username from one
address within LOGIN_FAILURE_WINDOW seconds, further attempts are refused until the window
(counted from the first failure) is over. A success clears the count.

The count lives in Django's cache (settings.CACHES: per process by default, shared between
workers with the file or database cache). Keys are hashed: usernames are not stored in clear.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache


def _limit() -> int:
    return int(getattr(settings, "LOGIN_FAILURE_LIMIT", 5))


def _window() -> int:
    return int(getattr(settings, "LOGIN_FAILURE_WINDOW", 900))


def _key(username: str, address: str) -> str:
    raw = f"{username.strip().lower()}\n{address}".encode()
    return "login-failures:" + hashlib.sha256(raw).hexdigest()


def client_address(request: Any) -> str:
    """The client's address: REMOTE_ADDR, or behind a proxy the header it sets
    (settings.CLIENT_IP_HEADER, e.g. HTTP_X_REAL_IP; for X-Forwarded-For its last entry,
    the one our proxy added: earlier ones are whatever the client claimed)."""
    meta = getattr(request, "META", {})
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header and meta.get(header):
        return str(meta[header]).split(",")[-1].strip() or "unknown"
    return str(meta.get("REMOTE_ADDR", "") or "unknown")


def _state(key: str, now: float) -> tuple[int, float]:
    value = cache.get(key)
    if not value:
        return 0, now
    count, started = value
    if now - started >= _window():
        return 0, now
    return int(count), float(started)


def seconds_locked(username: str, address: str, *, now: float | None = None) -> int:
    """Seconds until this username may try again from this address; 0 when not locked."""
    now = time.time() if now is None else now
    count, started = _state(_key(username, address), now)
    if count < _limit():
        return 0
    return max(1, int(started + _window() - now))


def record_failure(username: str, address: str, *, now: float | None = None) -> int:
    """Count one failed login; returns the number of failures in the current window."""
    now = time.time() if now is None else now
    key = _key(username, address)
    count, started = _state(key, now)
    remaining = max(1, int(started + _window() - now))
    cache.set(key, (count + 1, started), timeout=remaining)
    return count + 1


def clear(username: str, address: str) -> None:
    """Forget the failures (after a successful login)."""
    cache.delete(_key(username, address))
