"""How shares are rounded for people to read: the four-way split adds up, and the proactive
share beside a target never reads as meeting a target the week misses.

The split (JSON "share", CSV, the category rows and bars) goes to 2 decimals with the
hundredths lost to rounding given to the largest remainders, so it adds up to 1.00. The
proactive share beside a target (JSON "target.proactive_share", the table's "proactive %",
the report's and the page's target line) is that same figure, written with as many decimals
as the target needs ("44.5%" against a 44.5% target), and cut down where it would otherwise
reach a share target the week misses.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from pillars.domain.records import Category
from pillars.domain.timeuse import REPORT_CATEGORIES, TargetResult, WeekReport

MAX_TARGET_DECIMALS = 2  # of a percent: 44.25% is written as such, 44.125% as 44.13%
# (half up); a share just below such a target shows below its written value.


def rounded_shares(shares: Mapping[Category, float]) -> dict[str, float]:
    """The four shares to 2 decimals, summing to what they sum to unrounded (1.00 when the
    week has hours): the hundredths lost to rounding go to the largest remainders."""
    cents = {c: shares[c] * 100 for c in REPORT_CATEGORIES}
    floors = {c: int(cents[c] + 1e-9) for c in REPORT_CATEGORIES}
    missing = round(sum(cents.values())) - sum(floors.values())
    by_remainder = sorted(REPORT_CATEGORIES, key=lambda c: floors[c] - cents[c])
    for category in by_remainder[: max(missing, 0)]:
        floors[category] += 1
    return {c.value: floors[c] / 100 for c in REPORT_CATEGORIES}


def whole_percents(shares: Mapping[Category, float]) -> dict[Category, int]:
    """The split as whole percents, the same numbers as the JSON's (and adding up to 100)."""
    rounded = rounded_shares(shares)
    return {c: round(rounded[c.value] * 100) for c in REPORT_CATEGORIES}


def beside_target(week: WeekReport) -> Decimal:
    """The week's proactive share as shown beside its target, as a fraction."""
    exact = Decimal(repr(float(week.shares[Category.PROACTIVE])))
    places = _target_decimals(week.target)
    step = Decimal(1).scaleb(-2 - places)
    if places == 0:
        shown = Decimal(repr(rounded_shares(week.shares)[Category.PROACTIVE.value]))
    else:
        shown = exact.quantize(step, ROUND_HALF_UP)
    target = week.target
    if target is not None and target.kind == "share" and target.met is False:
        written = _written_target(target)
        if shown >= written:  # would read as met: the largest shown value below the target
            shown = min(exact.quantize(step, ROUND_FLOOR), written - step)
    return max(shown, Decimal(0))


def target_label(target: TargetResult) -> str:
    """A share target as people wrote it: '40%', '44.5%' (to at most 2 decimals of a percent)."""
    return percent_text(_written_target(target))


def percent_text(fraction: Decimal) -> str:
    """0.43 -> '43%', 0.445 -> '44.5%'."""
    text = f"{fraction * 100:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def _written_target(target: TargetResult) -> Decimal:
    """The share target at the decimals it is written with (float noise removed)."""
    step = Decimal(1).scaleb(-2 - _target_decimals(target))
    return _fraction(target.value).quantize(step, ROUND_HALF_UP)


def _fraction(value: float) -> Decimal:
    # 6 decimals of a fraction (4 of a percent) drop float noise: 14.3% / 100 = 0.14300000000000002.
    return Decimal(repr(float(value))).quantize(Decimal("0.000001"), ROUND_HALF_UP)


def _target_decimals(target: TargetResult | None) -> int:
    """Decimals of a percent the share target needs: 0 for 40%, 1 for 44.5%, at most 2."""
    if target is None or target.kind != "share":
        return 0
    percent = (_fraction(target.value) * 100).normalize()
    exponent = percent.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return min(decimals, MAX_TARGET_DECIMALS)
