"""Option types shared by the commands, declared once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from pillars.cli.common import Format
from pillars.domain.quota_values import HUNDRED, QuotaInputError, parse_number, to_share

Files = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Calendar (.ics) and CRM/Outlook exports (.csv, .tsv, .xlsx).", show_default=False
    ),
]
Person = Annotated[
    str | None,
    typer.Option(
        "--person",
        "-p",
        help="E-mail of the person: owner of the calendar, whose attendance counts.",
    ),
]
Tz = Annotated[
    str | None,
    typer.Option(
        "--tz",
        help="IANA zone for days, weeks and times written without offset. Default: the machine's.",
    ),
]
From = Annotated[
    str | None,
    typer.Option(
        "--from", help="First day (inclusive, YYYY-MM-DD in --tz) or an ISO date-time with offset."
    ),
]
To = Annotated[
    str | None,
    typer.Option(
        "--to", help="Last day (inclusive, YYYY-MM-DD in --tz) or an ISO date-time with offset."
    ),
]
Weeks = Annotated[
    int,
    typer.Option(
        "--weeks", min=1, max=520, help="The last N whole ISO weeks (ignored with --from/--to)."
    ),
]
InternalDomain = Annotated[
    list[str] | None,
    typer.Option(
        "--internal-domain",
        help="More colleague e-mail domains (the person's own is always internal).",
    ),
]
Rules = Annotated[
    Path | None,
    typer.Option("--rules", help="TOML file of your own rules, tried before the defaults."),
]
Target = Annotated[
    str | None,
    typer.Option("--target", help="Proactive target: a share ('40%') or hours per week ('16h')."),
]
HoursPerWeek = Annotated[
    float, typer.Option("--hours-per-week", min=0, max=168, help="Contracted hours in a week.")
]
Layout = Annotated[
    str | None, typer.Option("--layout", help="Force a CRM layout by name instead of detecting it.")
]
Alias = Annotated[
    list[str] | None,
    typer.Option(
        "--alias", help="Other names or CRM user ids of the person in owner columns (repeatable)."
    ),
]
Out = Annotated[
    Path | None, typer.Option("--out", "-o", help="Write to this file instead of the terminal.")
]
ReportFormat = Annotated[Format, typer.Option("--format", "-f", help="table, json, csv or html.")]
EntriesFormat = Annotated[
    Format, typer.Option("--format", "-f", help="table, json or csv (html: use time report).")
]
Strict = Annotated[bool, typer.Option("--strict", help="Reject the whole file if any row is bad.")]


# --- numbers: one reader for every numeric option ------------------------------------------
# Options stay `str` and are read here, so a bad number is one line and exit 2 (not Click's
# usage box), and "60,000" means the same everywhere: refused, never 60 or 60000.


def number(option: str, text: str) -> Decimal:
    """'60000', '-5', '0.35' -> Decimal; commas, spaces, exponents, NaN, > 1e12 refused."""
    return parse_number(option, text)


def share(option: str, text: str) -> Decimal:
    """'0.65' or '65%' -> Decimal('0.65')."""
    return to_share(option, text)


def whole_number(option: str, text: str, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A count or a number of weeks: '44' -> 44; '44.5', '44,5' and '4e1' are refused."""
    value = parse_number(option, text)
    if value != value.to_integral_value():
        raise QuotaInputError(option, f"expected a whole number such as 44, got {text.strip()!r}")
    if value < minimum or (maximum is not None and value > maximum):
        upper = "" if maximum is None else f" to {maximum}"
        raise QuotaInputError(option, f"must be from {minimum}{upper}, got {text.strip()!r}")
    return int(value)


def number_list(
    option: str, text: str, *, count: int | None = None, unit: str = "number", least: int = 1
) -> list[Decimal]:
    """'0.1,0.5,0.25' -> Decimals (';' also separates); each item is read by `number`.

    unit "share": items may also be '10%'; unit "percent": items are percentages ('0,25,50'
    or '0%,25%') and come back as shares.
    """
    items = [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]
    if count is not None and len(items) != count:
        raise QuotaInputError(
            option, f"expected {count} comma-separated numbers, got {len(items)} in {text!r}"
        )
    if len(items) < least:
        raise QuotaInputError(option, f"expected at least {least} comma-separated number(s)")
    if unit == "percent":
        return [number(option, t.removesuffix("%")) / HUNDRED for t in items]
    if unit == "share":
        return [share(option, t) for t in items]
    return [number(option, t) for t in items]
