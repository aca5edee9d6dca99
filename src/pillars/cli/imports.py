"""`pillars import`: files into the database, one transaction per file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from pillars.cli import options as opt
from pillars.cli.common import (
    ListFormat,
    console,
    dump_json,
    fail,
    one_line_errors,
    parse_zone,
    today_in,
    write_output,
)
from pillars.cli.windows import resolve_window
from pillars.errors import ConfigError, PillarsError
from pillars.importers.base import ReadOptions

# Recurring series expand only inside this span when no window is given.
DEFAULT_IMPORT_WEEKS_BACK = 52
DEFAULT_IMPORT_WEEKS_AHEAD = 13


def setup_django() -> None:
    """Django for the commands that read or write the database, which must be migrated."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pillars.web.settings")
    django.setup()
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return
    where = _database_place(connection)
    if len(plan) == len(executor.loader.graph.nodes):  # nothing applied: a new, empty database
        raise ConfigError(
            f"no Pillars database at {where}: run the command in the project folder "
            "(where `make run` created var/), set PILLARS_DATA_DIR (or DATABASE_URL) to it, "
            "or create one with `python manage.py migrate`"
        )
    raise ConfigError(
        f"the database at {where} is not up to date: run `python manage.py migrate` "
        "(or `make run`) first"
    )


def _database_place(connection: Any) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(settings["NAME"])
    return f"{connection.vendor} database {settings.get('NAME')!r} on {settings.get('HOST') or 'localhost'}"


def stored_person(email: str) -> Any:
    """The person --person names, from the database, or a one-line ConfigError."""
    from pillars.teams.models import Person

    found = Person.objects.filter(email=email.strip().lower()).first()
    if found is None:
        raise ConfigError(f"--person: no one with e-mail {email} in the database")
    return found


@one_line_errors
def import_command(
    files: Annotated[list[Path], typer.Argument(help="Calendar and CRM exports to import.")],
    person: Annotated[
        str, typer.Option("--person", "-p", help="E-mail of the person the files belong to.")
    ],
    tz: opt.Tz = None,
    date_from: opt.From = None,
    date_to: opt.To = None,
    layout: opt.Layout = None,
    strict: opt.Strict = False,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="table or json.")
    ] = ListFormat.TABLE,
) -> None:
    """Import files for one person: re-importing the same file changes nothing."""
    setup_django()
    from pillars.teams.actions import person_for_import

    zone = parse_zone(tz)
    today = today_in(zone)
    window = resolve_window(
        date_from or (today - timedelta(weeks=DEFAULT_IMPORT_WEEKS_BACK)).isoformat(),
        date_to or (today + timedelta(weeks=DEFAULT_IMPORT_WEEKS_AHEAD)).isoformat(),
        weeks=1,
        tz=zone,
        today=today,
    )
    check_files(files)
    email = person.strip().lower()
    options = ReadOptions(window=window, tz=zone, owner=email, layout=layout)

    def import_for_person(path: Path) -> object:
        # Someone new stays only once one of their files imports: a refused file (or a
        # mistyped --person) leaves no one behind.
        with person_for_import(email=email, timezone=zone.key) as who:
            return _import_one(who, path, options, strict)

    rows = import_each(files, import_for_person)
    report_imports(rows, output_format, {"person": email})


def check_files(files: list[Path]) -> None:
    """One line and exit 2 for an argument that is not a readable file, before any import."""
    for path in files:
        if path.is_dir():
            fail(f"{path}: a folder, not a file (give the files in it)")
        if not path.is_file():
            fail(f"{path}: no such file")


def import_each(files: list[Path], import_one: Callable[[Path], Any]) -> list[dict[str, Any]]:
    """A row per file: its run's counts, or the reason it was refused. Each file is its own
    transaction: one refused file neither undoes, hides nor stops the others."""
    rows: list[dict[str, Any]] = []
    for path in files:
        try:
            run = import_one(path)
        except PillarsError as exc:
            reason = str(exc).splitlines()[0]
            rows.append({"file": path.name, **dict.fromkeys(COUNTS), "error": reason})
            continue
        rows.append({"file": run.file_name, **{k: getattr(run, k) for k in COUNTS}, "error": None})
    return rows


def report_imports(
    rows: list[dict[str, Any]], output_format: ListFormat, header: dict[str, Any]
) -> None:
    """The rows as JSON (`header` + "imports") or a table, then exit 2 if a file was refused."""
    if output_format == ListFormat.JSON:
        write_output(dump_json({**header, "imports": rows}), None)
    else:
        _print_import_table(rows)
    errors = [row["error"] for row in rows if row["error"]]
    if len(errors) == 1:
        fail(errors[0])
    if errors:
        fail(f"{len(errors)} files not imported; first: {errors[0]}")


COUNTS = ("created", "updated", "unchanged", "skipped", "problems")


def _import_one(person: object, path: Path, options: ReadOptions, strict: bool) -> object:
    from pillars.timeuse.actions import import_activities

    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,} entries"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(path.name, total=None)
        return import_activities(
            person=person,
            path=path,
            options=options,
            strict=strict,
            progress=lambda n: progress.update(task, completed=n),
        )


def _print_import_table(rows: list[dict[str, object]]) -> None:
    table = Table(title="Import")
    for column in ("file", "created", "updated", "unchanged", "skipped", "problems"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for row in rows:
        if row.get("error"):
            table.add_row(str(row["file"]), "not imported: see below", "", "", "", "")
            continue
        problems = row["problems"]
        count = len(problems) if isinstance(problems, list) else 0
        table.add_row(
            str(row["file"]),
            *(f"{row[k]:,}" for k in ("created", "updated", "unchanged", "skipped")),
            str(count),
        )
    console.print(table)
    for row in rows:
        problems = row["problems"]
        for problem in problems if isinstance(problems, list) else []:
            console.print(f"  {_problem_line(problem)}", markup=False, highlight=False)


def _problem_line(problem: object) -> str:
    if isinstance(problem, dict):
        where = str(problem.get("file", ""))
        if problem.get("line"):
            where += f", line {problem['line']}"
        if problem.get("column"):
            where += f", column '{problem['column']}'"
        return f"{problem.get('level', 'error')}: {where}: {problem.get('message', '')}"
    return str(problem)
