"""The capacity check (DOMAIN.md §3): revenue target -> funnel -> hours -> the calendar.

Pure: money and hours are Decimal, no clock, no Django. Counts of wins and activities are
whole numbers rounded up at each stage (half a meeting cannot be held); hours come from the
rounded counts, so the worked example of the issue comes out exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from pillars.errors import ConfigError

ZERO = Decimal(0)
ONE = Decimal(1)
DEFAULT_WEEKS = Decimal(44)
# Stages of the funnel, from the first touch to the close.
STAGES = ("calls", "first_meetings", "second_meetings", "proposals", "wins")
STEPS = (
    "call → first meeting",
    "first → second meeting",
    "second meeting → proposal",
    "proposal → win",
)


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
            if not ZERO < rate <= ONE:
                raise ConfigError(f"conversion {step}: expected a fraction in (0, 1], got {rate}")
        if any(h < 0 for h in self.hours):
            raise ConfigError("hours per activity cannot be negative")

    def hours_per_win(self) -> Decimal:
        """Hours of funnel work behind one win, without rounding counts."""
        total, needed = self.hours[4], ONE
        for rate, hours in zip(reversed(self.conversion), reversed(self.hours[:4]), strict=True):
            needed /= rate
            total += needed * hours
        return total

    def upstream_hours_per_proposal(self) -> Decimal:
        """Hours of calls and meetings and the proposal itself behind one proposal."""
        return self.hours_per_win() * self.conversion[3] - self.hours[4] * self.conversion[3]


@dataclass(frozen=True)
class Lever:
    """One way to close the gap and how far it must move."""

    name: str
    detail: str
    closes_gap: bool


@dataclass(frozen=True)
class Capacity:
    """What the funnel needs against what the calendar gives."""

    new_revenue: Decimal
    deal_size: Decimal
    wins: int
    proposals: int
    second_meetings: int
    first_meetings: int
    calls: int
    hours_per_year: Decimal
    hours_per_week: Decimal
    weeks: Decimal
    proactive_hours_per_week: Decimal
    coverage: Decimal | None  # measured / needed; None when nothing is needed
    gap_hours_per_week: Decimal  # needed - measured, 0 when covered
    verdict: str
    levers: tuple[Lever, ...]
    reachable: Reachable

    @property
    def closing_levers(self) -> tuple[str, ...]:
        """Names of the levers that alone would close the gap."""
        return tuple(lever.name for lever in self.levers if lever.closes_gap)

    def as_dict(self) -> dict[str, object]:
        """Stable keys for JSON output and the page."""
        return {
            "new_revenue": str(self.new_revenue),
            "deal_size": str(self.deal_size),
            "wins": self.wins,
            "proposals": self.proposals,
            "second_meetings": self.second_meetings,
            "first_meetings": self.first_meetings,
            "calls": self.calls,
            "hours_per_year": str(rounded(self.hours_per_year)),
            "hours_per_week": str(rounded(self.hours_per_week)),
            "weeks": str(self.weeks),
            "proactive_hours_per_week": str(rounded(self.proactive_hours_per_week)),
            "coverage": None if self.coverage is None else str(rounded(self.coverage, 3)),
            "gap_hours_per_week": str(rounded(self.gap_hours_per_week)),
            "verdict": self.verdict,
            "levers": [
                {"name": lever.name, "detail": lever.detail, "closes_gap": lever.closes_gap}
                for lever in self.levers
            ],
            "reachable": self.reachable.as_dict(),
        }


@dataclass(frozen=True)
class Reachable:
    """The reverse: what the measured proactive hours can produce in a year."""

    hours_per_year: Decimal
    hours_per_win: Decimal
    wins: Decimal
    revenue: Decimal

    def as_dict(self) -> dict[str, str]:
        return {
            "hours_per_year": str(rounded(self.hours_per_year)),
            "hours_per_win": str(rounded(self.hours_per_win)),
            "wins": str(rounded(self.wins)),
            "revenue": str(rounded(self.revenue)),
        }


def rounded(value: Decimal, places: int = 2) -> Decimal:
    """Half-up rounding for display: 29.4545 -> 29.45, 0.40740 -> 0.407."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _up(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def funnel_counts(wins: int, funnel: Funnel) -> tuple[int, int, int, int, int]:
    """Calls, first meetings, second meetings, proposals and wins behind `wins` wins."""
    counts = [wins]
    for rate in reversed(funnel.conversion):
        counts.append(_up(Decimal(counts[-1]) / rate))
    calls, first, second, proposals, won = reversed(counts)
    return calls, first, second, proposals, won


def reachable(
    proactive_hours_per_week: Decimal, funnel: Funnel, deal_size: Decimal, weeks: Decimal
) -> Reachable:
    """The reverse check: wins and revenue the measured proactive hours can carry in a year."""
    per_year = proactive_hours_per_week * weeks
    per_win = funnel.hours_per_win()
    wins = per_year / per_win if per_win > 0 else ZERO
    return Reachable(per_year, per_win, wins, wins * deal_size)


