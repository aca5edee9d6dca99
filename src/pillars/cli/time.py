"""`pillars time report|entries`: the weekly split, from files or from the database."""

from __future__ import annotations

from pathlib import Path

import typer

from pillars.cli import options as opt
from pillars.cli.blocks import blocks_command
from pillars.cli.common import Format, one_line_errors, parse_zone, today_in
from pillars.cli.render import render_entries, render_report
from pillars.cli.windows import resolve_window
from pillars.domain.classify import parse_rules_toml
from pillars.domain.targets import parse_target, target_warnings
from pillars.errors import ConfigError
from pillars.pipeline import Request, aliases_for, analyse

time_app = typer.Typer(
    help="Where the time goes: proactive, reactive, internal and unlogged hours per ISO week.",
    no_args_is_help=True,
)
time_app.command("blocks")(blocks_command)


def build_request(
    files: list[Path],
    person: str | None,
    tz: str | None,
    date_from: str | None,
    date_to: str | None,
    weeks: int,
    internal_domain: list[str] | None,
    rules: Path | None,
    target: str | None,
    hours_per_week: float,
    layout: str | None,
    alias: list[str] | None,
) -> tuple[Request, list[str]]:
    """The pipeline request from the command's options, plus warnings about the options."""
    if not person or "@" not in person:
        raise ConfigError("--person: expected the e-mail of the person the files belong to")
    zone = parse_zone(tz)
    window = resolve_window(date_from, date_to, weeks=weeks, tz=zone, today=today_in(zone))
    user_rules = []
    if rules is not None:
        if rules.is_dir():
            raise ConfigError(f"--rules: {rules}: a folder, not a rules file (.toml)")
        if not rules.is_file():
            raise ConfigError(f"--rules: {rules}: no such file")
        try:
            text = rules.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ConfigError(
                f"--rules: {rules}: expected UTF-8 text, byte {exc.start} is not"
            ) from None
        user_rules = parse_rules_toml(text, source=str(rules))
    parsed_target = parse_target(target) if target else None
    notes = target_warnings(parsed_target, hours_per_week) if parsed_target else []
    request = Request(
        files=files,
        person=person.strip().lower(),
        tz=zone,
        window=window,
        internal_domains=frozenset(d.strip().lower().lstrip("@") for d in internal_domain or []),
        user_rules=user_rules,
        target=parsed_target,
        hours_per_week=hours_per_week,
        aliases=aliases_for(person.strip().lower(), alias or []),
        layout=layout,
    )
    return request, notes


@time_app.command("report")
@one_line_errors
def report(
    files: opt.Files = None,
    person: opt.Person = None,
    tz: opt.Tz = None,
    date_from: opt.From = None,
    date_to: opt.To = None,
    weeks: opt.Weeks = 2,
    internal_domain: opt.InternalDomain = None,
    rules: opt.Rules = None,
    target: opt.Target = None,
    hours_per_week: opt.HoursPerWeek = 40.0,
    layout: opt.Layout = None,
    alias: opt.Alias = None,
    output_format: opt.ReportFormat = Format.TABLE,
    out: opt.Out = None,
    demo: bool = typer.Option(
        False, "--demo", help="Everyone in the database over the demo's weeks."
    ),
) -> None:
    """Hours and share of each category per ISO week against the target.

    With files: read them, no database. Without files: read the database (`pillars import`).
    """
    if demo or not files:
        from pillars.cli.stored import stored_report

        stored_report(person, tz, date_from, date_to, weeks, output_format, out, demo=demo)
        return
    request, notes = build_request(
        files,
        person,
        tz,
        date_from,
        date_to,
        weeks,
        internal_domain,
        rules,
        target,
        hours_per_week,
        layout,
        alias,
    )
    analysis = analyse(request)
    render_report([analysis.report], notes + analysis.warnings, output_format, out, request.tz)


@time_app.command("entries")
@one_line_errors
def entries(
    files: opt.Files = None,
    person: opt.Person = None,
    tz: opt.Tz = None,
    date_from: opt.From = None,
    date_to: opt.To = None,
    weeks: opt.Weeks = 2,
    internal_domain: opt.InternalDomain = None,
    rules: opt.Rules = None,
    layout: opt.Layout = None,
    alias: opt.Alias = None,
    output_format: opt.EntriesFormat = Format.TABLE,
    out: opt.Out = None,
) -> None:
    """Every counted entry with its category and the rule that set it, and the excluded ones with why.

    With files: read them, no database. Without files: the stored entries of --person.
    """
    if not files:
        from pillars.cli.stored import stored_entries

        stored_entries(person, tz, date_from, date_to, weeks, output_format, out)
        return
    request, notes = build_request(
        files or [],
        person,
        tz,
        date_from,
        date_to,
        weeks,
        internal_domain,
        rules,
        None,
        40.0,
        layout,
        alias,
    )
    analysis = analyse(request)
    render_entries(analysis, notes + analysis.warnings, output_format, out, request.tz)
