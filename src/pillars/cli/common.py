"""What every command shares: zone and window options, output, one-line errors."""

from __future__ import annotations

import decimal
import functools
import io
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.console import Console

from pillars.errors import ConfigError, PillarsError

# Piped output has no width to detect; Rich would assume 80 columns and cut the report.
console = Console() if sys.stdout.isatty() else Console(width=120)
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    HTML = "html"


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def fail(message: str, code: int = 2) -> None:
    """Print one line to stderr and exit non-zero."""
    err_console.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def one_line_errors(func: F) -> F:
    """Turn every expected error into a one-line message and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PillarsError as exc:
            fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        except decimal.DecimalException:
            # Last resort: inputs are checked before any arithmetic, so this is a figure the
            # checks did not foresee; still one line, never a traceback.
            fail(
                "a figure is out of the range the calculation can handle; "
                "check the options for very large or very small numbers"
            )
        except (OSError, UnicodeError) as exc:
            fail(
                f"{getattr(exc, 'filename', '') or ''} {exc.strerror or exc}".strip()
                if isinstance(exc, OSError)
                else str(exc)
            )

    return wrapper  # type: ignore[return-value]


def machine_zone_name() -> str:
    """The machine's IANA zone: $TZ, /etc/timezone, the /etc/localtime link, else UTC.

    $TZ may also name a zone file (":/etc/localtime", "/usr/share/zoneinfo/Europe/Madrid"),
    as Docker and systemd set it: the zone is the one that file is.
    """
    candidate = os.environ.get("TZ", "").lstrip(":")
    if candidate.startswith("/"):
        candidate = _zone_of_file(Path(candidate))
    if not candidate and Path("/etc/timezone").is_file():
        candidate = Path("/etc/timezone").read_text(encoding="utf-8").strip()
    if not candidate:
        candidate = _zone_of_file(Path("/etc/localtime"))
    return candidate or "UTC"


def _zone_of_file(path: Path) -> str:
    """The IANA name of a tz database file (through its links), '' when it names none."""
    resolved = str(path.resolve())
    return resolved.split("zoneinfo/", 1)[1] if "zoneinfo/" in resolved else ""


def parse_zone(name: str | None) -> ZoneInfo:
    """A ZoneInfo from an IANA name, or the machine's zone when None."""
    given = name is not None
    name = name or machine_zone_name()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if not given:
            raise ConfigError(
                f"the machine's time zone '{name}' (from $TZ or /etc) is not an IANA name: "
                "give --tz, such as --tz Europe/Madrid"
            ) from None
        raise ConfigError(
            f"--tz: unknown time zone '{name}' (expected an IANA name such as Europe/Madrid)"
        ) from None


def today_in(tz: ZoneInfo) -> date:
    return datetime.now(tz).date()


def write_output(text: str, out: Path | None) -> None:
    """Write to the file asked for, or print to standard output as is."""
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    out.write_text(text, encoding="utf-8")
    err_console.print(f"wrote {out}", highlight=False)


def write_tables(tables: list[Any], out: Path | None) -> None:
    """Rich tables to the terminal, or as plain text (no colours) to the file asked for."""
    if out is None:
        for table in tables:
            console.print(table)
        return
    buffer = Console(width=160, record=True, file=io.StringIO(), color_system=None)
    for table in tables:
        buffer.print(table)
    write_output(buffer.export_text(), out)


def dump_json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
