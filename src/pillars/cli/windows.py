"""The analysis window from --from/--to or --weeks."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from pillars.domain.window import Window, last_whole_weeks, parse_window
from pillars.errors import ConfigError


def resolve_window(
    date_from: str | None, date_to: str | None, *, weeks: int, tz: ZoneInfo, today: date
) -> Window:
    """--from and --to together, or the last `weeks` whole ISO weeks before today."""
    if (date_from is None) != (date_to is None):
        raise ConfigError("--from and --to go together: give both, or neither and --weeks")
    if date_from is not None and date_to is not None:
        return parse_window(date_from, date_to, tz)
    return last_whole_weeks(today, weeks, tz)
