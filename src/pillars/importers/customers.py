"""CRM account and deal exports -> AccountRecord / DealRecord plus row errors.

The same file machinery as activities (`tabular`: encoding, delimiter, .xlsx, line numbers);
the layouts are the account/deal profiles, whose `[customer]` table says which column holds
what (README.md, "Customers and the capacity check"). A file of the wrong kind fails whole;
a bad cell skips its row with file, line and column.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pillars.domain.customers_records import AccountRecord, DealRecord, FunnelStage
from pillars.errors import ImportFileError
from pillars.importers.base import ReadLog
from pillars.importers.customer_layouts import (
    ACCOUNTS,
    AMOUNT_UNITS,
    CENT,
    DATE_KEYS,
    DEALS,
    CustomerLayout,
    choose_layout,
    layout_from_mapping,
)
from pillars.importers.profiles import common_vocabulary, norm
from pillars.importers.tabular import _open, _Source, shown
from pillars.importers.values import (
    DMY,
    MDY,
    CellError,
    decide_order,
    make_bool_parser,
    make_date_parser,
    parse_number,
)

# What the rows a layout's skip_when drops are and why, by (column, value), else by column.
SKIP_REASONS = {
    ("type", "lead"): ("leads", "only opportunities are deals"),
    ("isdeleted", ""): ("deleted rows", "deleted in the CRM"),
}


@dataclass
class CustomerReadLog(ReadLog):
    """A ReadLog that also counts the rows skipped on purpose (not errors, not stored)."""

    skipped_rows: int = 0


class _Row:
    """One row's cells by standard key, with line number for messages."""

    def __init__(self, plan: _Plan, cells: list[str], line: int) -> None:
        self.plan, self.cells, self.line = plan, cells, line

    def text(self, key: str) -> str:
        for index in self.plan.index.get(key, ()):
            if index < len(self.cells) and self.cells[index].strip():
                return self.cells[index].strip()
        return ""

    def column(self, key: str) -> str:
        return self.plan.headers.get(key, key)

    def parse(self, key: str, parser: Callable[[str], Any]) -> Any:
        value = self.text(key)
        if not value:
            return None
        try:
            return parser(value)
        except CellError as exc:
            raise _BadCell(self.column(key), exc.expected, value) from None
        except ValueError:
            raise _BadCell(self.column(key), "a number", value) from None


class _BadCell(Exception):
    def __init__(self, column: str, expected: str, value: str) -> None:
        self.column, self.expected, self.value = column, expected, value


class _Plan:
    """Column indexes and cell parsers for one file."""

    def __init__(self, layout: CustomerLayout, src: _Source, log: ReadLog) -> None:
        self.layout = layout
        positions = {norm(h): i for i, h in reversed(list(enumerate(src.header.cells)))}
        self.index: dict[str, tuple[int, ...]] = {}
        self.headers: dict[str, str] = {}
        for key, columns in layout.columns.items():
            found = tuple(positions[norm(c)] for c in columns if norm(c) in positions)
            self.index[key] = found
            if found:
                self.headers[key] = src.header.cells[found[0]].strip()
        if not self.index.get("name"):
            raise ImportFileError(
                log.file,
                f"the {layout.name} layout needs the column {layout.columns['name'][0]!r}",
                line=1,
            )
        self.skips = {positions[k]: v for k, v in layout.skip_when.items() if k in positions}
        self.skip_names = {i: (k, src.header.cells[i].strip()) for k, i in positions.items()}
        vocabulary = common_vocabulary()
        self.flag = make_bool_parser(vocabulary["true_values"], vocabulary["false_values"])
        self.dates = {key: self._date_parser(key, src, log) for key in DATE_KEYS}

    def _date_parser(self, key: str, src: _Source, log: ReadLog) -> Callable[[str], date]:
        values = [
            r.cells[i] for r in src.sample for i in self.index.get(key, ()) if i < len(r.cells)
        ]
        order, _conflict = decide_order(values)
        fallback = self.layout.date_order or (DMY if src.fmt and src.fmt.delimiter == ";" else MDY)
        parse = make_date_parser(order or fallback)

        def as_day(text: str) -> date:
            value = parse(text)
            return value.date() if isinstance(value, datetime) else value

        return as_day

    def skipped(self, cells: list[str]) -> tuple[int, str] | None:
        """(column index, value) of the rule that skips this row, or None."""
        for i, values in self.skips.items():
            value = cells[i].strip().casefold() if i < len(cells) else ""
            if value in values:
                return i, value
        return None

    def report_skipped(self, skipped: Counter[tuple[int, str]], log: ReadLog) -> None:
        """A warning per rule met: '3 leads (type lead) skipped: only opportunities are deals'."""
        for (index, value), count in sorted(skipped.items()):
            key, column = self.skip_names[index]
            reason = SKIP_REASONS.get((key, value)) or SKIP_REASONS.get((key, ""))
            what, why = reason or ("rows", "the layout skips them")
            what = what if count != 1 else what.removesuffix("s")
            log.warning(None, column, f"{count} {what} ({key} {value}) skipped: {why}")
        if isinstance(log, CustomerReadLog):
            log.skipped_rows += sum(skipped.values())

    def amount(self, text: str) -> Decimal:
        number = Decimal(repr(parse_number(text)))
        return (number / AMOUNT_UNITS[self.layout.amount_unit]).quantize(CENT)


