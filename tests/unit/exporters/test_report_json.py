"""The JSON report and entries: stable keys, rounded floats, times in the person's zone."""

from __future__ import annotations

import json

from pillars.domain.records import Activity, Category, RowError
from pillars.exporters.report import entries_to_dict, report_to_dict

from .samples import MADRID, PERSON, at, classified, sample_report


def test_report_json_has_the_documented_shape() -> None:
    data = report_to_dict([sample_report()], ["calendar.ics: 1 event skipped"])
    first = data["people"][0]["weeks"][0]
    assert data == {
        "people": [{"person": PERSON, "weeks": [first, data["people"][0]["weeks"][1]]}],
        "warnings": ["calendar.ics: 1 event skipped"],
    }
    assert first == {
        "week": "2026-W46",
        "available_hours": 40.0,
        "hours": {"proactive": 2.0, "reactive": 0.0, "internal": 0.0, "unlogged": 38.0},
        "share": {"proactive": 0.05, "reactive": 0.0, "internal": 0.0, "unlogged": 0.95},
        "merged_minutes": 60,
        "target": {
            "kind": "share",
            "value": 0.4,
            "target_hours": 16.0,
            "proactive_hours": 2.0,
            "proactive_share": 0.05,
            "met": False,
        },
    }


def test_report_json_round_trips_through_json() -> None:
    data = report_to_dict([sample_report()])
    assert json.loads(json.dumps(data)) == data


def test_floats_are_rounded_to_two_decimals() -> None:
    entry = classified("Call", "2026-11-10 09:00", "2026-11-10 09:20", Category.PROACTIVE)
    week = report_to_dict([sample_report(entries=[entry])])["people"][0]["weeks"][0]
    assert (week["hours"]["proactive"], week["share"]["unlogged"]) == (0.33, 0.99)


def test_report_without_target_has_null_target() -> None:
    from pillars.domain.timeuse import person_report

    from .samples import ENTRIES, WINDOW

    report = person_report(PERSON, ENTRIES, tz=MADRID, window=WINDOW)
    assert report_to_dict([report])["people"][0]["weeks"][0]["target"] is None


def test_row_errors_become_their_message() -> None:
    error = RowError("a.csv", 14, "Duration", "expected minutes, got '1h30'")
    assert report_to_dict([], [error])["warnings"] == [
        "a.csv, line 14, column 'Duration': expected minutes, got '1h30'"
    ]


def test_entries_show_times_with_the_persons_offset() -> None:
    entry = classified("Demo", "2026-11-09 10:00", "2026-11-09 11:30", Category.PROACTIVE)
    (row,) = entries_to_dict([entry], [], tz=MADRID)["entries"]
    assert row == {
        "start": "2026-11-09T10:00:00+01:00",
        "end": "2026-11-09T11:30:00+01:00",
        "all_day": False,
        "hours": 1.5,
        "summary": "Demo",
        "source": "ics",
        "source_id": "Demo",
        "kind": "",
        "account": "",
        "line": 0,
        "category": "proactive",
        "rule": "rule for Demo",
    }


def test_excluded_all_day_rows_are_dates_with_a_reason() -> None:
    fair = Activity(
        "ics", "f", at("2026-11-10 00:00"), at("2026-11-11 00:00"), "Fair", all_day=True
    )
    data = entries_to_dict([], [(fair, "all-day event carries no hours")], ["w"], tz=MADRID)
    (row,) = data["excluded"]
    assert (row["start"], row["end"], row["all_day"], row["reason"]) == (
        "2026-11-10",
        "2026-11-11",
        True,
        "all-day event carries no hours",
    )
    assert (data["entries"], data["warnings"]) == ([], ["w"])


def test_entries_are_sorted_by_start() -> None:
    late = classified("Late", "2026-11-10 15:00", "2026-11-10 16:00", Category.INTERNAL)
    early = classified("Early", "2026-11-10 08:00", "2026-11-10 09:00", Category.INTERNAL)
    rows = entries_to_dict([late, early], [], tz=MADRID)["entries"]
    assert [r["summary"] for r in rows] == ["Early", "Late"]


def test_entry_days_are_the_persons_days() -> None:
    entry = classified("Late call", "2026-11-10 23:30", "2026-11-11 00:30", Category.PROACTIVE)
    (row,) = entries_to_dict([entry], [], tz=MADRID)["entries"]
    assert row["start"].startswith("2026-11-10T23:30")
