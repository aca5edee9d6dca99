"""`pillars plan import-accounts|import-deals|link-activities`, and measured figures for
`pillars plan capacity --person`."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from pillars.cli.common import ListFormat, console, dump_json, one_line_errors, write_output
from pillars.cli.imports import (
    check_files,
    import_each,
    report_imports,
    setup_django,
    stored_person,
)
from pillars.domain.capacity import Capacity, PlanInputs, rounded
from pillars.errors import ConfigError

FilesArg = Annotated[list[Path], typer.Argument(help="CRM account or deal exports.")]
Org = Annotated[
    str | None, typer.Option("--org", help="Organisation name (default: the only one).")
]
Layout = Annotated[str | None, typer.Option("--layout", help="Force a layout by name.")]
Mapping = Annotated[
    str | None,
    typer.Option(
        "--mapping",
        help='Generic CSV: JSON of field -> column, e.g. \'{"id": "No", "name": "Company"}\'.',
    ),
]
Strict = Annotated[bool, typer.Option("--strict", help="Reject a file with any bad row.")]
Fmt = Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")]


def _organization(name: str | None) -> Any:
    from pillars.teams.models import Organization

    orgs = Organization.objects.all()
    if name:
        found = orgs.filter(name__iexact=name).first()
        if found is None:
            raise ConfigError(f"--org: no organisation named {name!r}")
        return found
    if orgs.count() != 1:
        raise ConfigError("give --org NAME: the database holds no or several organisations")
    return orgs.first()


def _mapping(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"--mapping: expected a JSON object ({exc.msg})") from None
    if not isinstance(value, dict):
        raise ConfigError("--mapping: expected a JSON object of field -> column")
    return value


def _run_imports(kind: str, files: list[Path], org: str | None, **options: Any) -> None:
    setup_django()
    from pillars.customers import actions

    check_files(files)
    organization = _organization(org)
    action = actions.import_accounts if kind == "accounts" else actions.import_deals
    fmt = options.pop("fmt")
    rows = import_each(files, lambda path: action(organization=organization, path=path, **options))
    report_imports(rows, fmt, {"kind": kind})


@one_line_errors
def import_accounts_command(
    files: FilesArg,
    org: Org = None,
    layout: Layout = None,
    mapping: Mapping = None,
    strict: Strict = False,
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """Import account/company exports: one transaction per file; re-import changes nothing."""
    _run_imports(
        "accounts", files, org, layout=layout, mapping=_mapping(mapping), strict=strict,
        fmt=output_format,
    )  # fmt: skip


@one_line_errors
def import_deals_command(
    files: FilesArg,
    org: Org = None,
    layout: Layout = None,
    mapping: Mapping = None,
    strict: Strict = False,
    output_format: Fmt = ListFormat.TABLE,
) -> None:
    """Import deal/opportunity exports (after the accounts, to link them by CRM id or name)."""
    _run_imports(
        "deals", files, org, layout=layout, mapping=_mapping(mapping), strict=strict,
        fmt=output_format,
    )  # fmt: skip


@one_line_errors
def link_command(org: Org = None, output_format: Fmt = ListFormat.TABLE) -> None:
    """Link imported activities to accounts (CRM id or name, else attendee e-mail domain)."""
    setup_django()
    from pillars.customers.actions import link_activities

    report = link_activities(organization=_organization(org))
    data = {
        "linked": report.linked,
        "by": report.by,
        "unlinked": report.unlinked,
        "unmatched_accounts": report.unmatched_accounts,
        "unmatched_domains": report.unmatched_domains,
    }
    if output_format == ListFormat.JSON:
        write_output(dump_json(data), None)
        return
    table = Table(title="Activities linked to accounts")
    table.add_column("how")
    table.add_column("activities", justify="right")
    for how, count in sorted(report.by.items()):
        table.add_row(how, str(count))
    table.add_row("not linked", str(report.unlinked))
    console.print(table)
    for name, count in sorted(report.unmatched_accounts.items()):
        console.print(f"  no account named {name!r} ({count})", markup=False, highlight=False)
    for domain, count in sorted(report.unmatched_domains.items()):
        console.print(
            f"  no account with the attendee domain {domain} ({count})",
            markup=False,
            highlight=False,
        )


def capacity_for_person(
    email: str,
    plan: PlanInputs,
    *,
    proactive_hours: Decimal | None = None,
    today: date | None = None,
) -> tuple[Capacity, dict[str, object]]:
    """The person's capacity check by the capacity page's own functions (measured proactive
    hours over their last 4 whole weeks with data, hours on maintain accounts, the funnel's
    exact rates where `plan` gives none), and what was measured, for the output."""
    setup_django()
    from pillars.customers.capacity_queries import measure, plan_for, today_for

    person = stored_person(email)
    today = today or today_for(person)
    window, (measured,) = measure([person], today)
    row = plan_for(measured, plan, today, proactive_hours)
    weeks, rates = measured.weeks, measured.funnel.conversion
    return row.capacity, {
        "person": person.email,
        "from": (weeks.first_day or window[0]).isoformat(),
        "to": (weeks.last_day or window[1]).isoformat(),
        "weeks": list(weeks.labels),
        "looked_at": {"from": window[0].isoformat(), "to": window[1].isoformat()},
        "weeks_described": weeks.describe(),
        "proactive_hours": str(rounded(weeks.proactive_hours)),
        "maintain_hours": str(rounded(measured.maintain_hours)),
        "conversion": ",".join(str(r) for r in rates),
        "conversion_shown": ", ".join(f"{rounded(r * 100)}%" for r in rates),
        "conversion_source": [
            "measured" if s.measured else "assumed" for s in measured.funnel.steps
        ],
        "funnel_from": measured.period[0].isoformat(),
        "funnel_to": measured.period[1].isoformat(),
        "deal_size": str(rounded(row.capacity.deal_size)),
        "deal_size_source": row.deal_size_source,
    }
