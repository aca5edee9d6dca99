"""Option types shared by the commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pillars.cli.common import Format

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
Strict = Annotated[bool, typer.Option("--strict", help="Reject the whole file if any row is bad.")]
