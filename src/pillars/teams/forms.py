"""Forms of the people-and-access pages: throttled login, invitations, password reset."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from pillars.teams import throttle
from pillars.teams.models import Person, Role, Team

THROTTLED = "throttled"


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form, refusing a username+address after too many failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Your e-mail and password didn't match. Please try again.",
        THROTTLED: "Too many failed logins for this e-mail from your address. "
        "Try again in %(minutes)s minute(s), or reset your password.",
    }

    def clean_username(self) -> str:
        """The e-mail as typed, spaces around and letter case aside: the stored login's own
        spelling when one login matches it regardless of case (reset and invites ignore case
        too). The throttle's key is the lower-cased e-mail, so every variant counts alike."""
        typed = (self.cleaned_data.get("username") or "").strip()
        users = get_user_model()._default_manager
        field = get_user_model().USERNAME_FIELD
        found = list(users.filter(**{f"{field}__iexact": typed}).values_list(field, flat=True)[:2])
        return found[0] if len(found) == 1 and typed not in found else typed

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = throttle.client_address(self.request)
        wait = throttle.seconds_locked(username, address)
        if wait:
            raise forms.ValidationError(
                self.error_messages[THROTTLED],
                code=THROTTLED,
                params={"minutes": (wait + 59) // 60},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.record_failure(username, address)
            raise
        throttle.clear(username, address)
        return cleaned

    def is_throttled(self) -> bool:
        return any(e.code == THROTTLED for e in self.errors.as_data().get("__all__", []))


class InvitingPasswordResetForm(PasswordResetForm):
    """Password reset that also reaches invited people who have not set a password yet.

    Django skips logins without a usable password (they might belong to another
    authentication system); in Pillars such a login is an invitation not yet taken up.
    """

    def save(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        """Send the link, at most LOGIN_FAILURE_LIMIT times per address and e-mail per window:
        the form must not become a way to flood someone's inbox. The page says the same
        either way, so it tells nothing about which addresses have a login."""
        key = "password-reset:" + str(self.cleaned_data.get("email", ""))
        address = throttle.client_address(request)
        if throttle.seconds_locked(key, address):
            return
        throttle.record_failure(key, address)
        super().save(*args, request=request, **kwargs)

    def get_users(self, email: str) -> Iterator[Any]:
        email = email.strip().lower()
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if user.email.lower() == email)


class AliasForm(forms.Form):
    alias = forms.CharField(
        max_length=200,
        label="Name or CRM user id",
        help_text="As the owner column of a shared CRM export writes it.",
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label="E-mail")
    name = forms.CharField(max_length=200)
    role = forms.ChoiceField(choices=Role.choices, initial=Role.REP)
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False)

    def __init__(self, *args: Any, inviter: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(
            organization_id=inviter.organization_id
        ).order_by("name")
        if inviter.role == Role.MANAGER:
            # A manager invites reps into their own team: nothing to choose.
            self.fields["role"].choices = [(Role.REP.value, Role.REP.label)]
            self.fields["team"].queryset = Team.objects.filter(pk=inviter.team_id)
            self.fields["team"].initial = inviter.team_id
            self.fields["team"].required = True
            self.fields["team"].empty_label = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("role") != Role.DIRECTOR and not cleaned.get("team"):
            self.add_error("team", "Managers and reps belong to a team.")
        return cleaned

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        taken = get_user_model().objects.filter(username=email).exists()
        if taken or Person.objects.filter(email=email).exists():
            raise forms.ValidationError("Someone with this e-mail already has a place in Pillars.")
        return email


class ThrottledAdminAuthenticationForm(ThrottledAuthenticationForm, AdminAuthenticationForm):
    """The admin's login (staff only) under the same throttle as the site's."""
