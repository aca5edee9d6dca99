"""Delimited text files: encoding and delimiter detection, then rows streamed with line numbers.

Detection reads only a head sample; rows are then streamed from the file so a file of millions
of rows holds one row in memory at a time. A UTF-8 file is decoded a chunk at a time, and a
line of it that is not UTF-8 is read as Windows-1252 with a warning (see `decoding`).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

import charset_normalizer

from pillars.errors import ImportFileError
from pillars.importers.decoding import LineDecoder, mostly_utf8

HEAD_BYTES = 256 * 1024
# A field or line beyond this is hostile or broken; the row is reported, memory stays bounded.
MAX_FIELD_CHARS = 1024 * 1024
DELIMITERS = (",", ";", "\t")

csv.field_size_limit(MAX_FIELD_CHARS)

ErrorSink = Callable[[int, str], None]
Lines = Generator[str, None, None]  # physical lines, ends kept; see `open_lines`

UTF8 = ("utf-8", "utf-8-sig")
READ_BYTES = 64 * 1024  # a UTF-8 file is read and decoded this much at a time

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls / .doc container
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class TextFormat:
    """How to decode and split one delimited file."""

    encoding: str
    delimiter: str
    skip_first_line: bool = False  # Excel's "sep=;" hint line


class Row(NamedTuple):
    """One record of the file and the physical line it starts on (1-based)."""

    line: int
    cells: list[str]


def read_head(source: Path | bytes) -> bytes:
    """The first bytes of a file, enough to detect its encoding, delimiter and header."""
    if isinstance(source, bytes):
        return source[:HEAD_BYTES]
    with source.open("rb") as handle:
        return handle.read(HEAD_BYTES)


def detect_encoding(head: bytes, name: str) -> str:
    """The encoding of a text file from its head: BOM, then UTF-8, then charset-normalizer."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if not head.strip():
        raise ImportFileError(name, "the file is empty")
    if head.startswith(_OLE_MAGIC):
        raise ImportFileError(
            name, "this is an old binary Excel (.xls) file: save it as .xlsx or CSV"
        )
    if _is_utf8(head):
        return "utf-8"
    if not _mostly_binary(head) and mostly_utf8(_whole_lines(head)):
        return "utf-8"  # its lines that are not UTF-8 are read as Windows-1252, with a warning
    candidates = [match.encoding for match in charset_normalizer.from_bytes(head)]
    if not candidates or _mostly_binary(head):
        raise ImportFileError(name, "this is not a text or spreadsheet file (binary content)")
    # Windows Excel in the markets we serve writes cp1252; charset-normalizer often ranks a
    # sibling code page (cp1250, cp1257) first for short Western text, which garbles accents.
    return "cp1252" if "cp1252" in candidates else candidates[0]


def _is_utf8(head: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=len(head) < HEAD_BYTES)
    except UnicodeDecodeError:
        return False
    return not _mostly_binary(head)


def _whole_lines(head: bytes) -> bytes:
    """The head without its last line when that may be cut by the sample's size."""
    return head if len(head) < HEAD_BYTES else head[: max(head.rfind(b"\n"), 0)]


def _mostly_binary(head: bytes) -> bool:
    # A stray NUL in a cell is damage to one row; text with many NULs is UTF-16 without a
    # BOM or not text at all.
    nuls = head.count(b"\x00")
    return nuls > 3 and nuls * 100 > len(head)


def detect_format(head: bytes, name: str) -> TextFormat:
    """Encoding and delimiter (',' ';' or tab) of a delimited file, from its head only."""
    encoding = detect_encoding(head, name)
    text = _decode_head(head, encoding)
    first, _, rest = text.partition("\n")
    hint = first.strip().lower()
    if hint.startswith("sep=") and len(hint) == 5:
        return TextFormat(encoding, first.strip()[4], skip_first_line=True)
    return TextFormat(encoding, choose_delimiter(first, rest.partition("\n")[0]))


def _decode_head(head: bytes, encoding: str) -> str:
    if encoding in UTF8:
        return "".join(open_lines(head, encoding, _quiet))
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(head, final=False)


def _quiet(line: int, message: str) -> None:
    """Problems met in the head sample are reported when the rows are streamed."""


def choose_delimiter(header: str, second: str) -> str:
    """The candidate splitting the header into the most fields, ties broken by the next line."""

    def width(line: str, delimiter: str) -> int:
        try:
            return len(next(csv.reader([line], delimiter=delimiter), []))
        except csv.Error:  # a line cut inside a quoted field
            return 0

    scored = [(width(header, d), width(second, d) == width(header, d), d) for d in DELIMITERS]
    best = max(scored, key=lambda item: (item[0], item[1], -DELIMITERS.index(item[2])))
    return best[2]


class _Lines:
    """Physical lines, each at most MAX_FIELD_CHARS long, counted.

    A longer line is consumed in pieces and replaced by an empty line so the reader never holds
    it; its number is recorded so the caller reports the row.
    """

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.count = 0
        self.overlong: list[int] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.count += 1
        if isinstance(line, _Overlong):
            self.overlong.append(self.count)
            return "\n"
        ended = line.endswith(_ENDS)
        if len(line) > MAX_FIELD_CHARS or (len(line) == MAX_FIELD_CHARS and not ended):
            self.overlong.append(self.count)
            if not ended:
                for piece in self.lines:
                    if piece.endswith(_ENDS):
                        break
            return "\n"
        return line


