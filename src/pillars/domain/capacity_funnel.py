"""The funnel of the capacity check: its inputs and bounds, and the rounded counts and hours
behind a number of wins (DOMAIN.md §3). Pure: Decimal, no clock, no Django.

Counts are whole numbers rounded up at each stage (half a meeting cannot be held); hours come
from the rounded counts. capacity.py builds the check on it, capacity_levers.py what would
close a gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Context, Decimal

from pillars.errors import ConfigError

ZERO = Decimal(0)
ONE = Decimal(1)
DEFAULT_WEEKS = Decimal(44)
# Bounds of a plan's inputs: beyond them a plan is a typo, and the arithmetic would overflow
# the 28 significant digits the display rounds in.
MAX_MONEY = Decimal("1e12")
MIN_DEAL_SIZE = ONE
MAX_WEEKS = Decimal(52)
HOURS_IN_A_WEEK = Decimal(168)
MAX_ACTIVITY_HOURS = Decimal(1000)
MIN_RATE = Decimal("0.001")
# Stages of the funnel, from the first touch to the close.
STAGES = ("calls", "first_meetings", "second_meetings", "proposals", "wins")
STEPS = (
    "call → first meeting",
    "first → second meeting",
    "second meeting → proposal",
    "proposal → win",
)


def in_range(value: Decimal, what: str, low: Decimal, high: Decimal) -> Decimal:
    """`value` if low <= value <= high, else a ConfigError naming the bounds."""
    if not value.is_finite() or not low <= value <= high:
        raise ConfigError(f"{what}: expected a number from {low:,f} to {high:,f}, got {value}")
    return value


def check_plan_inputs(
    *,
    new_revenue: Decimal | None = None,
    deal_size: Decimal | None = None,
    weeks: Decimal | None = None,
    proactive_hours_per_week: Decimal | None = None,
) -> None:
    """Refuse out-of-range plan inputs (None: not given); the CLI and the pages share it."""
    if new_revenue is not None:
        in_range(new_revenue, "new revenue", ZERO, MAX_MONEY)
    if deal_size is not None:
        in_range(deal_size, "deal size", MIN_DEAL_SIZE, MAX_MONEY)
    if weeks is not None:
        in_range(weeks, "selling weeks", ONE, MAX_WEEKS)
    if proactive_hours_per_week is not None:
        in_range(proactive_hours_per_week, "proactive hours a week", ZERO, HOURS_IN_A_WEEK)


@dataclass(frozen=True)
class Funnel:
    """Conversion between consecutive stages (4 fractions) and hours per activity (5)."""

    conversion: tuple[Decimal, Decimal, Decimal, Decimal]
    hours: tuple[
        Decimal, Decimal, Decimal, Decimal, Decimal
    ]  # call, first, second, proposal, close

    def __post_init__(self) -> None:
        if len(self.conversion) != 4 or len(self.hours) != 5:
            raise ConfigError("a funnel needs 4 conversion rates and 5 hours per activity")
        for step, rate in zip(STEPS, self.conversion, strict=True):
            if not rate.is_finite() or not ZERO < rate <= ONE:
                raise ConfigError(f"conversion {step}: expected a fraction in (0, 1], got {rate}")
            if rate < MIN_RATE:
                raise ConfigError(f"conversion {step}: at least {MIN_RATE} (0.1%), got {rate}")
        for hours in self.hours:
            in_range(hours, "hours per activity", ZERO, MAX_ACTIVITY_HOURS)

    def hours_per_win(self) -> Decimal:
        """Hours of funnel work behind one win, without rounding counts."""
        total, needed = self.hours[4], ONE
        for rate, hours in zip(reversed(self.conversion), reversed(self.hours[:4]), strict=True):
            needed /= rate
            total += needed * hours
        return total


@dataclass(frozen=True)
class Lever:
    """One way to close the gap alone: the smallest value (at the precision shown) that does,
    fed back into the same plan; `value` is None when no value would."""

    name: str
    detail: str
    closes_gap: bool
    value: Decimal | None = None


@dataclass(frozen=True)
class Need:
    """What `wins` wins take through a funnel: the rounded counts and the hours."""

    wins: int
    counts: tuple[int, int, int, int, int]  # calls, first, second, proposals, wins
    hours_per_year: Decimal
    hours_per_week: Decimal

    def covered_by(self, proactive_hours_per_week: Decimal) -> bool:
        """The one test of "covered", used by the verdict and by every lever's search."""
        return self.hours_per_week <= proactive_hours_per_week


def wins_needed(new_revenue: Decimal, deal_size: Decimal) -> int:
    return up(max(new_revenue, ZERO) / deal_size)


def need_for(wins: int, funnel: Funnel, weeks: Decimal) -> Need:
    """The rounded funnel counts and hours behind `wins` wins."""
    counts = funnel_counts(wins, funnel)
    per_year = sum((Decimal(n) * h for n, h in zip(counts, funnel.hours, strict=True)), start=ZERO)
    return Need(wins, counts, per_year, per_year / weeks)


def _context(value: Decimal, places: int) -> Context:
    # Enough digits for the integer part: 1e27 hours to 2 places is 30 digits, not 28.
    return Context(prec=max(28, value.adjusted() + places + 2))


def rounded(value: Decimal, places: int = 2) -> Decimal:
    """Half-up rounding for display: 29.4545 -> 29.45, 0.40740 -> 0.407."""
    exponent = Decimal(1).scaleb(-places)
    return value.quantize(exponent, rounding=ROUND_HALF_UP, context=_context(value, places))


def rounded_up(value: Decimal, places: int = 2) -> Decimal:
    """Ceiling at the precision shown: 29.4545 -> 29.46 (an input that does suffice)."""
    exponent = Decimal(1).scaleb(-places)
    return value.quantize(exponent, rounding=ROUND_CEILING, context=_context(value, places))


def up(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def funnel_counts(wins: int, funnel: Funnel) -> tuple[int, int, int, int, int]:
    """Calls, first meetings, second meetings, proposals and wins behind `wins` wins."""
    counts = [wins]
    for rate in reversed(funnel.conversion):
        counts.append(up(Decimal(counts[-1]) / rate))
    calls, first, second, proposals, won = reversed(counts)
    return calls, first, second, proposals, won
