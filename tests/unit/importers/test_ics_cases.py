"""Every corpus case (tests/fixtures/ics/cases) gives exactly its expected answer.

Interpretations, per the cases' notes:
- `occurrences` is what the parse must yield. An expected row may still be excluded from
  working time by the policy when it is all-day (no hours) or free/transparent (case 37's
  focus block, case 12's offsite, case 14's holiday); every other expected row must count.
- `excluded` rows are either not yielded at all (EXDATE, replaced by an override) or yielded
  with an exclusion reason of the same meaning (cancelled, declined).
- `warnings` must each appear in the log; other warnings may appear too (e.g. case 25 reports
  the junk line it ignored, case 30 that UNTIL precedes DTSTART). `expected_error` lists the
  only errors allowed.
- Timed rows compare instants; all-day rows compare dates.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pillars.domain.attendance import exclusion_reason
from pillars.domain.records import Activity
from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.ics import read_calendar

CASES = Path(__file__).parents[2] / "fixtures" / "ics" / "cases"
POLICY_EXCLUSIONS_OF_EXPECTED_ROWS = {"all-day event carries no hours", "free/transparent"}
# The meaning of each kind of `excluded` reason in the corpus -> the policy's reason, or None
# when the entry must not be yielded at all.
REASON_MEANINGS = {
    "STATUS:CANCELLED": "STATUS:CANCELLED",
    "owner PARTSTAT=DECLINED": "owner PARTSTAT=DECLINED",
    "owner declined this instance": "owner PARTSTAT=DECLINED",
    "EXDATE": None,
    "replaced by the override": None,
}


def case_names() -> list[str]:
    return sorted(path.name.removesuffix(".ics") for path in CASES.glob("*.ics"))


def zone_of(expected: dict[str, Any]) -> ZoneInfo:
    assumptions = expected.get("assumptions", {})
    key = assumptions.get("default_timezone") or assumptions.get("report_timezone") or "UTC"
    return ZoneInfo(key)


def moment(text: str, tz: ZoneInfo) -> datetime:
    if "T" in text:
        return datetime.fromisoformat(text)
    day = date.fromisoformat(text)
    return datetime(day.year, day.month, day.day, tzinfo=tz)


def read_case(name: str) -> tuple[dict[str, Any], list[Activity], ReadLog]:
    expected = json.loads((CASES / f"{name}.expected.json").read_text("utf-8"))
    tz = zone_of(expected)
    window = (moment(expected["window"]["start"], tz), moment(expected["window"]["end"], tz))
    owner = expected.get("assumptions", {}).get("owner", "")
    log = ReadLog(f"{name}.ics")
    found = list(read_calendar(CASES / f"{name}.ics", ReadOptions(window, tz, owner), log))
    return expected, found, log


def matches(activity: Activity, row: dict[str, Any], tz: ZoneInfo) -> bool:
    if row.get("all_day"):
        return (
            activity.all_day
            and activity.start.date() == date.fromisoformat(row["start"])
            and activity.end.date() == date.fromisoformat(row["end"])
        )
    same_start = activity.start == moment(row["start"], tz)
    return same_start and ("end" not in row or activity.end == moment(row["end"], tz))


def meaning(reason: str) -> str | None:
    for prefix, policy in REASON_MEANINGS.items():
        if reason.startswith(prefix):
            return policy
    raise AssertionError(f"no meaning known for reason {reason!r}")


@pytest.mark.parametrize("name", case_names())
def test_case_gives_expected_occurrences(name: str) -> None:
    expected, found, _ = read_case(name)
    tz = zone_of(expected)
    unmatched = list(found)
    for row in expected["occurrences"]:
        hits = [a for a in unmatched if matches(a, row, tz) and a.summary == row["summary"]]
        assert len(hits) == 1, f"{name}: expected once: {row}; got {found}"
        activity = hits[0]
        unmatched.remove(activity)
        reason = exclusion_reason(activity)
        assert reason is None or reason in POLICY_EXCLUSIONS_OF_EXPECTED_ROWS, (row, reason)
        if reason == "free/transparent":
            assert activity.all_day or row.get("busy_status") == "FREE" or row.get("transp")
        if "busy_status" in row:
            assert activity.busy_status == row["busy_status"]
        if "partstat" in row:
            assert activity.partstat == row["partstat"]
        if row.get("classification") == "PRIVATE":
            assert activity.private
    for activity in unmatched:  # anything else yielded must be an expected exclusion
        rows = [r for r in expected.get("excluded", []) if matches(activity, r, tz)]
        assert rows, f"{name}: unexpected occurrence {activity}"
        assert exclusion_reason(activity) == meaning(rows[0]["reason"])


@pytest.mark.parametrize("name", case_names())
def test_case_excluded_entries_do_not_count(name: str) -> None:
    expected, found, _ = read_case(name)
    tz = zone_of(expected)
    for row in expected.get("excluded", []):
        policy = meaning(row["reason"])
        hits = [
            a for a in found if matches(a, row, tz) and a.summary == row.get("summary", a.summary)
        ]
        counted = [a for a in hits if exclusion_reason(a) is None]
        assert not counted, f"{name}: {row} is counted"
        if policy is None:
            assert not hits, f"{name}: {row} must not be yielded"
        else:
            assert hits and all(exclusion_reason(a) == policy for a in hits), row


@pytest.mark.parametrize("name", case_names())
def test_case_reports_expected_problems(name: str) -> None:
    expected, _, log = read_case(name)
    messages = [warning.message for warning in log.warnings]
    for text in expected.get("warnings", []):
        assert any(text in message for message in messages), (text, messages)
    wanted = (expected.get("expected_error") or {}).get("per_event") or []
    got = sorted((error.record_id, error.message) for error in log.errors)
    assert got == sorted((item["uid"], item["error"]) for item in wanted)


@pytest.mark.parametrize("name", case_names())
def test_case_source_ids_are_unique_and_stable(name: str) -> None:
    _, first, _ = read_case(name)
    _, second, _ = read_case(name)
    ids = [activity.source_id for activity in first]
    assert len(ids) == len(set(ids))
    assert ids == [activity.source_id for activity in second]
