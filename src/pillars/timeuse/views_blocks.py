"""Time blocks: next week's proposed proactive blocks, on a page and as an .ics download."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pillars.domain.timeblocks import why_short
from pillars.domain.window import iso_week_label
from pillars.exporters.ics import blocks_to_ics
from pillars.teams.access import get_person_for_user
from pillars.teams.models import Person
from pillars.timeuse.forms_plans import parse_week
from pillars.timeuse.queries_plans import BlockPlan, block_plan


def plan_for(request: HttpRequest, person: Person) -> BlockPlan:
    """?week=2026-W49, by default the week after this one in the person's zone."""
    next_week = timezone.now().astimezone(ZoneInfo(person.timezone)).date() + timedelta(weeks=1)
    return block_plan(person, parse_week(request.GET.get("week"), next_week))


@login_required
@require_GET
def blocks(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    plan = plan_for(request, person)
    context = {
        "person": person,
        "plan": plan,
        "earlier": iso_week_label(plan.monday - timedelta(weeks=1)),
        "later": iso_week_label(plan.monday + timedelta(weeks=1)),
        "short": shortfall(plan),
    }
    return render(request, "timeuse/blocks.html", context)


def shortfall(plan: BlockPlan) -> str | None:
    """Why the proposal stays below the hours still to place; None when it reaches them."""
    if not plan.blocks or plan.proposed_hours >= plan.hours_needed:
        return None
    return why_short(
        plan.blocks, monday=plan.monday, tz=ZoneInfo(plan.person.timezone), days_off=plan.days_off
    )


@login_required
@require_GET
def blocks_ics(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    plan = plan_for(request, person)
    data = blocks_to_ics(
        plan.blocks, owner=person.email, tz=ZoneInfo(person.timezone), stamp=timezone.now()
    )
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="proactive-blocks-{plan.week}.ics"'
    return response
