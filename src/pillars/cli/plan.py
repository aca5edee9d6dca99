"""`pillars plan`: the capacity check, the revenue plan, and account/deal imports."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import typer
from rich.table import Table

from pillars.cli.common import ListFormat, console, dump_json, one_line_errors, write_output
from pillars.cli.options import number, number_list, whole_number
from pillars.cli.plan_customers import import_accounts_command, import_deals_command, link_command
from pillars.domain.capacity import (
    DEFAULT_WEEKS,
    Capacity,
    Funnel,
    PlanInputs,
    check_capacity,
    plan_revenue,
)
from pillars.errors import ConfigError

plan_app = typer.Typer(
    help="Can the calendar carry the funnel the quota needs? Plans, and account/deal imports.",
    no_args_is_help=True,
)
plan_app.command("import-accounts")(import_accounts_command)
plan_app.command("import-deals")(import_deals_command)
plan_app.command("link-activities")(link_command)

Fmt = Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")]
DEFAULT_CONVERSION = "0.1,0.5,0.5,0.25"
DEFAULT_HOURS = "0.1,2.5,3,6,4"


def money(value: str, option: str) -> Decimal:
    """A non-negative amount or fraction from an option, or a one-line error. The same reader
    as every numeric option: '60,000' is refused, never read as 60 or 60000."""
    amount = number(option, value)
    if amount < 0:
        raise ConfigError(f"{option}: expected a non-negative number, got '{value}'")
    return amount


def numbers(text: str, count: int, option: str) -> tuple[Decimal, ...]:
    values = number_list(option, text, count=count)
    for raw, value in zip(text.split(","), values, strict=False):
        if value < 0:
            raise ConfigError(f"{option}: expected non-negative numbers, got '{raw.strip()}'")
    return tuple(values)


Rates = tuple[Decimal, Decimal, Decimal, Decimal]
Hours = tuple[Decimal, Decimal, Decimal, Decimal, Decimal]


def parse_rates(conversion: str) -> Rates:
    """Four rates from '0.1,0.5,0.5,0.25'; percentages like '10%' allowed."""
    values = numbers(conversion.replace("%", ""), 4, "--conversion")
    raws = [p for p in conversion.split(",") if p.strip()]
    r = tuple(v / 100 if "%" in raw else v for raw, v in zip(raws, values, strict=True))
    return r[0], r[1], r[2], r[3]


def parse_hours(hours: str) -> Hours:
    h = numbers(hours, 5, "--hours")
    return h[0], h[1], h[2], h[3], h[4]


def parse_funnel(conversion: str, hours: str) -> Funnel:
    """A Funnel from '0.1,0.5,0.5,0.25' and '0.1,2.5,3,6,4'; percentages like '10%' allowed."""
    return Funnel(parse_rates(conversion), parse_hours(hours))


@plan_app.command("capacity")
@one_line_errors
def capacity_command(
    new_revenue: Annotated[str, typer.Option("--new-revenue", help="New revenue to win a year.")],
    deal_size: Annotated[
        str | None,
        typer.Option(
            "--deal-size",
            help="Average deal size (default with --person: their average won deal of the "
            "last 12 months).",
        ),
    ] = None,
    conversion: Annotated[
        str | None,
        typer.Option(
            help="Call→first, first→second, second→proposal, proposal→win rates "
            f"(default with --person: measured, else {DEFAULT_CONVERSION})."
        ),
    ] = None,
    hours: Annotated[
        str, typer.Option(help="Hours per call, first, second meeting, proposal, close.")
    ] = DEFAULT_HOURS,
    weeks: Annotated[str, typer.Option(help="Selling weeks a year.")] = str(DEFAULT_WEEKS),
    proactive_hours: Annotated[
        str | None,
        typer.Option("--proactive-hours", help="Measured proactive hours a week."),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option("--person", "-p", help="Take hours and funnel from this person's data."),
    ] = None,
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """Wins, funnel activities and hours a week the new revenue needs, against the calendar."""
    given = money(proactive_hours, "--proactive-hours") if proactive_hours is not None else None
    if deal_size is None and not person:
        raise ConfigError("give --deal-size S, or --person EMAIL to use their average won deal")
    plan = PlanInputs(
        new_revenue=money(new_revenue, "--new-revenue"),
        deal_size=money(deal_size, "--deal-size") if deal_size is not None else None,
        conversion=parse_rates(conversion) if conversion else None,
        hours=parse_hours(hours),
        weeks=Decimal(whole_number("--weeks", weeks, minimum=1, maximum=52)),
    )
    measured: dict[str, object] = {}
    if person:
        from pillars.cli.plan_customers import capacity_for_person

        # The page's own function, with the exact measured rates and hours.
        result, measured = capacity_for_person(person, plan, proactive_hours=given)
    elif given is None:
        raise ConfigError("give --proactive-hours H, or --person EMAIL to measure them")
    else:
        assert plan.deal_size is not None  # checked above: without --person it is given
        result = check_capacity(
            new_revenue=plan.new_revenue,
            deal_size=plan.deal_size,
            funnel=Funnel(plan.conversion or parse_rates(DEFAULT_CONVERSION), plan.hours),
            proactive_hours_per_week=given,
            weeks=plan.weeks,
        )
    data = result.as_dict() | {"measured": measured} if person else result.as_dict()
    if output_format == ListFormat.JSON:
        write_output(dump_json(data), None)
        return
    _print_capacity(result)
    if not person and not conversion:
        console.print(
            f"Conversion {DEFAULT_CONVERSION}: assumed (the default), not measured; give "
            "--conversion, or --person EMAIL to measure it from the person's deals.",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    if measured:
        sources = ", ".join(str(s) for s in measured["conversion_source"])  # type: ignore[attr-defined]
        used = "as given" if conversion else f"{measured['conversion_shown']} ({sources})"
        console.print(
            f"Measured over {measured['weeks_described']}: {measured['proactive_hours']} "
            f"proactive h/week; conversion {used}, from deals created "
            f"{measured['funnel_from']} – {measured['funnel_to']}; deal size "
            f"{measured['deal_size']} ({measured['deal_size_source']}).",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def _figure(value: object) -> str:
    """A table cell: numbers with thousands separators as written ('1,296.00'), text as is.
    JSON keeps the plain figures."""
    if isinstance(value, bool):
        return str(value)
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    return f"{number:,}" if number.is_finite() else str(value)


def _print_capacity(result: Capacity) -> None:
    data = result.as_dict()
    table = Table(title="Capacity check")
    table.add_column("")
    table.add_column("value", justify="right")
    keys = (
        "wins", "proposals", "second_meetings", "first_meetings", "calls", "hours_per_year",
        "hours_per_week", "proactive_hours_per_week", "coverage", "gap_hours_per_week",
    )  # fmt: skip
    for key in keys:
        table.add_row(key.replace("_", " "), _figure(data[key]))
    console.print(table)
    console.print(result.verdict, markup=False, highlight=False)
    for lever in result.levers:
        mark = "closes the gap" if lever.closes_gap else "not enough alone"
        console.print(f"  {lever.name}: {lever.detail} ({mark})", markup=False, highlight=False)
    back = result.reachable.as_dict()
    console.print(
        f"The measured hours can carry {back['wins']} wins, "
        f"{Decimal(back['revenue']):,.0f} of new revenue a year.",
        markup=False,
        highlight=False,
    )


@plan_app.command("revenue")
@one_line_errors
def revenue_command(
    target: Annotated[str, typer.Option(help="Revenue target for the year.")],
    base: Annotated[str, typer.Option(help="Revenue of the existing customers now.")],
    churn: Annotated[str, typer.Option(help="Share of the base expected to leave (0.125).")],
    growth: Annotated[str, typer.Option(help="Planned growth from grow accounts.")],
    deal_size: Annotated[str, typer.Option("--deal-size", help="Average new-logo deal size.")],
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """Churn to replace, growth, and the new-logo revenue and wins the target needs."""
    churn_value = money(churn.rstrip("%"), "--churn")
    plan = plan_revenue(
        target=money(target, "--target"),
        base=money(base, "--base"),
        churn=churn_value / 100 if churn.endswith("%") else churn_value,
        growth=money(growth, "--growth"),
        deal_size=money(deal_size, "--deal-size"),
    )
    data = plan.as_dict()
    if output_format == ListFormat.JSON:
        write_output(dump_json(data), None)
        return
    table = Table(title="Revenue plan")
    table.add_column("")
    table.add_column("value", justify="right")
    for key, value in data.items():
        table.add_row(key.replace("_", " "), _figure(value))
    console.print(table)
    if plan.surplus > 0:
        console.print(f"No new logos needed: a surplus of {plan.surplus:,.2f}.", markup=False)
