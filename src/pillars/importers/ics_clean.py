"""Text pre-cleaning for iCalendar files: decoding, unfolding and repair of common producer bugs.

Everything here works line by line on a byte stream, so a file is never loaded whole.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from pillars.importers.decoding import CHUNK_BYTES, LineDecoder

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

_NAME = re.compile(r"[A-Za-z0-9-]+[;:]")
_SHOUTED = re.compile(r"[A-Z][A-Z0-9-]*(?:\s+[A-Z0-9-]+)*\s*")
KNOWN_PROPERTIES = frozenset(
    "ATTACH ATTENDEE CATEGORIES CLASS COMMENT CONTACT CREATED DESCRIPTION DTEND DTSTAMP "
    "DTSTART DURATION EXDATE GEO LAST-MODIFIED LOCATION ORGANIZER PRIORITY RDATE "
    "RECURRENCE-ID RELATED-TO RESOURCES RRULE SEQUENCE STATUS SUMMARY TRANSP UID URL".split()
)

Warn = Callable[[int, str | None, str], None]


def physical_lines(stream: BinaryIO, warn: Warn) -> Iterator[tuple[int, str]]:
    """(line number, text) of each physical line, decoded; BOMs dropped, bad UTF-8 repaired.

    Reads fixed-size chunks and decodes each chunk at once (a per-line decode is the slowest
    part of a scan); only a chunk that is not UTF-8 is decoded line by line, its lines that
    are not UTF-8 as Windows-1252 (see `decoding.LineDecoder`).
    """
    head = stream.read(4)
    if head.startswith(UTF16_BOMS):
        yield from _utf16_lines(head, stream)
        return

    def line_warn(number: int, message: str) -> None:
        warn(number, None, message)

    decoder = LineDecoder(line_warn, keep_ends=False, utf8_seen=head.startswith(UTF8_BOM))
    number = 0
    pending = head.removeprefix(UTF8_BOM)
    while True:
        chunk = stream.read(CHUNK_BYTES)
        data = pending + chunk
        cut = data.rfind(b"\n") if chunk else len(data)
        if cut < 0:
            pending = data
            continue
        complete, pending = data[:cut], data[cut + 1 :]
        if complete or chunk:
            for text in decoder.decode(complete, number + 1):
                number += 1
                yield number, text.rstrip("\r")
        if not chunk:
            return


def _utf16_lines(head: bytes, stream: BinaryIO) -> Iterator[tuple[int, str]]:
    """Lines of a UTF-16 file (some Windows tools), decoded incrementally."""
    decoder = codecs.getincrementaldecoder("utf-16")("replace")
    pending = ""
    number = 0
    chunk = head
    while chunk:
        pending += decoder.decode(chunk)
        *complete, pending = pending.split("\n")
        for line in complete:
            number += 1
            yield number, line.rstrip("\r").lstrip("\ufeff")
        chunk = stream.read(65536)
    if pending:
        yield number + 1, pending.rstrip("\r")


def logical_lines(lines: Iterable[tuple[int, str]], warn: Warn) -> Iterator[tuple[int, str]]:
    """Unfold content lines; glue continuation lines that lost their leading blank.

    A line that is not a content line and looks like shouted property text ('X-BROKEN LINE')
    is dropped with a warning; any other such line is taken as broken folding and glued to
    the previous line with a space (producers that drop the fold's blank, case 24).
    """
    current: str | None = None
    start = 0
    for number, text in lines:
        if not text.strip():
            continue
        if text[0] in " \t" and current is not None:
            current += text[1:]
            continue
        if _NAME.match(text):
            if current is not None:
                yield start, current
            current, start = text, number
            continue
        if current is None or _looks_like_broken_property(text):
            warn(number, None, f"not a content line (no 'NAME:value'), ignored: {text[:40]!r}")
            continue
        current += " " + text.strip()
    if current is not None:
        yield start, current


def _looks_like_broken_property(text: str) -> bool:
    if not _SHOUTED.fullmatch(text):
        return False
    first = text.split()[0]
    return first.startswith("X-") or first in KNOWN_PROPERTIES


def split_line(line: str) -> tuple[str, str, str]:
    """(NAME upper, parameter text incl. leading ';' or '', value) of one content line.

    Colons inside quoted parameter values (display-name TZIDs) do not end the name part.
    """
    colon = line.find(":")
    if colon >= 0 and '"' not in line[:colon]:  # the usual case, without a char loop
        head, value = line[:colon], line[colon + 1 :]
        name, _, params = head.partition(";")
        return name.upper(), (";" + params) if params else "", value
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head, value = line[:index], line[index + 1 :]
            name, _, params = head.partition(";")
            return name.upper(), (";" + params) if params else "", value
    return line.upper(), "", ""


def split_params(params: str) -> list[tuple[str, str]]:
    """[(NAME upper, raw value)] of a ';NAME=value;...' parameter text, quotes respected."""
    result: list[tuple[str, str]] = []
    quoted = False
    part = ""
    for char in params[1:] if params.startswith(";") else params:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            result.append(_param(part))
            part = ""
        else:
            part += char
    if part:
        result.append(_param(part))
    return result


def _param(part: str) -> tuple[str, str]:
    name, _, value = part.partition("=")
    return name.strip().upper(), value


def join_params(params: list[tuple[str, str]]) -> str:
    """The parameter text for `split_params`' output (quoting values that need it)."""
    out = ""
    for name, value in params:
        if any(char in value for char in ":;,") and not value.startswith('"'):
            value = f'"{value}"'
        out += f";{name}={value}"
    return out


_UNTIL = re.compile(r"\d{8}(T\d{6}Z?)?")


def clean_rrule(value: str) -> tuple[str, list[str]]:
    """An RRULE value without stray blanks and with unreadable COUNT/UNTIL dropped; + warnings."""
    parts = [part for part in re.sub(r"\s+", "", value).upper().split(";") if part]
    kept: dict[str, str] = {}
    warnings: list[str] = []
    for part in parts:
        name, _, val = part.partition("=")
        if name == "COUNT" and not (val.isdigit() and int(val) > 0):
            warnings.append(f"invalid RRULE COUNT '{val}' ignored; the series is open-ended")
            continue
        if name == "UNTIL" and not _UNTIL.fullmatch(val):
            warnings.append(f"invalid RRULE UNTIL '{val}' ignored; the series is open-ended")
            continue
        kept[name] = val
    if "COUNT" in kept and "UNTIL" in kept:
        warnings.append("RRULE has both COUNT and UNTIL; COUNT ignored")
        del kept["COUNT"]
    return ";".join(f"{name}={val}" for name, val in kept.items()), warnings
