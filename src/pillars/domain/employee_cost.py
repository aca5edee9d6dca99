"""What an employee costs the company: salary times a multiplier, or salary plus components.

Components are the statutory employer charges of a dated country preset (with their caps,
`employer_charges.toml`) plus other loaded costs (pension top-up, car, IT, office, travel).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from pillars.domain.quota_values import (
    ONE,
    ZERO,
    QuotaInputError,
    plain,
    require_money,
    to_decimal,
)

# DOMAIN §2: the real cost of an employee is 1.5 to 2.0 times the salary.
TYPICAL_MULTIPLIERS = (Decimal("1.5"), Decimal("2.0"))
# Five times the typical top; beyond it the figure is a typo, not a cost structure.
MAX_MULTIPLIER = Decimal(10)


@dataclass(frozen=True)
class Charge:
    """One statutory charge: a rate on the salary up to an annual cap (None = no cap)."""

    name: str
    rate: Decimal
    cap: Decimal | None = None

    def amount(self, salary: Decimal) -> Decimal:
        base = salary if self.cap is None else min(salary, self.cap)
        return base * self.rate


@dataclass(frozen=True)
class CountryPreset:
    code: str
    country: str
    currency: str
    year: int
    valid_from: date
    valid_to: date
    source: str
    omitted: str
    charges: tuple[Charge, ...]

    def nominal_rate(self) -> Decimal:
        """The sum of the rates: the share of a salary under every cap."""
        return sum((c.rate for c in self.charges), ZERO)


@dataclass(frozen=True)
class EmployeeCost:
    salary: Decimal
    charges: Decimal
    other_costs: Decimal
    total: Decimal
    # How the total was found: ("multiplier", "1.5") or ("preset", "SE 2025").
    basis: tuple[str, str]
    lines: tuple[tuple[str, Decimal], ...] = field(default=())

    @property
    def multiplier(self) -> Decimal:
        return self.total / self.salary


def cost_from_multiplier(salary: Decimal, multiplier: Decimal) -> EmployeeCost:
    """total = salary × multiplier; the multiplier is at least 1 (a cost is never below pay)."""
    check_salary(salary)
    if not multiplier.is_finite() or not ONE <= multiplier <= MAX_MULTIPLIER:
        raise QuotaInputError(
            "multiplier",
            f"must be at least 1 and at most {plain(MAX_MULTIPLIER)} "
            f"(cost = salary × multiplier, typically 1.5 to 2), got {plain(multiplier)}",
        )
    total = salary * multiplier
    return EmployeeCost(salary, total - salary, ZERO, total, ("multiplier", plain(multiplier)))


def cost_from_components(
    salary: Decimal, preset: CountryPreset | None, other_costs: Mapping[str, Decimal]
) -> EmployeeCost:
    """Salary + each capped employer charge of the preset + the other loaded costs."""
    check_salary(salary)
    lines: list[tuple[str, Decimal]] = []
    for charge in preset.charges if preset else ():
        lines.append((charge.name, charge.amount(salary)))
    charges = sum((amount for _, amount in lines), ZERO)
    for name, amount in other_costs.items():
        require_money(f"other cost '{name}'", amount)
        lines.append((name, amount))
    other = sum(other_costs.values(), ZERO)
    basis = ("preset", f"{preset.code} {preset.year}") if preset else ("components", "")
    return EmployeeCost(salary, charges, other, salary + charges + other, basis, tuple(lines))


def check_salary(salary: Decimal) -> None:
    require_money("salary", salary, positive=True)


@cache
def presets() -> dict[str, CountryPreset]:
    """The bundled country presets, by ISO code (SE, ES, DE, US)."""
    text = resources.files("pillars.domain").joinpath("employer_charges.toml").read_text("utf-8")
    return {code: _preset(code, raw) for code, raw in tomllib.loads(text).items()}


def find_preset(code: str, on: date | None = None) -> CountryPreset:
    """The preset of a country code; with `on`, only if it is valid on that date."""
    preset = presets().get(code.strip().upper())
    if preset is None:
        known = ", ".join(sorted(presets()))
        raise QuotaInputError("country", f"no preset for {code!r}; known: {known}")
    if on is not None and not preset.valid_from <= on <= preset.valid_to:
        raise QuotaInputError(
            "country",
            f"the {preset.country} preset is for {preset.valid_from} to {preset.valid_to}, "
            f"not {on}",
        )
    return preset


def _preset(code: str, raw: dict[str, Any]) -> CountryPreset:
    charges = tuple(
        Charge(
            name=str(c["name"]),
            rate=to_decimal("rate", str(c["rate"])),
            cap=to_decimal("cap", str(c["cap"])) if "cap" in c else None,
        )
        for c in raw.get("component", [])
    )
    return CountryPreset(
        code=code,
        country=str(raw["country"]),
        currency=str(raw["currency"]),
        year=int(raw["year"]),
        valid_from=date.fromisoformat(str(raw["valid_from"])),
        valid_to=date.fromisoformat(str(raw["valid_to"])),
        source=str(raw["source"]),
        omitted=str(raw.get("omitted", "")),
        charges=charges,
    )
