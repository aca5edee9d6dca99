"""Content-Security-Policy on every response (Django 5.2 has no built-in CSP).

The policy (settings.CONTENT_SECURITY_POLICY) allows scripts and styles only from our own
origin: templates carry no inline <script>, no on* handler attributes and no style attributes
(tests/integration/test_security_csp.py scans them and the rendered pages).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response