def _rows(
    source: Path | bytes,
    records: str,
    log: ReadLog,
    layout: str | None,
    mapping: dict[str, Any] | None,
    name: str | None,
) -> Iterator[_Row]:
    label = name or (source.name if isinstance(source, Path) else log.file)
    src = _open(source, label)
    chosen = (
        layout_from_mapping(mapping, records)
        if mapping
        else choose_layout(src.header.cells, records, label, layout)
    )
    plan = _Plan(chosen, src, log)
    return _stream(plan, src, log)


def _stream(plan: _Plan, src: _Source, log: ReadLog) -> Iterator[_Row]:
    skipped: Counter[tuple[int, str]] = Counter()
    for line, cells in src.rows(log):
        if line <= src.header.line or not any(c.strip() for c in cells):
            continue
        rule = plan.skipped(cells) if plan.skips else None
        if rule is not None:
            skipped[rule] += 1
            continue
        yield _Row(plan, cells, line)
    plan.report_skipped(skipped, log)


def read_accounts(
    source: Path | bytes,
    log: ReadLog,
    *,
    layout: str | None = None,
    mapping: dict[str, Any] | None = None,
    name: str | None = None,
) -> list[AccountRecord]:
    """Accounts of a CRM export; bad rows go to `log`. ImportFileError for a wrong file."""
    out: list[AccountRecord] = []
    for row in _rows(source, ACCOUNTS, log, layout, mapping, name):
        try:
            out.append(_account(row))
        except _BadCell as bad:
            _report(log, row, bad)
    return out


def read_deals(
    source: Path | bytes,
    log: ReadLog,
    *,
    layout: str | None = None,
    mapping: dict[str, Any] | None = None,
    name: str | None = None,
) -> list[DealRecord]:
    """Deals/opportunities of a CRM export; bad rows go to `log`. ImportFileError for a wrong file."""
    out: list[DealRecord] = []
    for row in _rows(source, DEALS, log, layout, mapping, name):
        try:
            out.append(_deal(row))
        except _BadCell as bad:
            _report(log, row, bad)
    return out


def _report(log: ReadLog, row: _Row, bad: _BadCell) -> None:
    message = f"expected {bad.expected}, got '{shown(bad.value)}'"
    log.error(row.line, bad.column, message, shown(row.text("id")))


def _key(row: _Row) -> str:
    own = row.text("id")
    if own:
        return own
    parts = (row.text("name"), row.text("account"), row.text("created"))
    return "h:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def _account(row: _Row) -> AccountRecord:
    name = row.text("name")
    if not name:
        raise _BadCell(row.column("name"), "the account's name", "")
    return AccountRecord(
        source=row.plan.layout.name,
        source_id=_key(row),
        name=name,
        domains=domains_of(row.text("domain")),
        owner=row.text("owner"),
        revenue=row.parse("revenue", row.plan.amount),
        currency=(row.text("currency") or row.plan.layout.currency_default).upper(),
        account_type=row.text("type"),
        line=row.line,
    )


def domains_of(text: str) -> tuple[str, ...]:
    """'https://www.acme.example/about; acme.es' -> ('acme.example', 'acme.es')."""
    found: list[str] = []
    for part in text.replace(",", ";").replace(" ", ";").split(";"):
        host = part.strip().casefold().split("://", 1)[-1].split("/", 1)[0].split("@")[-1]
        host = host.removeprefix("www.").strip(".")
        if "." in host and host not in found:
            found.append(host)
    return tuple(found)


def _deal(row: _Row) -> DealRecord:
    layout = row.plan.layout
    name = row.text("name")
    if not name:
        raise _BadCell(row.column("name"), "the deal's name", "")
    stage = row.text("stage")
    closed, won = _outcome(row, stage.casefold())
    return DealRecord(
        source=layout.name,
        source_id=_key(row),
        name=name,
        account_id=row.text("account_id"),
        account_name=row.text("account"),
        owner=row.text("owner"),
        stage=stage,
        funnel_stage=FunnelStage.WIN if won else layout.funnel.get(stage.casefold()),
        amount=row.parse("amount", row.plan.amount),
        currency=(row.text("currency") or layout.currency_default).upper(),
        created=row.parse("created", row.plan.dates["created"]),
        close_date=row.parse("close_date", row.plan.dates["close_date"]),
        closed=closed,
        won=won,
        deal_type=row.text("type"),
        line=row.line,
    )


def _outcome(row: _Row, stage: str) -> tuple[bool, bool]:
    """(closed, won): the CRM's flags first, then its status, then archived, then stage words."""
    layout = row.plan.layout
    if row.plan.index.get("closed") or row.plan.index.get("won"):
        won = bool(row.parse("won", row.plan.flag))
        return bool(row.parse("closed", row.plan.flag)) or won, won
    status = row.text("status").casefold()
    if status and (layout.won_status or layout.lost_status):
        won = status in layout.won_status
        return won or status in layout.lost_status, won
    won = stage in layout.won_stages
    if row.plan.index.get("active") and row.parse("active", row.plan.flag) is False:
        return True, False
    return won or stage in layout.lost_stages, won
