"""Decoding text files that are UTF-8 except for some lines, as CSV and .ics files often are.

A UTF-8 export edited or appended to by a Windows tool gains lines in Windows-1252. Decoding
the whole file as either encoding garbles the other's lines, so each line that is not UTF-8 is
read as Windows-1252 on its own. Callers feed chunks of whole lines, so memory stays bounded.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from charset_normalizer import from_bytes

CHUNK_BYTES = 1 << 20
LEGACY_FILE_WARNING = "input is not valid UTF-8; decoded as Windows-1252"
LEGACY_LINE_WARNING = "not UTF-8: read as Windows-1252"

LineWarn = Callable[[int, str], None]  # (line number, message)
# Line ends str.splitlines knows besides CR and LF; a CSV or .ics line does not end at them.
_OTHER_ENDS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def decode_legacy(raw: bytes) -> str:
    """Decode one non-UTF-8 line: Windows-1252 when it fits, else the detected charset.

    Its line end is kept as it is: a detector guessing a multi-byte charset for the line
    would otherwise swallow it and join two lines.
    """
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        pass
    body = raw.rstrip(b"\r\n")
    end = raw[len(body) :].decode("ascii")
    best = next((m for m in from_bytes(body) if not m.encoding.startswith("utf")), None)
    return (str(best) if best is not None else body.decode("latin-1")) + end


class LineDecoder:
    """Decodes chunks of whole lines: UTF-8 when it fits, else line by line with a fallback.

    A line that is not UTF-8 is reported on its own once the file has shown UTF-8 text (a
    byte order mark, or a non-ASCII line that is UTF-8, in this chunk or an earlier one): the
    file is UTF-8 with some lines in Windows-1252. Until then the file looks Windows-1252
    throughout, and one warning says so rather than one per line.
    """

    def __init__(self, warn: LineWarn, *, keep_ends: bool, utf8_seen: bool = False) -> None:
        self.warn = warn
        self.keep_ends = keep_ends
        self.utf8_seen = utf8_seen
        self.file_warned = False

    def decode(self, data: bytes, first_line: int) -> list[str]:
        """The lines of `data` (whole lines; numbered from `first_line` for warnings).

        With `keep_ends`, lines end at CR, LF or CRLF and keep their ends; else at LF, without.
        """
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return self._by_line(data, first_line)
        if not self.utf8_seen and not text.isascii():
            self.utf8_seen = True
        if not self.keep_ends:
            return text.split("\n")
        if _OTHER_ENDS.search(text):
            # Only CR, LF and CRLF end a line, as io.TextIOWrapper(newline="") reads them.
            return io.StringIO(text, newline="").readlines()
        return text.splitlines(keepends=True)

    def _by_line(self, data: bytes, first_line: int) -> list[str]:
        texts: list[str] = []
        legacy: list[int] = []
        raws = data.splitlines(keepends=True) if self.keep_ends else data.split(b"\n")
        for number, raw in enumerate(raws, start=first_line):
            try:
                texts.append(raw.decode("utf-8"))
            except UnicodeDecodeError:
                texts.append(decode_legacy(raw))
                legacy.append(number)
            else:
                self.utf8_seen = self.utf8_seen or not raw.isascii()
        for number in legacy:
            if self.utf8_seen:
                self.warn(number, LEGACY_LINE_WARNING)
            elif not self.file_warned:
                self.warn(number, LEGACY_FILE_WARNING)
                self.file_warned = True
        return texts


def mostly_utf8(sample: bytes) -> bool:
    """Whether a sample that is not valid UTF-8 is UTF-8 text with some lines in another code
    page: as many of its non-ASCII lines are UTF-8 as are not, and at least one is."""
    utf8 = legacy = 0
    for raw in sample.splitlines():
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            legacy += 1
        else:
            utf8 += 1
    return utf8 > 0 and utf8 >= legacy