def check_capacity(
    *,
    new_revenue: Decimal,
    deal_size: Decimal,
    funnel: Funnel,
    proactive_hours_per_week: Decimal,
    weeks: Decimal = DEFAULT_WEEKS,
    maintain_hours_per_week: Decimal = ZERO,
) -> Capacity:
    """The funnel and hours `new_revenue` needs at `deal_size`, against the measured hours."""
    if deal_size <= 0:
        raise ConfigError(f"deal size must be positive, got {deal_size}")
    if weeks <= 0:
        raise ConfigError(f"selling weeks must be positive, got {weeks}")
    if proactive_hours_per_week < 0:
        raise ConfigError("proactive hours per week cannot be negative")
    needed_revenue = max(new_revenue, ZERO)
    wins = _up(needed_revenue / deal_size)
    counts = funnel_counts(wins, funnel)
    per_year = sum((Decimal(n) * h for n, h in zip(counts, funnel.hours, strict=True)), start=ZERO)
    per_week = per_year / weeks
    coverage = proactive_hours_per_week / per_week if per_week > 0 else None
    gap = max(per_week - proactive_hours_per_week, ZERO)
    back = reachable(proactive_hours_per_week, funnel, deal_size, weeks)
    inputs = _LeverInputs(needed_revenue, deal_size, funnel, proactive_hours_per_week, weeks)
    levers = _levers(inputs, wins, gap, maintain_hours_per_week) if gap > 0 else ()
    calls, first, second, proposals, _ = counts
    return Capacity(
        new_revenue=needed_revenue,
        deal_size=deal_size,
        wins=wins,
        proposals=proposals,
        second_meetings=second,
        first_meetings=first,
        calls=calls,
        hours_per_year=per_year,
        hours_per_week=per_week,
        weeks=weeks,
        proactive_hours_per_week=proactive_hours_per_week,
        coverage=coverage,
        gap_hours_per_week=gap,
        verdict=_verdict(coverage, gap),
        levers=levers,
        reachable=back,
    )


def _verdict(coverage: Decimal | None, gap: Decimal) -> str:
    if coverage is None:
        return "nothing to win: no new revenue is needed"
    if gap == 0:
        return f"covered: the calendar carries the funnel ({rounded(coverage * 100, 0)}%)"
    return (
        f"not covered: the funnel needs {rounded(gap)} more proactive hours a week "
        f"than the calendar shows ({rounded(coverage * 100, 0)}% covered)"
    )


@dataclass(frozen=True)
class _LeverInputs:
    revenue: Decimal
    deal_size: Decimal
    funnel: Funnel
    hours: Decimal
    weeks: Decimal


def _levers(given: _LeverInputs, wins: int, gap: Decimal, maintain: Decimal) -> tuple[Lever, ...]:
    """What alone would close the gap: hours, win rate, deal size, time freed from maintain."""
    per_year = given.hours * given.weeks
    levers = [
        Lever(
            "more proactive hours",
            f"+{rounded(gap)} proactive hours a week ({rounded(given.hours + gap)} in all)",
            True,
        )
    ]
    # Hours per win the measured hours allow; the win rate that brings the funnel there.
    allowed_per_win = per_year / wins if wins else ZERO
    upstream = given.funnel.upstream_hours_per_proposal()
    close = given.funnel.hours[4]
    if allowed_per_win > close and upstream > 0:
        rate = upstream / (allowed_per_win - close)
        possible = rate <= ONE
        detail = f"proposal → win rate of {rounded(rate * 100, 0)}% (now {rounded(given.funnel.conversion[3] * 100, 0)}%)"
        levers.append(Lever("better conversion", detail, possible))
    else:
        levers.append(
            Lever(
                "better conversion",
                "no win rate is enough: close work alone exceeds the hours",
                False,
            )
        )
    affordable = reachable(given.hours, given.funnel, given.deal_size, given.weeks).wins
    if affordable > 0:
        size = given.revenue / affordable
        levers.append(
            Lever(
                "bigger deals",
                f"an average deal of {rounded(size)} (now {rounded(given.deal_size)})",
                True,
            )
        )
    freed = min(maintain, gap)
    detail = f"{rounded(maintain)} h/week now go to maintain accounts"
    levers.append(Lever("less time on maintain accounts", detail, maintain >= gap and freed > 0))
    return tuple(levers)


@dataclass(frozen=True)
class RevenuePlan:
    """Target -> retained base -> planned growth -> new-logo revenue -> wins."""

    target: Decimal
    base: Decimal
    churn: Decimal
    churned: Decimal
    retained: Decimal
    growth: Decimal
    new_revenue: Decimal  # clamped at 0
    surplus: Decimal  # what retained + growth exceed the target by (0 when they do not)
    deal_size: Decimal
    wins: int

    def as_dict(self) -> dict[str, str | int]:
        return {
            "target": str(self.target),
            "base": str(self.base),
            "churn": str(self.churn),
            "churned": str(rounded(self.churned)),
            "retained": str(rounded(self.retained)),
            "growth": str(self.growth),
            "new_revenue": str(rounded(self.new_revenue)),
            "surplus": str(rounded(self.surplus)),
            "deal_size": str(self.deal_size),
            "wins": self.wins,
        }


def plan_revenue(
    *, target: Decimal, base: Decimal, churn: Decimal, growth: Decimal, deal_size: Decimal
) -> RevenuePlan:
    """New-logo revenue and wins the target needs once churn is replaced and growth counted."""
    if not ZERO <= churn <= ONE:
        raise ConfigError(f"churn must be a fraction between 0 and 1, got {churn}")
    if deal_size <= 0:
        raise ConfigError(f"deal size must be positive, got {deal_size}")
    if min(target, base, growth) < 0:
        raise ConfigError("target, base and growth cannot be negative")
    churned = base * churn
    retained = base - churned
    need = target - retained - growth
    new_revenue = max(need, ZERO)
    return RevenuePlan(
        target=target,
        base=base,
        churn=churn,
        churned=churned,
        retained=retained,
        growth=growth,
        new_revenue=new_revenue,
        surplus=max(-need, ZERO),
        deal_size=deal_size,
        wins=_up(new_revenue / deal_size),
    )
