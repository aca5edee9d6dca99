"""Thin views of the customer pillar: access helper -> form -> query or action -> render."""

from __future__ import annotations

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pillars.customers.access import get_account_for_user, visible_accounts, visible_deals
from pillars.customers.actions import answer_qualification, override_segment
from pillars.customers.capacity_queries import capacities, sellers, team_total, today_for
from pillars.customers.charts import capacity_chart
from pillars.customers.forms import CapacityForm, QualificationForm, SegmentForm
from pillars.customers.models import AccountQualification
from pillars.customers.queries import account_rows, funnel_of
from pillars.customers.segment_queries import churn_summary, effort, segment_weeks
from pillars.domain.customers_records import Segment
from pillars.domain.segments import FUNNEL_MONTHS, funnel_period
from pillars.teams.access import get_person_for_user, visible_people
from pillars.timeuse.queries import default_range


@login_required
@require_GET
def account_list(request: HttpRequest) -> HttpResponse:
    """The accounts the user may see, by segment, with last year's revenue and hours spent;
    churn, time by segment per person and week, and effort per unit of revenue by segment."""
    today = timezone.localdate()
    accounts = list(visible_accounts(request.user).select_related("owner"))
    # Hours and deals count only the people and deals the viewer may see, even on their own
    # accounts (a colleague's deal or call on them stays out of sight).
    people, deals = visible_people(request.user), visible_deals(request.user)
    rows = account_rows(accounts, today, people=people, deals=deals)
    order = list(Segment)
    rows.sort(key=lambda r: (order.index(r.segment), -r.revenue, r.account.name))
    groups = [(segment, list(items)) for segment, items in groupby(rows, key=lambda r: r.segment)]
    first, last = default_range(people, today, 4)
    context = {"groups": groups, "rows": rows, "first": first, "last": last}
    context |= {"churn": churn_summary(accounts, today, deals=deals)}
    segments = {row.account.pk: row.segment for row in rows}  # computed once, for the page
    context["effort"] = effort(segments, today, people=people, deals=deals)
    context["weeks"] = segment_weeks(segments, first, last, people=people)
    context["segments"] = order
    return render(request, "customers/accounts.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def account_detail(request: HttpRequest, account_id: int) -> HttpResponse:
    """One account: segment (with override), deals, and the qualification questions."""
    account = get_account_for_user(request.user, account_id)
    qualification = AccountQualification.objects.filter(account=account).first()
    segment_form = SegmentForm(
        request.POST if "segment-form" in request.POST else None,
        initial={"segment": account.segment_override, "fully_penetrated": account.fully_penetrated},
    )
    q_form = QualificationForm(
        request.POST if "qualification-form" in request.POST else None, instance=qualification
    )
    if request.method == "POST":
        if segment_form.is_bound and segment_form.is_valid():
            data = segment_form.cleaned_data
            override_segment(
                account=account, segment=data["segment"], fully_penetrated=data["fully_penetrated"]
            )
            return redirect("customers:account", account_id=account.pk)
        if q_form.is_bound and q_form.is_valid():
            answer_qualification(account=account, answers=q_form.cleaned_data)
            return redirect("customers:account", account_id=account.pk)
    deals = visible_deals(request.user)
    people = visible_people(request.user)
    row = account_rows([account], timezone.localdate(), people=people, deals=deals)[0]
    context = {"account": account, "row": row, "deals": deals.filter(account=account)}
    context |= {"segment_form": segment_form, "q_form": q_form, "qualification": qualification}
    return render(request, "customers/account.html", context)


@login_required
@require_GET
def funnel(request: HttpRequest) -> HttpResponse:
    """Conversion between funnel stages from the visible deals of the funnel period (the same
    period as the capacity pages), assumed where the data is thin."""
    today = timezone.localdate()
    period = funnel_period(today)
    view = funnel_of(visible_deals(request.user), visible_people(request.user), period)
    context = {"view": view, "today": today, "period": period, "months": FUNNEL_MONTHS}
    return render(request, "customers/funnel.html", context)


@login_required
@require_GET
def capacity_team(request: HttpRequest) -> HttpResponse:
    """The reps the user may see: needed vs measured proactive hours, with the team total.
    Managers and directors carry no funnel of their own here; they are listed apart."""
    people = list(visible_people(request.user).select_related("team", "organization"))
    reps = sellers(people)
    form = CapacityForm(request.GET or None)
    today = timezone.localdate()
    window, rows = capacities(reps, form.inputs(), today, form.measure_weeks_value())
    context = {"rows": rows, "total": team_total(rows), "form": form, "window": window}
    context |= {"others": [p for p in people if p not in reps], "period": funnel_period(today)}
    context |= {"chart": capacity_chart(rows), "query": request.GET.urlencode()}
    return render(request, "customers/capacity_team.html", context)


@login_required
@require_GET
def capacity_person(request: HttpRequest, person_id: int) -> HttpResponse:
    """One person's capacity check: funnel, hours, verdict, levers and the reverse."""
    person = get_person_for_user(request.user, person_id)
    form = CapacityForm(request.GET or None)
    today = today_for(person)
    window, (row,) = capacities([person], form.inputs(), today, form.measure_weeks_value())
    context = {"person": person, "row": row, "form": form, "window": window}
    context |= {"chart": capacity_chart([row]), "assumed": form.inputs().conversion is None}
    return render(request, "customers/capacity_person.html", context)
