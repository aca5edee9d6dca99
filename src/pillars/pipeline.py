"""The main job without a database: files -> attributed, classified entries -> weekly report.

Pure orchestration of importers and domain, shared by `pillars time report|entries` and the
benchmarks. The database path (`pillars import`) stores the same classified entries instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from pillars.domain.attribution import split_by_owner
from pillars.domain.classify import ClassifyContext, Rule, classify_all, rules_with_defaults
from pillars.domain.records import Activity, Classified, RowError
from pillars.domain.targets import Target
from pillars.domain.timeuse import PersonReport, person_report, split_counted
from pillars.domain.window import Window
from pillars.errors import ImportFileError
from pillars.importers.base import ReadLog, ReadOptions, duplicate_id
from pillars.importers.files import read_activities


@dataclass(frozen=True)
class Request:
    """What to analyse and how."""

    files: Sequence[Path]
    person: str
    tz: ZoneInfo
    window: Window
    internal_domains: frozenset[str] = frozenset()
    user_rules: Sequence[Rule] = ()
    target: Target | None = None
    hours_per_week: float = 40.0
    aliases: Mapping[str, str] = field(default_factory=dict)
    layout: str | None = None
    strict: bool = False


@dataclass
class Analysis:
    """Everything a report or an entry listing shows."""

    counted: list[Classified]
    excluded: list[tuple[Activity, str]]
    out_of_office: list[Activity]
    problems: list[RowError]
    warnings: list[str]
    report: PersonReport


def read_person_files(request: Request) -> tuple[list[Activity], list[RowError], list[str]]:
    """The person's entries from every file, with row problems and attribution warnings."""
    # By (source, id): a later file's entry replaces an earlier one's, as importing the files
    # one after the other updates it (an export given twice counts once).
    entries: dict[tuple[str, str], Activity] = {}
    problems: list[RowError] = []
    warnings: list[str] = []
    for path in request.files:
        if path.is_dir():
            raise ImportFileError(str(path), "a folder, not a file (give the files in it)")
        if not path.is_file():
            raise ImportFileError(str(path), "no such file")
        log = ReadLog(path.name)
        options = ReadOptions(
            window=request.window, tz=request.tz, owner=request.person, layout=request.layout
        )
        rows = list(read_activities(path, options, log))
        log.refuse_if_strict(request.strict)
        split = split_by_owner(rows, request.person, request.aliases)
        entries.update(((r.source, r.source_id), r) for r in _first_of_each_id(split.mine, log))
        problems.extend((*log.errors, *log.warnings, *log.unlisted()))
        if split.unmatched_owners:
            warnings.append(
                f"{path.name}: rows of owners not matched to {request.person} were left out: "
                + ", ".join(split.unmatched_owners)
                + " (add --alias NAME if one of them is this person)"
            )
    return list(entries.values()), problems, warnings


def _first_of_each_id(rows: Iterable[Activity], log: ReadLog) -> list[Activity]:
    """Each (source, id) of one file once, as an import stores it: a later row with an id
    already read is left out with a warning."""
    kept, seen = [], set()
    for row in rows:
        key = (row.source, row.source_id)
        if key in seen:
            duplicate = duplicate_id(log.file, row.line, row.source_id)
            log.warning(duplicate.line, duplicate.column, duplicate.message, duplicate.record_id)
            continue
        seen.add(key)
        kept.append(row)
    return kept


def analyse(request: Request) -> Analysis:
    """Read, attribute, exclude, classify and report one person's files."""
    entries, problems, warnings = read_person_files(request)
    counted, excluded, out_of_office = split_counted(entries)
    context = ClassifyContext(request.person, request.internal_domains)
    classified = classify_all(counted, rules_with_defaults(request.user_rules), context)
    report = person_report(
        request.person,
        classified,
        tz=request.tz,
        window=request.window,
        hours_per_week=request.hours_per_week,
        out_of_office=out_of_office,
        target=request.target,
    )
    warnings.extend(str(p) for p in problems)
    return Analysis(classified, excluded, out_of_office, problems, warnings, report)


def aliases_for(person: str, names: Iterable[str]) -> dict[str, str]:
    """An alias map saying each of `names` is `person`."""
    return {name: person for name in names if name.strip()}
