"""Delimited text files: encoding and delimiter detection, then rows streamed with line numbers.

Detection reads only a head sample; rows are then streamed from the file so a file of millions
of rows holds one row in memory at a time.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NamedTuple

import charset_normalizer

from pillars.errors import ImportFileError

HEAD_BYTES = 256 * 1024
# A field or line beyond this is hostile or broken; the row is reported, memory stays bounded.
MAX_FIELD_CHARS = 1024 * 1024
DELIMITERS = (",", ";", "\t")

csv.field_size_limit(MAX_FIELD_CHARS)

ErrorSink = Callable[[int, str], None]

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
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(head, final=False)


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
    """Physical lines of a text stream, each at most MAX_FIELD_CHARS long.

    A longer line is consumed in chunks and replaced by an empty line so the reader never holds
    it; its number is recorded so the caller reports the row.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0
        self.overlong: list[int] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.stream.readline(MAX_FIELD_CHARS)
        if not line:
            raise StopIteration
        self.count += 1
        if len(line) >= MAX_FIELD_CHARS and not line.endswith("\n"):
            self.overlong.append(self.count)
            while (chunk := self.stream.readline(MAX_FIELD_CHARS)) and not chunk.endswith("\n"):
                pass
            return "\n"
        return line


def open_text(source: Path | bytes, encoding: str) -> IO[str]:
    """A decoding text stream over the file or bytes; bad bytes become U+FFFD, never a crash."""
    raw: IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
    return io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")


def iter_rows(stream: IO[str], fmt: TextFormat, on_error: ErrorSink) -> Iterator[Row]:
    """Rows of the stream (header included) with the line each starts on; closes the stream.

    Rows the csv module rejects (a field over the size cap, an overlong line) go to
    `on_error(line, message)` and are skipped.
    """
    lines = _Lines(stream)
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
        stream.close()


def sample_rows(head: bytes, fmt: TextFormat, limit: int) -> list[Row]:
    """The header and first rows found in the head sample, for detection and date-order decisions."""
    text = _decode_head(head, fmt.encoding)
    if len(head) >= HEAD_BYTES:
        text = text[: text.rfind("\n") + 1]  # the last line may be cut
    rows: list[Row] = []
    for row in iter_rows(io.StringIO(text, newline=""), fmt, lambda line, message: None):
        rows.append(row)
        if len(rows) > limit:
            break
    return rows
