"""People and access pages: the throttled login, the people list and invitations."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pillars.errors import AccessDenied, ConfigError
from pillars.teams.access import (
    get_alias_person_for_user,
    is_team_viewer,
    oversees,
    person_of,
    visible_people,
)
from pillars.teams.actions import add_aliases, invite_user, remove_aliases
from pillars.teams.forms import AliasForm, InviteForm, ThrottledAuthenticationForm
from pillars.teams.invites import send_invitation
from pillars.teams.models import Person

log = logging.getLogger(__name__)


class LoginView(auth_views.LoginView):
    """Django's login with throttling: a refused attempt answers 429 with the reason."""

    form_class = ThrottledAuthenticationForm

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if form.is_throttled():
            response.status_code = 429
        return response


@login_required
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    """The people a manager or director can see, with whether they have logged in yet."""
    me = _team_viewer(request)
    people = visible_people(request.user).select_related("team", "user").order_by("name", "pk")
    people = list(people.prefetch_related("aliases"))
    editable = {p.pk for p in people if oversees(me, p)}
    return render(request, "teams/users.html", {"people": people, "editable": editable})


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    """Create a person and their login, and e-mail them a link to set their password."""
    me = _team_viewer(request)
    form = InviteForm(request.POST or None, inviter=me)
    if request.method == "POST" and form.is_valid():
        try:
            person = invite_user(inviter=me, **form.cleaned_data)
        except (AccessDenied, ConfigError) as exc:
            form.add_error(None, str(exc))
        else:
            _send(request, person, me)
            return redirect("users")
    return render(request, "teams/invite.html", {"form": form, "me": me})


@login_required
@require_http_methods(["GET", "POST"])
def aliases(request: HttpRequest, person_id: int) -> HttpResponse:
    """The names and CRM user ids that shared exports use for a person: add or remove one."""
    person = get_alias_person_for_user(request.user, person_id)
    form = AliasForm(request.POST or None)
    if request.method == "POST" and "remove" in request.POST:
        remove_aliases(person=person, aliases=[request.POST["remove"]])
        return redirect("aliases", person_id=person.pk)
    if request.method == "POST" and form.is_valid():
        try:
            viewer = person_of(request.user)
            add_aliases(person=person, aliases=[form.cleaned_data["alias"]], viewer=viewer)
        except ConfigError as exc:
            form.add_error("alias", str(exc))
        else:
            return redirect("aliases", person_id=person.pk)
    names = person.aliases.order_by("alias")
    return render(request, "teams/aliases.html", {"person": person, "form": form, "names": names})


def _send(request: HttpRequest, person: Person, me: Person) -> None:
    try:
        send_invitation(
            person=person, inviter=me, domain=request.get_host(), use_https=request.is_secure()
        )
    except (OSError, smtplib.SMTPException):
        log.exception("invitation e-mail to %s failed", person.email)
        messages.warning(
            request,
            f"{person.name} was added, but the e-mail could not be sent: they can use "
            "“Forgot your password?” on the login page.",
        )
        return
    messages.success(
        request, f"{person.name} was added; an e-mail to set a password is on its way."
    )


def _team_viewer(request: HttpRequest) -> Person:
    """The signed-in manager or director; anyone else gets a 404 (nothing to see here)."""
    me = person_of(request.user)
    if me is None or not is_team_viewer(request.user):
        raise Http404("No such page")
    return me