_ENDS = ("\n", "\r")


def open_lines(source: Path | bytes, encoding: str, on_warning: ErrorSink) -> Lines:
    """Physical lines of the file or bytes, decoded, ends kept; bad bytes never crash.

    In a UTF-8 file a line that is not UTF-8 is read as Windows-1252 and reported to
    `on_warning(line, message)`; in other encodings bad bytes become U+FFFD. A line over
    MAX_FIELD_CHARS comes whole, in pieces of at least that length (only the last one with a
    line end), or as OVERLONG, never held whole when it is longer than a few times that.
    """
    with io.BytesIO(source) if isinstance(source, bytes) else source.open("rb") as raw:
        if encoding in UTF8:
            yield from _utf8_lines(raw, on_warning)
            return
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        while line := stream.readline(MAX_FIELD_CHARS):
            yield line


def _utf8_lines(raw: BinaryIO, on_warning: ErrorSink) -> Iterator[str]:
    # The head is decoded at once: its UTF-8 lines, wherever they are, show that the others
    # are odd lines to report, as detection found (see `LineDecoder`).
    pending = bytearray(raw.read(HEAD_BYTES))
    bom = pending.startswith(codecs.BOM_UTF8)
    del pending[: len(codecs.BOM_UTF8) if bom else 0]
    decoder = LineDecoder(on_warning, keep_ends=True, utf8_seen=bom)
    number = 0
    skipping = False  # dropping the rest of an overlong line
    while True:
        chunk = raw.read(READ_BYTES)
        pending += chunk
        if skipping:
            skipping = _drop_line(pending, end_of_file=not chunk)
        cut = 0 if skipping else _whole_lines_end(pending) if chunk else len(pending)
        if cut:
            lines = decoder.decode(bytes(pending[:cut]), number + 1)
            del pending[:cut]
            number += len(lines)
            yield from lines
        if not chunk:
            return
        if not skipping and _overlong(pending):
            number += 1
            yield OVERLONG
            skipping = _drop_line(pending, end_of_file=False)


class _Overlong(str):
    """A line over MAX_FIELD_CHARS that the source dropped rather than decode."""


OVERLONG = _Overlong("\n")
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))


def _overlong(start: bytearray) -> bool:
    """Whether the start of a line, no end yet, is over MAX_FIELD_CHARS characters already."""
    if len(start) <= MAX_FIELD_CHARS:
        return False
    # A UTF-8 character is one byte that is not a continuation byte; 4 bytes at most.
    return len(start) > 4 * (MAX_FIELD_CHARS + 1) or (
        len(start.translate(None, _CONTINUATION_BYTES)) > MAX_FIELD_CHARS
    )


def _whole_lines_end(data: bytearray) -> int:
    """Where the whole lines of data end; a CR at the very end may start a CRLF: not yet."""
    end = len(data) - 1 if data.endswith(b"\r") else len(data)
    return max(data.rfind(b"\n", 0, end), data.rfind(b"\r", 0, end)) + 1


def _drop_line(pending: bytearray, end_of_file: bool) -> bool:
    """Drop pending up to the end of the line being skipped; whether that end is yet to come."""
    ends = [i for i in (pending.find(b"\n"), pending.find(b"\r")) if i >= 0]
    if not ends:
        pending.clear()
        return not end_of_file
    end = min(ends)
    if pending[end] == ord("\r"):
        if end + 1 == len(pending) and not end_of_file:
            del pending[:end]  # a LF may follow in the next chunk
            return True
        if pending[end + 1 : end + 2] == b"\n":
            end += 1
    del pending[: end + 1]
    return False


def iter_rows(source: Lines, fmt: TextFormat, on_error: ErrorSink) -> Iterator[Row]:
    """Rows of the lines (header included) with the line each starts on; closes the source.

    Rows the csv module rejects (a field over the size cap, an overlong line) go to
    `on_error(line, message)` and are skipped.
    """
    lines = _Lines(source)
    overlong = lines.overlong
    if fmt.skip_first_line:
        next(lines, None)
    reader = csv.reader(lines, delimiter=fmt.delimiter, quotechar='"', doublequote=True)
    done = lines.count  # the last line of the previous row
    try:
        while True:
            try:
                for cells in reader:
                    if overlong:
                        on_error(done + 1, f"expected a line under {MAX_FIELD_CHARS} characters")
                        overlong.clear()
                    else:
                        yield Row(done + 1, cells)
                    done = lines.count
                return
            except csv.Error as exc:
                message = (
                    f"unreadable row ({exc}); expected fields under {MAX_FIELD_CHARS} characters"
                )
                on_error(done + 1, message)
                done = lines.count
    finally:
        source.close()


def sample_rows(head: bytes, fmt: TextFormat, limit: int) -> list[Row]:
    """The header and first rows found in the head sample, for detection and date-order decisions."""
    text = _decode_head(head, fmt.encoding)
    if len(head) >= HEAD_BYTES:
        text = text[: text.rfind("\n") + 1]  # the last line may be cut
    rows: list[Row] = []
    for row in iter_rows(_text_lines(text), fmt, _quiet):
        rows.append(row)
        if len(rows) > limit:
            break
    return rows


def _text_lines(text: str) -> Lines:
    stream = io.StringIO(text, newline="")
    while line := stream.readline(MAX_FIELD_CHARS):
        yield line
