"""One tabular row -> one Activity, following a layout bound to one file's header."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from zoneinfo import ZoneInfo

from pillars.domain.records import Activity
from pillars.importers.profiles import Profile, norm
from pillars.importers.timing import CellProblem, Span, TimingPlan
from pillars.importers.values import CellError, make_bool_parser

Cell = tuple[int, str]


class RowPlan:
    """Column indexes and parsers of one layout on one header, computed once per file."""

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
        """The row's Activity; None when it carries no date. Raises CellProblem for a bad cell."""
        if len(row) < self.width:
            row = row + [""] * (self.width - len(row))
        owner = self.first(row, "owner")
        all_day = self._flag(row, "all_day")
        span = self.timing.resolve(row, all_day, owner)
        if span is None:
            return None
        summary = self.first(row, "summary")
        crm_type = self.first(row, "type") or self.profile.default_type
        account = self.first(row, "account")
        busy = self._lookup(row, "show_as", self.profile.show_as)
        return Activity(
            source=self.profile.source,
            source_id=self.first(row, "id") or _content_id(summary, owner, account, crm_type, span),
            start=span.start,
            end=span.end,
            summary=summary,
            all_day=all_day,
            kind=self._kind(summary, crm_type),
            crm_type=crm_type,
            direction=self._lookup(row, "direction", self.profile.directions),
            owner=owner,
            organizer=_email(self.first(row, "organizer")),
            attendees=self._emails(row),
            tags=self._tags(row),
            account=account,
            status=self._lookup(row, "status", self.profile.statuses),
            transparent=busy == "FREE",
            busy_status=busy,
            private=self._flag(row, "private"),
            line=line,
        )

    def _flag(self, row: list[str], field: str) -> bool:
        return self._parsed(row, field, self.flag, False)

    def _parsed(
        self, row: list[str], field: str, parse: Callable[[str], bool], empty: bool
    ) -> bool:
        for i, column in self.cells.get(field, ()):
            text = row[i].strip()
            if text:
                try:
                    return parse(text)
                except CellError as exc:
                    raise CellProblem(column, exc.expected, text) from None
        return empty

    def _lookup(self, row: list[str], field: str, table: dict[str, str]) -> str:
        text = self.first(row, field)
        return table.get(text.casefold(), "") if text else ""

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
