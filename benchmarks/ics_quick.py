"""Quick timing: a two-week report from the 4,778-event Google export, ours vs the plain reference.

Run: .venv/bin/python benchmarks/ics_quick.py
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import x_wr_timezone

from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.ics import read_calendar

FILE = Path(__file__).parents[1] / "tests/fixtures/ics/real/rie-benchmark-google-4778-events.ics"
STARTS = [datetime(2019, 3, 4, tzinfo=UTC), datetime(2016, 10, 24, tzinfo=UTC)]


def reference(start: datetime, end: datetime, google: bool = False) -> set[tuple[datetime, str]]:
    """The plain reference (from_ical + of(cal).between); `google` applies X-WR-TIMEZONE too."""
    calendar = icalendar.Calendar.from_ical(FILE.read_bytes())
    if google:
        calendar = x_wr_timezone.to_standard(calendar)
    found = recurring_ical_events.of(calendar).between(start, end)
    return {
        (o["DTSTART"].dt, str(o["UID"])) for o in found if isinstance(o["DTSTART"].dt, datetime)
    }


def ours(start: datetime, end: datetime) -> set[tuple[datetime, str]]:
    options = ReadOptions((start, end), ZoneInfo("UTC"))
    found = read_calendar(FILE, options, ReadLog(FILE.name))
    return {(a.start, a.source_id.split("#")[0]) for a in found if not a.all_day}


def best_of(runs: int, job: object, *args: datetime) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        began = time.perf_counter()
        result = job(*args)  # type: ignore[operator]
        best = min(best, time.perf_counter() - began)
    return best, result


def main() -> None:
    for start in STARTS:
        end = start + timedelta(weeks=2)
        slow, expected = best_of(3, reference, start, end)
        fast, got = best_of(5, ours, start, end)
        same = got == expected == reference(start, end, google=True)
        print(
            f"{start:%Y-%m-%d}: reference {slow:.3f}s, ours {fast:.3f}s, x{slow / fast:.1f}, same={same}"
        )


if __name__ == "__main__":
    main()
