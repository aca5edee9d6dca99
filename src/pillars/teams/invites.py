"""The set-password e-mail of an invitation, through Django's password-reset machinery.

The link is a password-reset link (uid + token): it works once, expires after
PASSWORD_RESET_TIMEOUT and becomes invalid as soon as a password is set.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from pillars.teams.forms import InvitingPasswordResetForm
from pillars.teams.models import Person


def send_invitation(*, person: Person, inviter: Person, domain: str, use_https: bool) -> None:
    """E-mail the person a link to set their password (console backend unless SMTP is set)."""
    user: Any = person.user
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": "Pillars",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
        "person": person,
        "inviter": inviter,
    }
    InvitingPasswordResetForm().send_mail(
        "registration/invite_subject.txt",
        "registration/invite_email.txt",
        context,
        settings.DEFAULT_FROM_EMAIL,
        user.email,
    )
