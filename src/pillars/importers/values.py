"""Cell parsers for tabular exports: dates with a per-column day/month order, times, durations.

Every parser takes the stripped, non-empty text of one cell and raises `ValueError` whose
message says what was expected; the caller turns it into a row error.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time

DMY = "dmy"
MDY = "mdy"
ORDER_WORDS = {DMY: "day-first (DD/MM/YYYY)", MDY: "month-first (MM/DD/YYYY)"}

# A duration over a month is a typo or a unit mix-up, never a real activity.
MAX_MINUTES = 31 * 24 * 60

When = datetime | date
DateParser = Callable[[str], When]
DurationParser = Callable[[str], float]

_AM = ("am", "a.m.", "a. m.", "a.m")
_PM = ("pm", "p.m.", "p. m.", "p.m")


class CellError(ValueError):
    """A cell does not hold what its column promises; `expected` names what it should hold."""

    def __init__(self, expected: str) -> None:
        self.expected = expected
        super().__init__(expected)


def decide_order(values: Iterable[str]) -> tuple[str | None, bool]:
    """Day/month order proven by a column's values ('dmy', 'mdy' or None) and whether they conflict.

    One value like 13/10/2024 proves day-first for the whole column; 10/13/2024 proves month-first.
    """
    day_first = month_first = 0
    for value in values:
        parts = _numeric_date_parts(value)
        if parts is None or len(parts[0]) == 4:
            continue
        first, second = int(parts[0]), int(parts[1])
        if first > 12 >= second:
            day_first += 1
        elif second > 12 >= first:
            month_first += 1
    if day_first == month_first == 0:
        return None, False
    order = DMY if day_first >= month_first else MDY
    return order, day_first > 0 and month_first > 0


def has_slashed_dates(values: Iterable[str]) -> bool:
    """Whether any value is a d/m/y or m/d/y date, whose order the column must settle."""
    return any((p := _numeric_date_parts(v)) is not None and len(p[0]) != 4 for v in values)


def _numeric_date_parts(value: str) -> list[str] | None:
    head = value.strip().split(" ", 1)[0].split("T", 1)[0]
    for sep in ("/", ".", "-"):
        if sep in head:
            parts = head.split(sep)
            if len(parts) == 3 and all(p.isdigit() for p in parts):
                return parts
            return None
    return None


def make_date_parser(order: str) -> DateParser:
    """A parser for dates with an optional time: ISO 8601 or d/m/y, m/d/y, y-m-d with / . or -.

    Returns a `date` when the cell holds no time, else a naive or aware `datetime`.
    """
    day_first = order == DMY
    expected = "a date as DD/MM/YYYY" if day_first else "a date as MM/DD/YYYY"

    def parse(text: str) -> When:
        if len(text) >= 10 and text[4] == "-" and text[7] == "-":
            try:
                if len(text) == 10:
                    return date.fromisoformat(text)
                return datetime.fromisoformat(text)
            except ValueError:
                raise CellError("a date as YYYY-MM-DD [HH:MM]") from None
        day_part, _, time_part = text.partition(" ")
        try:
            day = _slashed_date(day_part, day_first)
        except (ValueError, IndexError):
            raise CellError(expected) from None
        if not time_part.strip():
            return day
        return datetime.combine(day, parse_time(time_part))

    return parse


def _slashed_date(text: str, day_first: bool) -> date:
    sep = "/" if "/" in text else "." if "." in text else "-"
    a, b, c = text.split(sep)
    if len(a) == 4:
        return date(int(a), int(b), int(c))
    year = int(c)
    if year < 100:
        year += 2000
    if day_first:
        return date(year, int(b), int(a))
    return date(year, int(a), int(b))


def parse_time(text: str) -> time:
    """'14:30', '14:30:00', '2:30 PM', '10:00:00 a. m.' -> time."""
    clean = text.strip().lower()
    shift = -1
    for suffixes, value in ((_AM, 0), (_PM, 12)):
        for suffix in suffixes:
            if clean.endswith(suffix):
                clean, shift = clean[: -len(suffix)].strip(), value
                break
        if shift >= 0:
            break
    try:
        parts = clean.split(":")
        hour, minute = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
        second = float(parts[2]) if len(parts) > 2 else 0.0
        if shift >= 0:
            if not 1 <= hour <= 12:
                raise ValueError
            hour = hour % 12 + shift
        whole = int(second)
        return time(hour, minute, whole, int(round((second - whole) * 1_000_000)) % 1_000_000)
    except (ValueError, IndexError):
        raise CellError("a time as HH:MM") from None


def parse_number(text: str) -> float:
    """A number with '.' or ',' as decimal mark ('1,5', '1.5', '1.234,5', '1,234.5')."""
    clean = text.replace(" ", "").replace("\u00a0", "")
    if "," in clean:
        if "." in clean:
            # The last mark is the decimal one; the other groups thousands.
            if clean.rfind(",") > clean.rfind("."):
                clean = clean.replace(".", "").replace(",", ".")
            else:
                clean = clean.replace(",", "")
        elif clean.count(",") > 1:
            clean = clean.replace(",", "")
        else:
            clean = clean.replace(",", ".")
    value = float(clean)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


_UNIT_FACTORS = {"ms": 1 / 60000, "seconds": 1 / 60, "minutes": 1.0, "hours": 60.0}
UNITS = (*_UNIT_FACTORS, "hh:mm", "mm:ss", "auto")
_UNIT_WORDS = {"ms": "milliseconds", "hh:mm": "a duration as HH:MM", "mm:ss": "a duration as MM:SS"}


def make_duration_parser(unit: str) -> DurationParser:
    """A parser turning a cell in `unit` into minutes; 'auto' also reads '1:30', '1,5 h', '45 min'."""
    if unit not in UNITS:
        raise ValueError(f"unknown duration unit {unit!r}; known: {', '.join(UNITS)}")
    expected = _UNIT_WORDS.get(unit, unit)
    if unit in _UNIT_FACTORS:
        factor = _UNIT_FACTORS[unit]
        return _guarded(lambda text: parse_number(text) * factor, expected)
    if unit == "hh:mm":
        return _guarded(lambda text: _clock(text, 60.0), expected)
    if unit == "mm:ss":
        return _guarded(lambda text: _clock(text, 1.0), expected)
    return _guarded(_auto_minutes, "a duration in minutes, H:MM or '1,5 h'")


def _guarded(convert: Callable[[str], float], expected: str) -> DurationParser:
    """A parser that reports any unreadable or out-of-range cell as `expected`."""

    def parse(text: str) -> float:
        try:
            minutes = convert(text)
        except ValueError:
            raise CellError(expected) from None
        if not 0 <= minutes <= MAX_MINUTES:
            raise CellError(f"{expected} between 0 and 31 days")
        return minutes

    return parse


def _clock(text: str, first_factor: float) -> float:
    """'1:30' with the first part worth `first_factor` minutes; a third part is always seconds."""
    parts = text.split(":")
    if len(parts) == 3:
        return int(parts[0]) * 60 + int(parts[1]) + float(parts[2]) / 60
    if len(parts) != 2:
        raise ValueError(text)
    return int(parts[0]) * first_factor + float(parts[1]) * first_factor / 60


_AUTO = re.compile(
    r"^\s*(?:(?P<h>\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?|horas?|std|stunden?|heures?)\.?)?"
    r"\s*(?:(?P<m>\d+(?:[.,]\d+)?)\s*(?:m|min|mins|minutes?|minutos?|minuten?)\.?)?"
    r"\s*(?:(?P<s>\d+(?:[.,]\d+)?)\s*(?:s|sec|secs|seconds?|seg|segundos?|sek)\.?)?\s*$",
    re.IGNORECASE,
)

_HOURS_MINUTES = re.compile(r"^\s*(\d+)\s*h\s*(\d{1,2})\s*$", re.IGNORECASE)  # "1h30"


def _auto_minutes(text: str) -> float:
    try:
        return parse_number(text)  # a bare number is minutes
    except ValueError:
        pass
    if ":" in text:
        try:
            return _clock(text.strip(), 60.0)
        except ValueError:
            raise CellError("a duration in minutes, H:MM or '1,5 h'") from None
    short = _HOURS_MINUTES.match(text)
    if short is not None:
        return int(short.group(1)) * 60 + int(short.group(2))
    match = _AUTO.match(text)
    if match is None or not any(match.groups()):
        raise CellError("a duration in minutes, H:MM or '1,5 h'")
    hours, minutes, seconds = (parse_number(g) if g else 0.0 for g in match.group("h", "m", "s"))
    return hours * 60 + minutes + seconds / 60


def make_bool_parser(
    true_values: Iterable[str], false_values: Iterable[str]
) -> Callable[[str], bool]:
    """A parser for flags written in any of the given words (compared case-insensitively)."""
    yes = {v.lower() for v in true_values}
    no = {v.lower() for v in false_values}

    def parse(text: str) -> bool:
        low = text.lower()
        if low in yes:
            return True
        if low in no:
            return False
        raise CellError("true or false")

    return parse
