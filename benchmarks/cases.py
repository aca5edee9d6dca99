"""The measured workloads. Each runs in a fresh child process (see run.py) and returns figures.

Every workload gets a dict of parameters and returns (result, check) where `check` is a list of
comparable keys (occurrences as 'uid|start|end' in UTC, or CRM rows) that run.py turns into a
digest, so ours and the reference can be shown to produce the same entries.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

Params = dict[str, Any]
Timed = Callable[[], Any]  # the part that is measured
# A case prepares (not measured), returns the measured callable and a function that turns its
# result into (count, keys, extra figures) after the clock stops.
Case = Callable[[Params], tuple[Timed, Callable[[Any], tuple[list[str], dict[str, Any]]]]]

CASES: dict[str, Case] = {}


def case(name: str) -> Callable[[Case], Case]:
    def register(function: Case) -> Case:
        CASES[name] = function
        return function

    return register


def window(params: Params) -> tuple[datetime, datetime]:
    tz = ZoneInfo(params["tz"])
    start = datetime.fromisoformat(params["start"]).replace(tzinfo=tz)
    end = datetime.fromisoformat(params["end"]).replace(tzinfo=tz)
    return start, end


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def activity_key(activity: Any) -> str:
    uid = activity.source_id.split("#", 1)[0]
    return f"{uid}|{utc_text(activity.start)}|{utc_text(activity.end)}"


# ---------------------------------------------------------------- the reference side


def reference_times(occurrence: Any, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Start and end as aware datetimes: dates at midnight and floating times in `tz`."""

    def aware(value: date) -> datetime:
        if not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day, tzinfo=tz)
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)

    begin = occurrence["DTSTART"].dt
    if "DTEND" in occurrence:
        finish = occurrence["DTEND"].dt
    elif "DURATION" in occurrence:
        finish = begin + occurrence["DURATION"].dt
    else:
        finish = begin if isinstance(begin, datetime) else begin + timedelta(days=1)
    return aware(begin), aware(finish)


def overlaps(start: datetime, end: datetime, low: datetime, high: datetime) -> bool:
    """Half-open overlap, a zero-length entry counting where it starts (the product's rule)."""
    if start == end:
        return low <= start < high
    return start < high and end > low


def reference_occurrences(path: Path, low: datetime, high: datetime) -> list[Any]:
    """What a user writes: parse the whole file, expand every series over the window."""
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(recurring_ical_events.of(calendar).between(low, high))


def reference_rows(
    occurrences: Iterable[Any], tz: ZoneInfo, low: datetime, high: datetime
) -> list[dict[str, Any]]:
    rows = []
    for occurrence in occurrences:
        start, end = reference_times(occurrence, tz)
        if not overlaps(start, end, low, high):
            continue
        rows.append(
            {
                "uid": str(occurrence.get("UID", "")),
                "start": start.astimezone(UTC),
                "end": end.astimezone(UTC),
                "summary": str(occurrence.get("SUMMARY", "")),
                "status": str(occurrence.get("STATUS", "")),
                "transp": str(occurrence.get("TRANSP", "")),
                "all_day": not isinstance(occurrence["DTSTART"].dt, datetime),
            }
        )
    return rows


def row_keys(rows: list[dict[str, Any]]) -> list[str]:
    return [f"{r['uid']}|{utc_text(r['start'])}|{utc_text(r['end'])}" for r in rows]


