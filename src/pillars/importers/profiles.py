"""Vendor column layouts ("profiles"), loaded from the TOML files in `profiles/`.

A layout is data: which header columns identify it, which column holds each standard field,
the duration unit, whether times are UTC, and the vendor's words for kinds and statuses.
`_common.toml` holds the vocabulary every layout shares; a layout's own tables win over it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from pillars.errors import ConfigError
from pillars.importers.values import DMY, MDY, UNITS

ACTIVITIES = "activities"
FIELDS = (
    "id", "summary", "owner", "type", "direction", "status", "account", "tags", "all_day",
    "private", "show_as", "organizer", "attendees",
)  # fmt: skip
TIMING_KEYS = ("start", "date", "time", "end", "end_date", "end_time", "duration")
Columns = tuple[str, ...]
# Share of a layout's signature a header must hold: to be read as that layout (with its
# required columns), and to be named as the closest layout when it is not.
FIT_SHARE = 0.5
LOOKS_LIKE_SHARE = 0.6


def norm(header: str) -> str:
    """A header as compared: no BOM, no outer spaces, case-folded."""
    return header.replace("\ufeff", "").strip().casefold()


@dataclass(frozen=True)
class Timing:
    """One way of reading when a row happened; a layout tries its timings in order."""

    columns: dict[str, Columns]  # TIMING_KEYS -> candidate columns
    units: tuple[str, ...] = ()  # one per duration column
    sum_durations: bool = False  # SuiteCRM: hours column + minutes column


@dataclass(frozen=True)
class Profile:
    """One vendor export layout."""

    name: str
    title: str
    records: str  # "activities", "accounts" or "deals"
    source: str
    signature: Columns
    required: Columns
    fields: dict[str, Columns] = field(default_factory=dict)
    timings: tuple[Timing, ...] = ()
    utc: bool = False
    date_order: str | None = None
    default_kind: str = "other"
    default_type: str = ""
    stop_at_blank: bool = False
    skip_when: dict[str, frozenset[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    subject_kinds: dict[str, str] = field(default_factory=dict)
    directions: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    show_as: dict[str, str] = field(default_factory=dict)
    true_values: tuple[str, ...] = ()
    false_values: tuple[str, ...] = ()
    tag_separators: str = ";,"
    day_start: str = "09:00"
    known: frozenset[str] = frozenset()  # every column the layout reads, as `norm` gives it


def _as_columns(value: Any, where: str) -> Columns:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a column name or a list of them, got {value!r}")


def _lower_table(raw: dict[str, Any], key: str, common: dict[str, Any]) -> dict[str, str]:
    merged = {**common.get(key, {}), **raw.get(key, {})}
    return {str(k).casefold(): str(v) for k, v in merged.items()}


def _timing(raw: dict[str, Any], where: str) -> Timing:
    columns = {k: _as_columns(raw[k], f"{where}.{k}") for k in TIMING_KEYS if k in raw}
    units = _as_columns(raw.get("unit", []), f"{where}.unit")
    if len(units) != len(columns.get("duration", ())):
        raise ConfigError(f"{where}: give one unit per duration column")
    for unit in units:
        if unit not in UNITS:
            raise ConfigError(f"{where}: unknown unit {unit!r}; known: {', '.join(UNITS)}")
    return Timing(columns, units, raw.get("combine") == "sum")


def build_profile(raw: dict[str, Any], common: dict[str, Any]) -> Profile:
    """A profile from its parsed TOML (after `extends` is resolved) and the shared vocabulary."""
    name = str(raw["name"])
    signature = _as_columns(raw.get("signature", []), f"{name}.signature")
    if not signature:
        raise ConfigError(f"layout {name}: a signature (header columns) is required")
    fields = {k: _as_columns(v, f"{name}.fields.{k}") for k, v in raw.get("fields", {}).items()}
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ConfigError(f"layout {name}: unknown fields {sorted(unknown)}")
    if raw.get("date_order") not in (None, DMY, MDY):
        raise ConfigError(f"layout {name}: date_order must be '{DMY}' or '{MDY}'")
    skip = {
        norm(k): frozenset(str(v).casefold() for v in vs)
        for k, vs in raw.get("skip_when", {}).items()
    }
    required = _as_columns(raw.get("required", list(signature)), f"{name}.required")
    timings = tuple(_timing(t, f"{name}.timing") for t in raw.get("timing", []))
    return Profile(
        name=name,
        title=str(raw.get("title", name)),
        records=str(raw.get("records", ACTIVITIES)),
        source=str(raw.get("source", name)),
        signature=signature,
        required=required,
        fields=fields,
        timings=timings,
        utc=bool(raw.get("utc", False)),
        date_order=raw.get("date_order"),
        default_kind=str(raw.get("default_kind", "other")),
        default_type=str(raw.get("default_type", "")),
        stop_at_blank=bool(raw.get("stop_at_blank", False)),
        skip_when=skip,
        kinds=_lower_table(raw, "kinds", common),
        subject_kinds=_lower_table(raw, "subject_kinds", {}),
        directions=_lower_table(raw, "directions", common),
        statuses=_lower_table(raw, "statuses", common),
        show_as=_lower_table(raw, "show_as", common),
        true_values=tuple(raw.get("true_values", common.get("true_values", ()))),
        false_values=tuple(raw.get("false_values", common.get("false_values", ()))),
        tag_separators=str(raw.get("tag_separators", common.get("tag_separators", ";,"))),
        day_start=str(raw.get("day_start", common.get("day_start", "09:00"))),
        known=_known_columns(signature, required, fields, timings, skip),
    )


def _known_columns(
    signature: Columns,
    required: Columns,
    fields: dict[str, Columns],
    timings: tuple[Timing, ...],
    skip: dict[str, frozenset[str]],
) -> frozenset[str]:
    columns = [*signature, *required, *skip]
    columns += [c for cs in fields.values() for c in cs]
    columns += [c for t in timings for cs in t.columns.values() for c in cs]
    return frozenset(norm(c) for c in columns)


def _translate(raw: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    """A base layout with its header names replaced by a localised export's headers."""

    def tr(value: Any) -> Any:
        if isinstance(value, str):
            return headers.get(value, value)
        if isinstance(value, list):
            return [tr(v) for v in value]
        return value

    out = dict(raw)
    for key in ("signature", "required"):
        if key in out:
            out[key] = tr(out[key])
    out["fields"] = {k: tr(v) for k, v in raw.get("fields", {}).items()}
    out["timing"] = [
        {k: tr(v) if k in TIMING_KEYS else v for k, v in t.items()} for t in raw.get("timing", [])
    ]
    out["skip_when"] = {tr(k): v for k, v in raw.get("skip_when", {}).items()}
    return out


