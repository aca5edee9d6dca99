"""`pillars quota sensitivity|ramp|cash|presets|workbook`: planning around a quota."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from pillars.cli.common import ListFormat, console, err_console, one_line_errors
from pillars.cli.options import number, number_list, share
from pillars.cli.quota_render import rows_table, show
from pillars.domain import quota as q
from pillars.domain import saas_cash as cash
from pillars.domain.employee_cost import presets
from pillars.domain.quota_scenario import ScenarioInputs, compute
from pillars.domain.quota_values import QuotaInputError
from pillars.exporters import quota_report as rep
from pillars.exporters.workbook import WorkbookInputs, calculator_workbook

Fmt = Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")]


@one_line_errors
def sensitivity_command(
    salary: Annotated[
        str, typer.Option("--salary", help="Yearly base salary (SaaS grid).")
    ] = "60000",
    multipliers: Annotated[
        str, typer.Option("--multipliers", help="Rows of the SaaS grid.")
    ] = "1.5,1.6,1.7,1.8,1.9,2.0",
    units: Annotated[
        str, typer.Option("--units", help="Columns of the SaaS grid (the seed's range 3.5-9).")
    ] = "3.5,4,4.5,5,6,7,8,9",
    pure_cost: Annotated[
        str, typer.Option("--pure-cost", help="Industrial pure cost (rep + support).")
    ] = "300000",
    margins: Annotated[
        str, typer.Option("--margins", help="Rows of the industrial grid: gross margins.")
    ] = "0.25,0.30,0.35,0.40,0.45,0.50",
    extras: Annotated[
        str, typer.Option("--extras", help="Columns of the industrial grid: extra amounts.")
    ] = "0,100000,200000,300000",
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """Quota for a grid of multipliers x units (SaaS) and margins x extras (industrial)."""
    saas = q.saas_grid(
        number("--salary", salary),
        number_list("--multipliers", multipliers),
        number_list("--units", units),
    )
    industrial = q.industrial_grid(
        number("--pure-cost", pure_cost),
        number_list("--margins", margins, unit="share"),
        number_list("--extras", extras),
    )
    data = {"saas": rep.grid_to_dict(saas), "industrial": rep.grid_to_dict(industrial)}
    if output_format == ListFormat.JSON:
        show(data, output_format, "")
        return
    for name, grid in (("SaaS quota", saas), ("Industrial quota", industrial)):
        rows = [
            {
                grid.row_label: rep.ratio(r),
                **{_head(c): rep.money(v) for c, v in zip(grid.columns, line, strict=True)},
            }
            for r, line in zip(grid.rows, grid.values, strict=True)
        ]
        console.print(rows_table(f"{name}: {grid.row_label} x {grid.column_label}", rows))


def _head(value: Decimal) -> str:
    return f"{rep.ratio(value):g}" if value < 100 else f"{rep.money(value):,}"


@one_line_errors
def ramp_command(
    quota: Annotated[str, typer.Option("--quota", help="Full yearly quota.")],
    ramp: Annotated[
        str, typer.Option("--ramp", help="Monthly percentages of a new hire, then full.")
    ] = "0,25,50,75,100",
    target: Annotated[
        str | None, typer.Option("--target", help="Revenue target: how many reps it needs.")
    ] = None,
    attainment: Annotated[
        str, typer.Option("--attainment", help="Expected attainment (0.8 or 80%).")
    ] = "1",
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """First-year expected quota of a new hire; reps needed for a revenue target."""
    full = number("--quota", quota)
    shares = number_list("--ramp", ramp, unit="percent", least=0)
    data: dict[str, object] = {
        "quota": rep.money(full),
        "ramp": [rep.ratio(s) for s in shares],
        "first_year_quota": rep.money(q.first_year_quota(full, shares)),
    }
    if target is not None:
        goal, expected = number("--target", target), share("--attainment", attainment)
        need = q.headcount_needed(goal, full, expected)
        data |= {"target": rep.money(goal), "attainment": rep.ratio(expected)}
        data |= {"headcount_exact": rep.ratio(need.exact), "headcount": need.people}
    show(data, output_format, "Ramp and headcount")


@one_line_errors
def cash_command(
    arr: Annotated[
        str, typer.Option("--arr", help="First-year new ARR of the rep (or the quota).")
    ],
    acquisition_cost: Annotated[
        str, typer.Option("--acquisition-cost", help="Cost of sales to win it (CAC).")
    ],
    gross_margin: Annotated[
        str, typer.Option("--gross-margin", help="Gross margin of the subscription.")
    ] = "0.8",
    churn: Annotated[str, typer.Option("--churn", help="Yearly churn, for LTV:CAC.")] = "0.1",
    quarters: Annotated[
        str | None,
        typer.Option(
            "--quarters", help="Magic number: 'revenue this Q, revenue last Q, S&M last Q'."
        ),
    ] = None,
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """Cash checks: ARR > CAC (strict), after gross margin, CAC payback, LTV:CAC, magic number."""
    check = cash.cash_check(
        number("--arr", arr),
        number("--acquisition-cost", acquisition_cost),
        share("--gross-margin", gross_margin),
    )
    data: dict[str, object] = {
        "first_year_arr": rep.money(check.first_year_arr),
        "acquisition_cost": rep.money(check.acquisition_cost),
        "gross_margin": rep.ratio(check.gross_margin),
        "arr_covers_cac": check.covers,
        "margin_covers_cac": check.covers_after_margin,
        "cac_payback_months": rep.ratio(cash.cac_payback_months(check), 1),
        "ltv_to_cac": rep.ratio(cash.ltv_to_cac(check, share("--churn", churn)), 2),
    }
    if quarters is not None:
        figures = number_list("--quarters", quarters, count=3)
        data["magic_number"] = rep.ratio(cash.magic_number(*figures), 2)
    show(data, output_format, "SaaS cash checks")


@one_line_errors
def presets_command(output_format: Fmt = ListFormat.TABLE) -> None:
    """The employer-charge presets by country: rates, caps, year and source (approximations)."""
    data = [
        {
            "code": p.code,
            "country": p.country,
            "year": p.year,
            "currency": p.currency,
            "nominal_rate": rep.ratio(p.nominal_rate()),
            "charges": [
                {
                    "name": c.name,
                    "rate": rep.ratio(c.rate),
                    "cap": None if c.cap is None else rep.money(c.cap),
                }
                for c in p.charges
            ],
            "source": p.source,
        }
        for p in presets().values()
    ]
    if output_format == ListFormat.JSON:
        show(
            {"presets": data, "note": "approximations for planning, not payroll"}, output_format, ""
        )
        return
    rows = [{k: v for k, v in d.items() if k != "charges"} for d in data]
    show(
        {"presets": rows},
        ListFormat.TABLE,
        "Employer charges (approximations for planning, not payroll)",
    )


@one_line_errors
def workbook_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="The .xlsx file to write.")],
    salary: Annotated[str, typer.Option("--salary", help="SaaS: yearly salary.")] = "60000",
    multiplier: Annotated[str, typer.Option("--multiplier", help="SaaS: cost multiplier.")] = "1.5",
    units: Annotated[str, typer.Option("--units", help="SaaS: units of cost.")] = "5",
    cost_per_person: Annotated[
        str, typer.Option("--cost-per-person", help="Industrial: cost of one person.")
    ] = "100000",
    extra: Annotated[str, typer.Option("--extra", help="Industrial: extra amount.")] = "100000",
    cogs: Annotated[str, typer.Option("--cogs", help="Industrial: cost of goods share.")] = "0.65",
    variable: Annotated[str, typer.Option("--variable", help="On-target variable pay.")] = "25000",
    accelerator: Annotated[str, typer.Option("--accelerator", help="Slope above quota.")] = "1.5",
    currency: Annotated[
        str, typer.Option("--currency", help="Currency code for the number formats.")
    ] = "EUR",
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """Write the calculator as a workbook: both scenarios, inputs marked, results as formulas."""
    if out.suffix.lower() != ".xlsx":
        raise QuotaInputError("--out", f"expected a .xlsx file name, got {out.name!r}")
    scenario = compute(
        ScenarioInputs(
            salary=number("--salary", salary),
            multiplier=number("--multiplier", multiplier),
            units=q.SaasUnits.of_total(number("--units", units)),
            cost_per_person=number("--cost-per-person", cost_per_person),
            extra=number("--extra", extra),
            cogs=share("--cogs", cogs),
            variable=number("--variable", variable),
            accelerator=number("--accelerator", accelerator),
        )
    )
    out.write_bytes(calculator_workbook(WorkbookInputs.from_scenario(scenario, currency)))
    err_console.print(f"wrote {out}", highlight=False)
    summary = {
        "out": str(out),
        "sheets": ["Calculator", "Payout"],
        "saas_quota": rep.money(scenario.saas.quota),
        "industrial_quota": rep.money(scenario.industrial.quota),
        "break_even": rep.money(scenario.industrial.break_even),
    }
    show(summary, output_format, "Workbook (figures the formulas give)")
