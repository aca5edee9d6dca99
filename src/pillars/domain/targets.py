"""Proactive targets: a share of available hours, or hours per full week (DOMAIN §1)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pillars.errors import ConfigError

TargetKind = Literal["share", "hours"]

# The seed: 100% proactive is never realistic; requests, problems, internal meetings and
# training need room. Above this share (or these hours of a full week) we warn.
REALISTIC_SHARE = 0.70
DEFAULT_HOURS_PER_WEEK = 40.0

_TARGET = re.compile(
    r"^(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>%|h|hr|hrs|hour|hours|hora|horas)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Target:
    """`kind` 'share' holds a fraction (0.4); 'hours' holds hours per full contracted week."""

    kind: TargetKind
    value: float

    def hours_for(self, available_hours: float, hours_per_week: float) -> float:
        """Proactive hours this target asks of a period with `available_hours`.

        An hours target is per full week, so it is pro-rated to the available hours: a week
        with three days out of office asks 2/5 of it, a two-week window asks twice it.
        """
        if self.kind == "share":
            return self.value * available_hours
        if hours_per_week <= 0:
            return 0.0
        return self.value * available_hours / hours_per_week

    def label(self) -> str:
        if self.kind == "share":
            return f"{self.value * 100:g}%"
        return f"{self.value:g} h/week"


def parse_target(text: str) -> Target:
    """'40%' or '0.4' -> share 0.4; '16h' -> 16 hours per week. ConfigError on anything else."""
    match = _TARGET.match(text.strip())
    if not match:
        raise ConfigError(
            f"target: expected a share like '40%' or '0.4', or hours like '16h', got {text!r}"
        )
    number = float(Decimal(match["number"].replace(",", ".")))
    unit = (match["unit"] or "").lower()
    if unit == "%":
        return _share(number / 100, text)
    if unit:
        return _hours(number, text)
    if number <= 1:
        return _share(number, text)
    raise ConfigError(
        f"target: {text!r} is ambiguous: write '{text.strip()}%' for a share "
        f"or '{text.strip()}h' for hours per week"
    )


def target_from_settings(share: float | Decimal | None, hours: float | Decimal | None) -> Target:
    """A Target from stored fields (share as a fraction, or hours per week); exactly one set."""
    if (share is None) == (hours is None):
        raise ConfigError("target: set either a share or hours per week, not both or neither")
    if share is not None:
        return _share(float(share), f"{share}")
    return _hours(float(hours or 0), f"{hours}")


def target_warnings(target: Target, hours_per_week: float = DEFAULT_HOURS_PER_WEEK) -> list[str]:
    """Advice on a target that leaves no room for requests, problems and internal work."""
    share = target.value if target.kind == "share" else target.value / (hours_per_week or 1)
    if share <= REALISTIC_SHARE:
        return []
    return [
        f"proactive target {target.label()} is above {REALISTIC_SHARE:.0%} of the week: "
        "100% is never realistic, leave room for requests, problem solving, internal "
        "meetings and training"
    ]


def _share(value: float, text: str) -> Target:
    if not 0 < value <= 1:
        raise ConfigError(f"target: a share must be above 0% and at most 100%, got {text!r}")
    return Target("share", value)


def _hours(value: float, text: str) -> Target:
    if not 0 < value <= 168:
        raise ConfigError(f"target: hours per week must be above 0 and at most 168, got {text!r}")
    return Target("hours", value)
