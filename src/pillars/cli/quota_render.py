"""Print quota figures: a Rich table in the terminal, or JSON with stable keys."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich import box
from rich.table import Table

from pillars.cli.common import ListFormat, console, dump_json, write_output


def show(data: Mapping[str, Any], fmt: ListFormat, title: str) -> None:
    """JSON as is; a table shows the flat figures, then each list of rows as its own table."""
    if fmt == ListFormat.JSON:
        write_output(dump_json(data), None)
        return
    console.print(figures_table(title, _flat(data)))
    for key, rows in _row_lists(data):
        console.print(rows_table(key.replace("_", " "), rows, path=key))


def _row_lists(data: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, list[Any]]]:
    """Every list of rows, nested ones too (a payout plan's tiers), as 'plan.tiers'."""
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _row_lists(value, f"{prefix}{key}.")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            yield f"{prefix}{key}", value


def _flat(data: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _flat(value, f"{prefix}{key}.")
        elif not isinstance(value, list):
            yield f"{prefix}{key}", value


def figures_table(title: str, figures: Iterable[tuple[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_header=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, value in figures:
        table.add_row(name.replace("_", " "), fmt_value(name, value))
    return table


def rows_table(title: str, rows: list[dict[str, Any]], path: str = "") -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for key in rows[0]:
        table.add_column(key.replace("_", " "), justify="right")
    prefix = f"{path}." if path else ""
    for row in rows:
        table.add_row(*(fmt_value(f"{prefix}{key}", value) for key, value in row.items()))
    return table


def fmt_value(name: str, value: Any) -> str:
    """Thousands separators for money; shares as percentages; None as a dash."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    last = name.split(".")[-1]
    if isinstance(value, int):
        return str(value) if last in PLAIN_KEYS else f"{value:,}"
    if isinstance(value, float):
        if last in SHARE_KEYS or name in SHARE_KEYS:
            return f"{value:.1%}"
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    return str(value)


SHARE_KEYS = {
    "cogs",
    "gross_margin",
    "attainment",
    "share_of_variable",
    "rate",
    "nominal_rate",
    "plan.tiers.payout",  # a tier's payout is a share of the variable, not money
}
PLAIN_KEYS = {"year", "headcount"}