def hours(pairs: Iterable[tuple[datetime, datetime]]) -> float:
    # In UTC: aware datetimes sharing a zone subtract on the wall clock (wrong across DST).
    seconds = sum(
        (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() for start, end in pairs
    )
    return round(seconds / 3600, 2)


@case("report:reference")
def report_reference(params: Params) -> tuple[Timed, Any]:
    path, (low, high), tz = Path(params["path"]), window(params), ZoneInfo(params["tz"])

    def run() -> tuple[list[dict[str, Any]], float]:
        rows = reference_rows(reference_occurrences(path, low, high), tz, low, high)
        return rows, hours((r["start"], r["end"]) for r in rows)

    def check(result: Any) -> tuple[list[str], dict[str, Any]]:
        rows, total = result
        return row_keys(rows), {"hours": total}

    return run, check


@case("report:ours")
def report_ours(params: Params) -> tuple[Timed, Any]:
    from pillars.pipeline import Request, analyse

    path, tz = Path(params["path"]), ZoneInfo(params["tz"])
    request = Request(files=[path], person=params["owner"], tz=tz, window=window(params))

    def check(analysis: Any) -> tuple[list[str], dict[str, Any]]:
        entries = [c.activity for c in analysis.counted]
        entries += [activity for activity, _ in analysis.excluded] + analysis.out_of_office
        return [activity_key(a) for a in entries], {
            "hours": hours((a.start, a.end) for a in entries),
            "counted": len(analysis.counted),
            "problems": len(analysis.problems),
        }

    return (lambda: analyse(request)), check


# ---------------------------------------------------------------- imports into SQLite


def django_person(params: Params) -> Any:
    """A migrated SQLite database in a fresh temporary directory and the person to import for."""
    data_dir = tempfile.mkdtemp(prefix="pillars-bench-")
    os.environ["PILLARS_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "pillars.web.settings"
    os.environ.pop("DATABASE_URL", None)
    # Measured as deployed: DEBUG on would log every SQL statement (slower, more memory).
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    from django.core.management import call_command

    from pillars.teams.actions import ensure_person

    call_command("migrate", verbosity=0)
    return ensure_person(email=params["owner"], timezone=params["tz"], name=params.get("name"))


def import_ours(params: Params) -> tuple[Timed, Any, Any]:
    person = django_person(params)
    from pillars.importers.base import ReadOptions
    from pillars.timeuse.actions import import_activities
    from pillars.timeuse.models import Activity

    options = ReadOptions(window=window(params), tz=ZoneInfo(params["tz"]), owner=params["owner"])

    def run() -> Any:
        return import_activities(person=person, path=Path(params["path"]), options=options)

    def stored() -> list[tuple[str, datetime, datetime]]:
        return list(Activity.objects.filter(person=person).values_list("source_id", "start", "end"))

    return run, stored, person


@case("calendar-import:ours")
def calendar_import_ours(params: Params) -> tuple[Timed, Any]:
    run, stored, _ = import_ours(params)

    def check(import_run: Any) -> tuple[list[str], dict[str, Any]]:
        rows = stored()
        keys = [f"{sid.split('#', 1)[0]}|{utc_text(s)}|{utc_text(e)}" for sid, s, e in rows]
        return keys, {
            "stored": len(rows),
            "created": import_run.created,
            "hours": hours((s, e) for _, s, e in rows),
        }

    return run, check


@case("calendar-import:reference")
def calendar_import_reference(params: Params) -> tuple[Timed, Any]:
    import pandas as pd

    path, (low, high), tz = Path(params["path"]), window(params), ZoneInfo(params["tz"])
    target = Path(tempfile.mkdtemp(prefix="pillars-bench-ref-")) / "reference.sqlite3"

    def run() -> int:
        rows = reference_rows(reference_occurrences(path, low, high), tz, low, high)
        frame = pd.DataFrame(rows)
        with sqlite3.connect(target) as connection:
            frame.to_sql("activity", connection, index=False)
        return len(frame)

    def check(_: Any) -> tuple[list[str], dict[str, Any]]:
        with sqlite3.connect(target) as connection:
            rows = connection.execute('SELECT uid, start, "end" FROM activity').fetchall()
        keys = [
            f"{uid}|{s[:19].replace(' ', 'T')}|{e[:19].replace(' ', 'T')}" for uid, s, e in rows
        ]
        return keys, {"stored": len(rows)}

    return run, check


# ---------------------------------------------------------------- the CRM export


@case("crm-import:ours")
def crm_import_ours(params: Params) -> tuple[Timed, Any]:
    run, stored, _ = import_ours(params)

    def check(import_run: Any) -> tuple[list[str], dict[str, Any]]:
        rows = stored()
        return [sid for sid, _, _ in rows], {
            "stored": len(rows),
            "skipped": import_run.skipped,
            "hours": hours((s, e) for _, s, e in rows),
        }

    return run, check


@case("crm-store:floor")
def crm_store_floor(params: Params) -> tuple[Timed, Any]:
    """Only the database write of a first import: the rows are read, classified and turned
    into the INSERT's values beforehand (not measured), exactly as `import_activities` builds
    them, then written with the same chunked `executemany` in one transaction. No reader,
    however fast, makes the import quicker than this."""
    person = django_person(params)  # sets Django up: the imports below need it
    from django.db import connection, transaction

    from pillars.importers.base import ReadLog, ReadOptions
    from pillars.importers.tabular import read_table
    from pillars.timeuse.convert import new_row, row_values, storage_key
    from pillars.timeuse.fastinsert import insert_statement
    from pillars.timeuse.models import Activity, ImportRun
    from pillars.timeuse.rules import classifier_for

    path = Path(params["path"])
    options = ReadOptions(window=window(params), tz=ZoneInfo(params["tz"]), owner=params["owner"])
    run_row = ImportRun.objects.create(person=person, file_name=path.name)
    classify = classifier_for(person)
    rows = [
        new_row(person.pk, run_row.pk, storage_key(record), row_values(classify(record)))
        for record in read_table(path, options, ReadLog(path.name))
    ]
    sql, values = insert_statement(rows)
    del rows
    chunk = 1000  # the import's chunk (timeuse.spool.CHUNK)

    def run() -> int:
        with transaction.atomic(), connection.cursor() as cursor:
            for begin in range(0, len(values), chunk):
                cursor.executemany(sql, values[begin : begin + chunk])
        return len(values)

    def check(_: Any) -> tuple[list[str], dict[str, Any]]:
        stored = Activity.objects.filter(person=person).values_list("source_id", "start", "end")
        return [sid for sid, _, _ in stored], {
            "stored": len(stored),
            "hours": hours((s, e) for _, s, e in stored),
        }

    return run, check


def pandas_calls(path: Path) -> Any:
    """What a pandas user writes for a HubSpot calls export: read, parse times, add the end."""
    import pandas as pd

    frame = pd.read_csv(path)
    frame["start"] = pd.to_datetime(frame["Activity date"])
    frame["end"] = frame["start"] + pd.to_timedelta(frame["Call duration"], unit="ms")
    return frame


def frame_check(frame: Any) -> tuple[list[str], dict[str, Any]]:
    total = (frame["end"] - frame["start"]).dt.total_seconds().sum() / 3600
    return [str(v) for v in frame["Record ID"]], {
        "stored": len(frame),
        "hours": round(float(total), 2),
    }


@case("crm-import:reference")
def crm_import_reference(params: Params) -> tuple[Timed, Any]:
    path = Path(params["path"])
    target = Path(tempfile.mkdtemp(prefix="pillars-bench-ref-")) / "reference.sqlite3"

    def run() -> Any:
        frame = pandas_calls(path)
        with sqlite3.connect(target) as connection:
            frame.to_sql("activity", connection, index=False)
        return frame

    return run, frame_check


@case("crm-read:reference")
def crm_read_reference(params: Params) -> tuple[Timed, Any]:
    path = Path(params["path"])
    return (lambda: pandas_calls(path)), frame_check


@case("crm-read:ours")
def crm_read_ours(params: Params) -> tuple[Timed, Any]:
    from pillars.importers.base import ReadLog, ReadOptions
    from pillars.importers.tabular import read_table

    path = Path(params["path"])
    options = ReadOptions(window=window(params), tz=ZoneInfo(params["tz"]), owner=params["owner"])

    def run() -> tuple[list[Any], ReadLog]:
        log = ReadLog(path.name)
        return list(read_table(path, options, log)), log

    def check(result: Any) -> tuple[list[str], dict[str, Any]]:
        records, log = result
        return [r.source_id for r in records], {
            "stored": len(records),
            "errors": log.error_count,
            "hours": hours((r.start, r.end) for r in records),
        }

    return run, check
