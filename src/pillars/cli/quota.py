"""`pillars quota ...`: quota from the cost of sales, break-even, payout, the workbook."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import typer

from pillars.cli import quota_plan as plan_cmds
from pillars.cli.common import ListFormat, one_line_errors
from pillars.cli.options import number, share
from pillars.cli.quota_render import show
from pillars.domain import quota as q
from pillars.domain.payout import PayoutRow, make_plan, parse_tiers, payout_at, payout_table
from pillars.domain.quota_scenario import ScenarioInputs, employee_cost
from pillars.domain.quota_values import QuotaInputError
from pillars.exporters import quota_report as rep

quota_app = typer.Typer(
    help="Quota from the cost of sales: SaaS and industrial quotas, break-even, payout curve.",
    no_args_is_help=True,
)


def _opt(name: str, help_: str) -> Any:
    return typer.Option(name, help=help_)


Fmt = Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")]
Salary = Annotated[str, _opt("--salary", "Yearly gross base salary.")]
Multiplier = Annotated[
    str | None, _opt("--multiplier", "Employee cost / salary (1.5-2.0). Omit to use --country.")
]
Country = Annotated[
    str, _opt("--country", "Employer-charge preset: SE, ES, DE or US (see `quota presets`).")
]
OtherCosts = Annotated[
    str, _opt("--other-costs", "Other loaded costs a year: pension top-up, car, IT, office.")
]
Variable = Annotated[str, _opt("--variable", "On-target variable pay a year.")]
Accelerator = Annotated[
    str, _opt("--accelerator", "Payout slope above quota, times the slope below (1 to 10).")
]
Cap = Annotated[str | None, _opt("--cap", "Most paid, times the variable (2 = 200 %).")]
ThresholdShare = Annotated[
    str | None, _opt("--threshold", "Start paying at this share of quota instead of break-even.")
]
Tiers = Annotated[
    str | None,
    _opt(
        "--tiers",
        "Bend the line below quota: ATTAINMENT:PAYOUT breakpoints, each a share of quota and "
        "a share of the variable, rising, between the threshold and 100 % (e.g. "
        "'0.9:0.5' or '80%:25%,90%:50%'; a last '1:1' is implied).",
    ),
]


def _d(field: str, value: str | None) -> Decimal | None:
    return None if value is None else number(field, value)


def _cost_inputs(salary: str, multiplier: str | None, country: str, other: str) -> ScenarioInputs:
    if multiplier is None and not country:
        raise QuotaInputError("--multiplier", "give a multiplier (1.5) or a --country preset")
    return ScenarioInputs(
        salary=number("--salary", salary),
        multiplier=_d("--multiplier", multiplier),
        country=country,
        other_costs=number("--other-costs", other),
    )


@quota_app.command("cost")
@one_line_errors
def cost_command(
    salary: Salary,
    multiplier: Multiplier = None,
    country: Country = "",
    other_costs: OtherCosts = "0",
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """Employee cost from salary: a multiplier, or a country's employer charges plus other costs."""
    cost = employee_cost(_cost_inputs(salary, multiplier, country, other_costs))
    show(rep.cost_to_dict(cost), output_format, "Employee cost")


@quota_app.command("saas")
@one_line_errors
def saas_command(
    salary: Salary,
    multiplier: Multiplier = None,
    country: Country = "",
    other_costs: OtherCosts = "0",
    units: Annotated[
        str,
        _opt(
            "--units",
            "Units of employee cost: 1 own + 1 direct + 1 overhead + the rest margin and risk.",
        ),
    ] = "5",
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """SaaS quota: units of employee cost the rep's new first-year value must carry."""
    cost = employee_cost(_cost_inputs(salary, multiplier, country, other_costs))
    result = q.saas_quota(cost, q.SaasUnits.of_total(number("--units", units)))
    show(rep.saas_to_dict(result), output_format, "SaaS quota")


@quota_app.command("industrial")
@one_line_errors
def industrial_command(
    cost_per_person: Annotated[
        str, _opt("--cost-per-person", "Yearly employee cost of one person.")
    ],
    cogs: Annotated[
        str | None, _opt("--cogs", "Cost of goods, share of list price (0.65 or 65%).")
    ] = None,
    margin: Annotated[
        str | None, _opt("--margin", "Gross margin instead of --cogs (0.35 or 35%).")
    ] = None,
    presales: Annotated[str, _opt("--presales", "Presales people per rep.")] = "1",
    backoffice: Annotated[str, _opt("--backoffice", "Back-office positions per rep.")] = "1",
    support_cost: Annotated[
        str | None,
        _opt("--support-cost", "Cost of one support person (default: --cost-per-person)."),
    ] = None,
    extra: Annotated[
        str, _opt("--extra", "Management overhead, margin and risk, as an amount.")
    ] = "0",
    extra_units: Annotated[
        str, _opt("--extra-units", "The same as units of --cost-per-person (added to --extra).")
    ] = "0",
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """Industrial quota = (pure cost + extra) / gross margin; break-even = pure cost / margin."""
    per_person = number("--cost-per-person", cost_per_person)
    gross_margin = _margin(cogs, margin)
    each = number("--support-cost", support_cost) if support_cost is not None else per_person
    support = q.default_support(
        each, number("--presales", presales), number("--backoffice", backoffice)
    )
    added = number("--extra", extra) + number("--extra-units", extra_units) * per_person
    result = q.industrial_quota(
        rep_cost=per_person, support=support, extra=added, gross_margin=gross_margin
    )
    show(rep.industrial_to_dict(result), output_format, "Industrial quota")


def _margin(cogs: str | None, margin: str | None) -> Decimal:
    if (cogs is None) == (margin is None):
        raise QuotaInputError("--cogs", "give either --cogs or --margin")
    if cogs is not None:
        return q.gross_margin_from_cogs(share("--cogs", cogs))
    return q.check_gross_margin(share("--margin", margin or ""))


@quota_app.command("payout")
@one_line_errors
def payout_command(
    quota: Annotated[str, _opt("--quota", "The quota (100 % attainment).")],
    variable: Variable,
    break_even: Annotated[str | None, _opt("--break-even", "Revenue where payout starts.")] = None,
    threshold: ThresholdShare = None,
    accelerator: Accelerator = "1",
    cap: Cap = None,
    tiers: Tiers = None,
    at: Annotated[
        list[str] | None, _opt("--at", "Revenue to price (repeatable); without it, the table.")
    ] = None,
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """Variable pay against revenue: from the threshold to 100 % at quota, accelerator above."""
    plan = make_plan(
        quota=number("--quota", quota),
        variable=number("--variable", variable),
        break_even=_d("--break-even", break_even),
        threshold_share=None if threshold is None else share("--threshold", threshold),
        accelerator=number("--accelerator", accelerator),
        cap=_d("--cap", cap),
        tiers=parse_tiers(tiers) if tiers is not None else (),
    )
    if at:
        revenues = [number("--at", r) for r in at]
        rows = [PayoutRow(r / plan.quota, r, payout_at(plan, r)) for r in revenues]
    else:
        rows = payout_table(plan)
    data = {"plan": rep.plan_to_dict(plan), "rows": rep.rows_to_list(rows, plan.variable)}
    show(data, output_format, "Payout plan")


quota_app.command("sensitivity")(plan_cmds.sensitivity_command)
quota_app.command("ramp")(plan_cmds.ramp_command)
quota_app.command("cash")(plan_cmds.cash_command)
quota_app.command("presets")(plan_cmds.presets_command)
quota_app.command("workbook")(plan_cmds.workbook_command)
