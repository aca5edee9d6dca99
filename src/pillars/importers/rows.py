"""One tabular row -> one Activity, following a layout bound to one file's header."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from zoneinfo import ZoneInfo

from pillars.domain.records import Activity
from pillars.importers.profiles import FIELDS, Profile, norm
from pillars.importers.timing import CellProblem, Span, TimingPlan
from pillars.importers.values import CellError, make_bool_parser

Cell = tuple[int, str]  # column index, header as written
Getter = Callable[[list[str]], str]


class RowPlan:
    """Column indexes and parsers of one layout on one header, computed once per file.

    Every field gets its own small reader bound to its column, so a row costs only the work
    its layout needs (the per-row budget is a few microseconds on million-row exports).
    """

    def __init__(
        self, profile: Profile, header: list[str], orders: dict[int, str], tz: ZoneInfo
    ) -> None:
        self.profile = profile
        self.width = len(header)
        index: dict[str, int] = {}
        for i, name in enumerate(header):
            index.setdefault(norm(name), i)
        self.cells: dict[str, list[Cell]] = {
            field: [(index[norm(c)], header[index[norm(c)]]) for c in columns if norm(c) in index]
            for field, columns in profile.fields.items()
        }
        self.skips = [(index[c], values) for c, values in profile.skip_when.items() if c in index]
        self.timing = TimingPlan(profile, header, orders, tz)
        self.flag = make_bool_parser(profile.true_values, profile.false_values)
        separators = profile.tag_separators or ";"
        self.tag_table = str.maketrans({s: separators[0] for s in separators[1:]})
        self.tag_separator = separators[0]
        self.get = {field: self._getter(field) for field in FIELDS}
        self.flags = {field for field in ("all_day", "private") if self.cells.get(field)}
        self.direction = self._lookup("direction", profile.directions)
        self.status = self._lookup("status", profile.statuses)
        self.show_as = self._lookup("show_as", profile.show_as)
        organizer = self.get["organizer"]
        self.organizer: Getter = (
            (lambda row: _email(organizer(row))) if self.cells.get("organizer") else _nothing
        )

    def _getter(self, field: str) -> Getter:
        cells = self.cells.get(field, [])
        if not cells:
            return _nothing
        if len(cells) == 1:
            i = cells[0][0]
            return lambda row: row[i].strip()
        return lambda row: self.first(row, field)

    def _lookup(self, field: str, table: dict[str, str]) -> Getter:
        """A reader mapping the field's vendor word to its standard value ('' when unknown)."""
        if not self.cells.get(field):
            return _nothing
        read = self.get[field]
        return lambda row: table.get(read(row).casefold(), "")

    def first(self, row: list[str], field: str) -> str:
        """The first non-empty cell among the field's columns, stripped; '' when none."""
        for i, _ in self.cells.get(field, ()):
            text = row[i].strip()
            if text:
                return text
        return ""

    def skipped(self, row: list[str]) -> bool:
        """Whether the layout says this row is not an entry (deleted, a series master)."""
        return any(row[i].strip().casefold() in values for i, values in self.skips)

    def build(self, row: list[str], line: int) -> Activity | None:
        """The row's Activity (row padded to the header); None when it carries no date.

        Raises CellProblem for a cell that does not hold what its column promises.
        """
        get, profile = self.get, self.profile
        owner = get["owner"](row)
        all_day = self._flag(row, "all_day") if "all_day" in self.flags else False
        span = self.timing.resolve(row, all_day, owner)
        if span is None:
            return None
        summary = get["summary"](row)
        crm_type = get["type"](row) or profile.default_type
        account = get["account"](row)
        busy = self.show_as(row)
        return Activity(
            source=profile.source,
            source_id=get["id"](row) or _content_id(summary, owner, account, crm_type, span),
            start=span.start,
            end=span.end,
            summary=summary,
            all_day=all_day,
            kind=self._kind(summary, crm_type),
            crm_type=crm_type,
            direction=self.direction(row),
            owner=owner,
            organizer=self.organizer(row),
            attendees=self._emails(row) if "attendees" in self.cells else (),
            tags=self._tags(row) if "tags" in self.cells else (),
            account=account,
            status=self.status(row),
            transparent=busy == "FREE",
            busy_status=busy,
            private=self._flag(row, "private") if "private" in self.flags else False,
            line=line,
        )

    def _flag(self, row: list[str], field: str) -> bool:
        for i, column in self.cells.get(field, ()):
            text = row[i].strip()
            if text:
                try:
                    return self.flag(text)
                except CellError as exc:
                    raise CellProblem(column, exc.expected, text) from None
        return False

    def _kind(self, summary: str, crm_type: str) -> str:
        if self.profile.subject_kinds and summary:
            prefix = summary.split(":", 1)[0].strip().casefold()
            if prefix in self.profile.subject_kinds:
                return self.profile.subject_kinds[prefix]
        return self.profile.kinds.get(crm_type.casefold(), self.profile.default_kind)

    def _tags(self, row: list[str]) -> tuple[str, ...]:
        tags: list[str] = []
        for i, _ in self.cells.get("tags", ()):
            text = row[i].translate(self.tag_table)
            tags.extend(t.strip() for t in text.split(self.tag_separator) if t.strip())
        return tuple(tags)

    def _emails(self, row: list[str]) -> tuple[str, ...]:
        found: list[str] = []
        for i, _ in self.cells.get("attendees", ()):
            found.extend(e for part in row[i].split(";") if (e := _email(part)))
        return tuple(found)


def _nothing(row: list[str]) -> str:
    return ""


def _email(text: str) -> str:
    """The e-mail address in 'Name <a@b>' or 'a@b', lower case; '' for a bare name."""
    if "<" in text and ">" in text:
        text = text[text.index("<") + 1 : text.rindex(">")]
    text = text.strip().lower()
    return text if "@" in text else ""


def _content_id(summary: str, owner: str, account: str, crm_type: str, span: Span) -> str:
    """A stable id for layouts without one: a hash of what the row says, not where it sits."""
    content = "\x1f".join((summary, owner, account, crm_type, span.key))
    return "h:" + hashlib.blake2b(content.encode("utf-8"), digest_size=12).hexdigest()
