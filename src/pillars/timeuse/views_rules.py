"""The Rules page: the organisation's ordered rules, then the shipped defaults (read-only).

Managers and directors add, edit, move and switch rules on or off; each change shows first
how many stored entries it would move between categories, and saving re-classifies them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pillars.domain.classify import default_rules, rule_to_mapping
from pillars.teams.access import visible_people
from pillars.teams.models import Organization
from pillars.timeuse.access_plans import (
    can_edit_rules,
    get_rule_for_user,
    get_rules_organization_for_user,
)
from pillars.timeuse.actions_rules import apply_rules
from pillars.timeuse.forms_rules import RuleForm, WeeksForm, initial_for
from pillars.timeuse.queries_rules import (
    NEW,
    Slot,
    organization_slots,
    preview_rules_change,
    with_active,
    with_moved,
    with_saved,
)

CHANGES = {
    "up": "Move up",
    "down": "Move down",
    "deactivate": "Switch off",
    "activate": "Switch on",
}


@login_required
@require_GET
def rules_list(request: HttpRequest) -> HttpResponse:
    organization = get_rules_organization_for_user(request.user)
    context = {
        "slots": organization_slots(organization),
        "defaults": [rule_to_mapping(rule) for rule in default_rules()],
        "can_edit": can_edit_rules(request.user),
    }
    return render(request, "timeuse/rules.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rule_form(request: HttpRequest, rule_id: int = NEW) -> HttpResponse:
    """Add (rule_id NEW) or edit a rule: 'preview' shows what it moves, 'save' stores it."""
    if rule_id:
        organization = get_rule_for_user(request.user, rule_id, edit=True).organization
    else:
        organization = get_rules_organization_for_user(request.user, edit=True)
    slots = organization_slots(organization)
    current = next((s for s in slots if s.pk == rule_id), None)
    initial = initial_for(current.rule, current.active) if current else None
    form = RuleForm(request.POST or None, initial=initial)
    context: dict[str, Any] = {"form": form, "slot": current}
    if request.method == "POST" and form.is_valid():
        after = with_saved(slots, rule_id, form.rule, form.cleaned_data["active"])
        if "save" in request.POST:
            return _save(request, organization, after, f"Rule “{form.rule.name}” saved")
        context["preview"] = _preview(request, slots, after, form.preview_weeks)
    partial = "#preview" if getattr(request, "htmx", False) and request.method == "POST" else ""
    return render(request, f"timeuse/rule_form.html{partial}", context)


@login_required
@require_http_methods(["GET", "POST"])
def rule_change(request: HttpRequest, rule_id: int, change: str) -> HttpResponse:
    """Move a rule or switch it on/off: GET shows what it would move, POST applies it."""
    if change not in CHANGES:
        raise Http404("No such change")
    rule = get_rule_for_user(request.user, rule_id, edit=True)
    slots = organization_slots(rule.organization)
    after = _changed(slots, rule_id, change)
    if request.method == "POST":
        return _save(
            request, rule.organization, after, f"Rule “{rule.name}”: {CHANGES[change].lower()}"
        )
    weeks = WeeksForm(request.GET).weeks_or_default()
    preview = _preview(request, slots, after, weeks)
    context = {"rule": rule, "change": change, "label": CHANGES[change], "preview": preview}
    return render(request, "timeuse/rule_change.html", context)


def _changed(slots: list[Slot], pk: int, change: str) -> list[Slot]:
    if change in {"up", "down"}:
        return with_moved(slots, pk, -1 if change == "up" else 1)
    return with_active(slots, pk, change == "activate")


def _preview(request: HttpRequest, before: list[Slot], after: list[Slot], weeks: int) -> Any:
    people = visible_people(request.user)
    return preview_rules_change(people, before, after, now=timezone.now(), weeks=weeks)


def _save(
    request: HttpRequest, organization: Organization, slots: list[Slot], done: str
) -> HttpResponse:
    apply_rules(organization=organization, slots=slots)
    messages.success(request, f"{done}; entries re-classified.")
    return redirect("rules")
