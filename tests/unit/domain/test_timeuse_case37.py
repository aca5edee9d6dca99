"""Corpus case 37: overlapping meetings, a free focus block, a tentative and an OOF meeting."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pillars.domain.classify import ClassifyContext, classify_all, default_rules
from pillars.domain.records import Activity, Category
from pillars.domain.timeuse import person_report, split_counted

from .builders import BERLIN

CASE = "37-overlap-busy-status-metrics"
OWNER = "owner@example.com"


def expected(fixtures_dir: Path) -> dict[str, object]:
    text = (fixtures_dir / "ics" / "cases" / f"{CASE}.expected.json").read_text("utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def occurrences() -> list[Activity]:
    def at(text: str) -> datetime:
        return datetime.fromisoformat(text)

    customer = ("buyer@acme.example",)
    return [
        Activity(
            "ics",
            "1",
            at("2025-09-22T10:00:00+02:00"),
            at("2025-09-22T11:00:00+02:00"),
            "Customer call ACME",
            organizer=OWNER,
            attendees=customer,
            busy_status="BUSY",
        ),
        Activity(
            "ics",
            "2",
            at("2025-09-22T10:30:00+02:00"),
            at("2025-09-22T11:30:00+02:00"),
            "Internal sync",
            organizer="lead@example.com",
            busy_status="BUSY",
        ),
        Activity(
            "ics",
            "3",
            at("2025-09-22T13:00:00+02:00"),
            at("2025-09-22T15:00:00+02:00"),
            "Focus: proposal for Globex",
            busy_status="FREE",
            transparent=True,
        ),
        Activity(
            "ics",
            "4",
            at("2025-09-23T09:00:00+02:00"),
            at("2025-09-23T09:30:00+02:00"),
            "Escalation Initech",
            busy_status="TENTATIVE",
            partstat="TENTATIVE",
        ),
        Activity(
            "ics",
            "5",
            at("2025-09-24T08:00:00+02:00"),
            at("2025-09-24T18:00:00+02:00"),
            "Customer workshop Hooli (on site)",
            organizer=OWNER,
            attendees=("it@hooli.example",),
            busy_status="OOF",
        ),
    ]


def test_case_37_counts_the_union_of_meetings_once(fixtures_dir: Path) -> None:
    case = expected(fixtures_dir)
    metrics = case["metrics"]
    assert isinstance(metrics, dict)
    counted, excluded, _ = split_counted(occurrences())
    classified = classify_all(counted, default_rules(), ClassifyContext(owner_email=OWNER))
    window = (
        datetime.fromisoformat("2025-09-22T00:00:00+02:00"),
        datetime.fromisoformat("2025-09-29T00:00:00+02:00"),
    )
    report = person_report(OWNER, classified, tz=BERLIN, window=window)
    (week,) = report.weeks
    assert week.logged_hours == metrics["meeting_hours_union_deduplicated"] == 12.0
    summed = week.logged_hours + week.merged_minutes / 60
    assert summed == metrics["meeting_hours_sum_of_durations"] == 12.5
    assert [a.summary for a, _ in excluded] == ["Focus: proposal for Globex"]


def test_case_37_gives_the_overlap_to_the_customer_call() -> None:
    counted, _, _ = split_counted(occurrences())
    classified = classify_all(counted, default_rules(), ClassifyContext(owner_email=OWNER))
    window = (
        datetime.fromisoformat("2025-09-22T00:00:00+02:00"),
        datetime.fromisoformat("2025-09-29T00:00:00+02:00"),
    )
    (week,) = person_report(OWNER, classified, tz=BERLIN, window=window).weeks
    assert (week.week, week.merged_minutes) == ("2025-W39", 30)
    assert {c: week.hours[c] for c in Category} == {
        Category.PROACTIVE: 11.0,  # the call (1 h) and the workshop (10 h)
        Category.REACTIVE: 0.5,  # the escalation
        Category.INTERNAL: 0.5,  # 11:00-11:30 of the sync; 10:30-11:00 went to the call
        Category.UNLOGGED: 28.0,
    }
    assert sum(week.shares.values()) == 1.0