def _resolve(name: str, raws: dict[str, dict[str, Any]], depth: int = 0) -> dict[str, Any]:
    raw = raws[name]
    base_name = raw.get("extends")
    if not base_name:
        return raw
    if base_name not in raws or depth > 3:
        raise ConfigError(f"layout {name}: extends unknown layout {base_name!r}")
    base = _translate(_resolve(base_name, raws, depth + 1), raw.get("headers", {}))
    merged = {**base, **{k: v for k, v in raw.items() if k not in ("extends", "headers")}}
    for table in ("fields", "kinds", "statuses", "directions", "show_as", "subject_kinds"):
        merged[table] = {**base.get(table, {}), **raw.get(table, {})}
    merged.setdefault("source", base.get("source", base_name))
    return merged


@cache
def load_profiles() -> dict[str, Profile]:
    """Every bundled layout by name (read once)."""
    folder = resources.files("pillars.importers").joinpath("profiles")
    common: dict[str, Any] = {}
    raws: dict[str, dict[str, Any]] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        try:
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"layout file {entry.name}: {exc}") from None
        if entry.name.startswith("_"):
            common = data
        else:
            raws[str(data["name"])] = data
    return {name: build_profile(_resolve(name, raws), common) for name in sorted(raws)}


def common_vocabulary() -> dict[str, Any]:
    """The shared vocabulary of `_common.toml`, for layouts built at run time (generic mapping)."""
    entry = resources.files("pillars.importers").joinpath("profiles", "_common.toml")
    return tomllib.loads(entry.read_text(encoding="utf-8"))


def match_layout(header: list[str]) -> tuple[Profile | None, Profile | None, list[str]]:
    """(the layout that best explains the header, else the closest one, its missing columns).

    A layout fits when the header holds its required columns and most of its signature (a
    trimmed Outlook export still has its Categories column but maybe no Reminder column).
    Of the fitting layouts, the one that reads the most of the header's columns wins, then a
    whole signature over a partial one, then the most specific signature (a Salesforce weekly
    Task export also holds every column of a Data Loader Task export), then name order.
    """
    present = {norm(h) for h in header}
    best: tuple[tuple[int, bool, int], Profile] | None = None
    closest: tuple[float, Profile | None, list[str]] = (0.0, None, [])
    for profile in load_profiles().values():
        missing = [c for c in profile.signature if norm(c) not in present]
        share = 1 - len(missing) / len(profile.signature)
        if share > FIT_SHARE and all(norm(c) in present for c in profile.required):
            score = (len(present & profile.known), not missing, len(profile.signature))
            if best is None or score > best[0]:
                best = (score, profile)
        elif share > closest[0]:
            closest = (share, profile, missing)
    if best is not None:
        return best[1], None, []
    return None, (closest[1] if closest[0] >= LOOKS_LIKE_SHARE else None), closest[2]


GENERIC = "generic"
# Keys of a generic mapping that are options, not columns.
MAPPING_OPTIONS = ("duration_unit", "date_order", "utc")


def profile_from_mapping(mapping: dict[str, str]) -> Profile:
    """The generic layout: standard field name -> column header, plus optional settings.

    Fields: those of FIELDS and TIMING_KEYS. Options: `duration_unit` (default 'auto': '90',
    '1:30', '1,5 h'), `date_order` ('dmy' or 'mdy' when the values do not prove it), `utc`.
    """
    unknown = set(mapping) - set(FIELDS) - set(TIMING_KEYS) - set(MAPPING_OPTIONS)
    if unknown:
        known = ", ".join((*FIELDS, *TIMING_KEYS, *MAPPING_OPTIONS))
        raise ConfigError(f"unknown mapping fields {sorted(unknown)}; known: {known}")
    if not {"start", "date", "end"} & set(mapping):
        raise ConfigError("a column mapping needs 'start' or 'date' (the activity's date)")
    timing: dict[str, Any] = {k: mapping[k] for k in TIMING_KEYS if k in mapping}
    if "duration" in timing:
        timing["unit"] = mapping.get("duration_unit", "auto")
    raw: dict[str, Any] = {
        "name": GENERIC,
        "title": "generic CSV with a column mapping",
        "signature": [v for k, v in mapping.items() if k not in MAPPING_OPTIONS],
        "fields": {k: mapping[k] for k in FIELDS if k in mapping},
        "timing": [timing],
        "utc": str(mapping.get("utc", "")).lower() in ("1", "true", "yes"),
        "date_order": mapping.get("date_order"),
    }
    return build_profile(raw, common_vocabulary())
