"""Account and deal export layouts: the `[customer]` tables of the profiles, as data.

Which column holds what, the vendor's won/lost words, the amount unit and the funnel
stages (README.md, "Customers and the capacity check"); a generic layout from a mapping.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from pillars.domain.customers_records import FunnelStage
from pillars.errors import ConfigError, ImportFileError
from pillars.importers.profiles import match_layout, norm
from pillars.importers.values import DMY, MDY

ACCOUNTS = "accounts"
DEALS = "deals"
COLUMN_KEYS = (
    "id", "name", "domain", "owner", "revenue", "currency", "type", "account_id", "account",
    "stage", "amount", "created", "close_date", "closed", "won", "status", "active",
)  # fmt: skip
LIST_KEYS = ("won_stages", "lost_stages", "won_status", "lost_status")
OPTION_KEYS = ("amount_unit", "date_order", "currency_default", *LIST_KEYS)
DATE_KEYS = ("created", "close_date")
AMOUNT_UNITS = {"units": Decimal(1), "micros": Decimal(1_000_000), "cents": Decimal(100)}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class CustomerLayout:
    """Which columns of an account or deal export hold what, and the vendor's words."""

    name: str
    title: str
    records: str  # "accounts" or "deals"
    columns: dict[str, tuple[str, ...]]
    amount_unit: str = "units"
    date_order: str | None = None
    currency_default: str = ""
    won_stages: frozenset[str] = frozenset()
    lost_stages: frozenset[str] = frozenset()
    won_status: frozenset[str] = frozenset()
    lost_status: frozenset[str] = frozenset()
    funnel: dict[str, FunnelStage] = field(default_factory=dict)
    skip_when: dict[str, frozenset[str]] = field(default_factory=dict)


def _build(name: str, title: str, records: str, raw: dict[str, Any]) -> CustomerLayout:
    unknown = set(raw) - {*COLUMN_KEYS, *OPTION_KEYS, "funnel", "skip_when"}
    if unknown:
        known = ", ".join((*COLUMN_KEYS, *OPTION_KEYS))
        raise ConfigError(f"layout {name}: unknown keys {sorted(unknown)}; known: {known}")
    columns = {k: _columns(raw[k], f"{name}.{k}") for k in COLUMN_KEYS if k in raw}
    if "name" not in columns:
        raise ConfigError(f"layout {name}: the column holding the {records[:-1]} name is required")
    unit = str(raw.get("amount_unit", "units"))
    if unit not in AMOUNT_UNITS:
        raise ConfigError(f"layout {name}: amount_unit must be one of {', '.join(AMOUNT_UNITS)}")
    if raw.get("date_order") not in (None, DMY, MDY):
        raise ConfigError(f"layout {name}: date_order must be '{DMY}' or '{MDY}'")
    try:
        funnel = {str(k).casefold(): FunnelStage(v) for k, v in raw.get("funnel", {}).items()}
    except ValueError as exc:
        raise ConfigError(f"layout {name}: funnel: {exc}") from None
    lists = {k: frozenset(str(v).casefold() for v in raw.get(k, [])) for k in LIST_KEYS}
    skip = {
        norm(k): frozenset(str(v).casefold() for v in vs)
        for k, vs in raw.get("skip_when", {}).items()
    }
    return CustomerLayout(
        name=name,
        title=title,
        records=records,
        columns=columns,
        amount_unit=unit,
        date_order=raw.get("date_order"),
        currency_default=str(raw.get("currency_default", "")),
        funnel=funnel,
        skip_when=skip,
        **lists,
    )


def _columns(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a column name or a list of them, got {value!r}")


@cache
def customer_layouts() -> dict[str, CustomerLayout]:
    """The bundled account and deal layouts by name (profiles with a `[customer]` table)."""
    folder = resources.files("pillars.importers").joinpath("profiles")
    layouts: dict[str, CustomerLayout] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml") or entry.name.startswith("_"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        if data.get("records") in (ACCOUNTS, DEALS) and "customer" in data:
            name = str(data["name"])
            title = str(data.get("title", name))
            layouts[name] = _build(name, title, str(data["records"]), data["customer"])
    return layouts


def layout_from_mapping(mapping: dict[str, Any], records: str) -> CustomerLayout:
    """The generic layout: field -> column header (see COLUMN_KEYS) plus options."""
    if "name" not in mapping:
        raise ConfigError(f"a column mapping for {records} needs 'name'")
    return _build("generic", f"generic {records} CSV with a column mapping", records, mapping)


def choose_layout(header: list[str], records: str, name: str, layout: str | None) -> CustomerLayout:
    """The layout named, else the one whose signature the header holds, if of the right kind."""
    layouts = customer_layouts()
    known = ", ".join(n for n, lay in layouts.items() if lay.records == records)
    if layout is not None:
        if layout not in layouts or layouts[layout].records != records:
            raise ImportFileError(name, f"unknown {records} layout {layout!r}; known: {known}")
        return layouts[layout]
    profile, _closest, _missing = match_layout(header)
    if profile is None or profile.name not in layouts:
        what = (
            f"an export of {profile.records} ({profile.title})" if profile else "not a known export"
        )
        raise ImportFileError(
            name,
            f"{what}, not {records}; known {records} layouts: {known} (or give a column mapping)",
            line=1,
        )
    found = layouts[profile.name]
    if found.records != records:
        kind = f"{'an' if found.records[0] in 'aeiou' else 'a'} {found.records} export"
        message = f"this is {kind} ({found.title}); import it as {found.records}"
        raise ImportFileError(name, message, line=1)
    return found
