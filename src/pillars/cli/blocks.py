"""`pillars time blocks`: next week's proposed proactive blocks from the database, as a table
or JSON, and with --out as an .ics file to import in Outlook or Google Calendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
from rich.table import Table

from pillars.cli.common import ListFormat, console, dump_json, err_console, one_line_errors
from pillars.cli.imports import setup_django, stored_person
from pillars.domain.timeblocks import monday_of_week
from pillars.domain.window import monday_of


@one_line_errors
def blocks_command(
    person: Annotated[str, typer.Option("--person", "-p", help="E-mail of the person.")],
    week: Annotated[
        str | None,
        typer.Option("--week", help="ISO week like 2026-W49 (default: next week in their zone)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the blocks as an .ics file here.")
    ] = None,
    output_format: Annotated[
        ListFormat, typer.Option("--format", help="How to print the proposal.")
    ] = ListFormat.TABLE,
) -> None:
    """Propose proactive blocks in the free working hours of a week, up to the target."""
    setup_django()
    from pillars.exporters.ics import blocks_to_ics
    from pillars.timeuse.queries_plans import block_plan

    found = stored_person(person)
    tz = ZoneInfo(found.timezone)
    now = datetime.now(UTC)
    monday = (
        monday_of_week(week) if week else monday_of(now.astimezone(tz).date()) + timedelta(weeks=1)
    )
    plan = block_plan(found, monday)
    if out is not None:
        out.write_bytes(blocks_to_ics(plan.blocks, owner=found.email, tz=tz, stamp=now))
        err_console.print(f"wrote {out} ({len(plan.blocks)} blocks)", highlight=False)
    if output_format == ListFormat.JSON:
        typer.echo(dump_json(_as_dict(plan)), nl=False)
    else:
        console.print(_table(plan))


def _as_dict(plan: Any) -> dict[str, Any]:
    return {
        "person": plan.person.email,
        "week": plan.week,
        "timezone": plan.person.timezone,
        "target": plan.target.label() if plan.target else None,
        "target_hours": round(plan.target_hours, 2),
        "planned_hours": round(plan.planned_hours, 2),
        "hours_needed": round(plan.hours_needed, 2),
        "blocks": [
            {"start": b.start.isoformat(), "end": b.end.isoformat(), "hours": round(b.hours, 2)}
            for b in plan.blocks
        ],
    }


def _table(plan: Any) -> Table:
    table = Table(
        title=f"Proactive blocks {plan.week} for {plan.person.email} ({plan.person.timezone})",
        caption=f"target {plan.target.label() if plan.target else 'not set'}: "
        f"{plan.target_hours:.1f} h, planned {plan.planned_hours:.1f} h, "
        f"proposed {plan.proposed_hours:.1f} h",
    )
    for column in ("day", "from", "to", "hours"):
        table.add_column(column, justify="right" if column == "hours" else "left")
    for b in plan.blocks:
        table.add_row(
            f"{b.start:%a %Y-%m-%d}", f"{b.start:%H:%M}", f"{b.end:%H:%M}", f"{b.hours:.1f}"
        )
    return table
