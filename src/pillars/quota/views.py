"""Thin views of the quota pillar: access helper -> form -> action -> render."""

from __future__ import annotations

from decimal import DecimalException
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pillars.domain.quota_values import QuotaInputError
from pillars.exporters.workbook import WorkbookInputs, calculator_workbook
from pillars.quota import access
from pillars.quota.actions import save_scenario, update_scenario
from pillars.quota.forms import DEFAULTS, OUT_OF_RANGE, CalculatorForm, SaveForm
from pillars.quota.models import QuotaScenario
from pillars.quota.results import results
from pillars.teams.access import person_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _calculator_form(
    data: QueryDict | dict[str, Any], base: dict[str, str] | None = None
) -> CalculatorForm:
    """Bound to the inputs asked for; an input not given takes its default (the worked
    examples, or a saved scenario's inputs), so a link with only `?salary=70000` works."""
    given = data.dict() if isinstance(data, QueryDict) else dict(data)
    return CalculatorForm({**DEFAULTS, **(base or {}), **given})


def _page(request: HttpRequest, form: CalculatorForm, context: dict[str, Any]) -> HttpResponse:
    """The whole page, or for an htmx request only the results partial."""
    if form.is_valid() and form.scenario is not None:
        try:
            context["results"] = results(form.scenario, form.cleaned_data.get("try_revenue"))
        except DecimalException:
            form.add_error(None, OUT_OF_RANGE)
    context["form"] = form
    htmx = getattr(request, "htmx", False)
    template = "quota/calculator.html"
    response = render(request, f"{template}#results" if htmx else template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def calculator(request: HttpRequest) -> HttpResponse:
    """The calculator: recomputes as the inputs change (htmx GET of the same URL)."""
    me = person_of(request.user)
    save_form = SaveForm(targets=access.save_targets(me))
    return _page(request, _calculator_form(request.GET), {"save_form": save_form})


@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the calculator's inputs as a scenario for one person or one team."""
    me = person_of(request.user)
    targets = access.save_targets(me)
    form, save_form = CalculatorForm(request.POST), SaveForm(request.POST, targets=targets)
    if me is None or not targets:
        raise PermissionDenied("Only directors and managers set quotas")
    if not (form.is_valid() and save_form.is_valid()):
        return _page(request, form, {"save_form": save_form})
    kind, _, pk = save_form.cleaned_data["owner"].partition(":")
    owner = {"person": access.get_quota_person_for_user, "team": access.get_quota_team_for_user}
    target = owner[kind](request.user, int(pk))
    scenario = save_scenario(
        author=me,
        name=save_form.cleaned_data["name"],
        kind=form.cleaned_data["kind"],
        inputs=form.stored_inputs(),
        **{kind: target},
    )
    return redirect("quota:scenario", scenario_id=scenario.pk)


@login_required
@require_http_methods(["GET", "POST"])
def scenario_detail(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """One saved scenario; its director or manager may change it, the person only reads it."""
    scenario = access.get_scenario_for_user(request.user, scenario_id)
    editable = access.may_change(person_of(request.user), scenario)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("This quota is set by your manager or director")
        form = CalculatorForm(request.POST)
        if form.is_valid():
            name = request.POST.get("name", "")
            update_scenario(
                scenario=scenario,
                name=name,
                kind=form.cleaned_data["kind"],
                inputs=form.stored_inputs(),
            )
            return redirect("quota:scenario", scenario_id=scenario.pk)
    else:
        form = _calculator_form(request.GET if editable else {}, base=scenario.inputs)
    return _page(request, form, {"scenario": scenario, "editable": editable})


@login_required
@require_GET
def scenario_workbook(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = access.get_scenario_for_user(request.user, scenario_id)
    return _workbook(_calculator_form({}, base=scenario.inputs), f"quota-{scenario.pk}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def workbook(request: HttpRequest) -> HttpResponse:
    """The calculator's current inputs as a workbook with live formulas. The page's button
    posts (a GET form would put the CSRF token in the address); a link may GET."""
    data = request.POST if request.method == "POST" else request.GET
    return _workbook(_calculator_form(data), "quota-calculator.xlsx")


def _workbook(form: CalculatorForm, filename: str) -> HttpResponse:
    if not form.is_valid() or form.scenario is None:
        return _bad_inputs(form)
    try:
        data = calculator_workbook(WorkbookInputs.from_scenario(form.scenario))
    except QuotaInputError as exc:
        form.add_error(None, exc.message)
        return _bad_inputs(form)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _bad_inputs(form: CalculatorForm) -> HttpResponse:
    """400 with one line per bad input: 'Salary a year: Expected a number ...'."""
    lines = [
        f"{form.fields[name].label if name in form.fields else 'Inputs'}: {error}"
        for name, errors in form.errors.items()
        for error in errors
    ]
    return HttpResponse(
        "The inputs are not valid:\n" + "\n".join(lines) + "\n",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@login_required
@require_GET
def scenario_list(request: HttpRequest) -> HttpResponse:
    """Every scenario the user may read: their own, their team's people, the organisation's."""
    me = person_of(request.user)
    scenarios = access.scenarios_visible_to(me) if me else QuotaScenario.objects.none()
    return render(
        request, "quota/scenarios.html", {"scenarios": scenarios, "title": "Quota scenarios"}
    )


@login_required
@require_GET
def person_scenarios(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access.get_quota_person_for_user(request.user, person_id)
    context = {"scenarios": person.quota_scenarios.all(), "title": f"Quota: {person.name}"}
    context["may_set"] = access.may_set_quota_for(person_of(request.user), person=person)
    return render(request, "quota/scenarios.html", context)


@login_required
@require_GET
def team_scenarios(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_quota_team_for_user(request.user, team_id)
    context = {"scenarios": team.quota_scenarios.all(), "title": f"Quota: team {team.name}"}
    context["may_set"] = access.may_set_quota_for(person_of(request.user), team=team)
    return render(request, "quota/scenarios.html", context)
