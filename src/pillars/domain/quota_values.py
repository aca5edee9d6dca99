"""Reading and checking the numbers of the quota calculator: money and shares as Decimal.

One reader for every typed number (CLI options, form fields): plain digits with an optional
sign and decimal point. A comma is refused rather than guessed (English thousands or Spanish
decimals?), and so are spaces, underscores, exponents, NaN and infinity.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal

from pillars.errors import ConfigError

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
# Money up to a trillion is plenty for a quota; the bound keeps every product exact.
MAX_MONEY = Decimal(10) ** 12
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


class QuotaInputError(ConfigError):
    """A calculator input is out of range; `field` names it for forms and options."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def parse_number(field: str, text: str) -> Decimal:
    """A Decimal from typed text such as '60000', '-5' or '0.35'; anything else is refused."""
    raw = text.strip()
    if not _NUMBER.fullmatch(raw):
        exponent = _NUMBER.fullmatch(re.split("[eE]", raw, maxsplit=1)[0]) and "e" in raw.lower()
        hint = "written out, no exponent" if exponent else "no thousands separators"
        raise QuotaInputError(
            field, f"expected a number such as 60000 or 0.35 ({hint}), got {_echo(text)}"
        )
    number = Decimal(raw)
    if abs(number) > MAX_MONEY:
        raise QuotaInputError(field, f"{_echo(text)} is too large: at most {money_text(MAX_MONEY)}")
    return number


def _echo(text: str) -> str:
    shown = text if len(text) <= 40 else text[:37] + "..."
    return repr(shown)


def to_decimal(field: str, value: object) -> Decimal:
    """A Decimal from a Decimal, an int or typed text (see `parse_number`); never a float."""
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, str):
        return parse_number(field, value)
    else:
        raise QuotaInputError(field, f"expected a number, got {value!r}")
    return require_finite(field, number)


def to_share(field: str, value: object) -> Decimal:
    """A fraction from '0.65', '65%' or Decimal('0.65')."""
    if isinstance(value, str) and value.strip().endswith("%"):
        return to_decimal(field, value.strip()[:-1]) / HUNDRED
    return to_decimal(field, value)


def require_finite(field: str, value: Decimal) -> Decimal:
    if not value.is_finite():
        raise QuotaInputError(field, f"expected a number, got {value}")
    return value


def require_positive(field: str, value: Decimal) -> Decimal:
    if require_finite(field, value) <= ZERO:
        raise QuotaInputError(field, f"must be more than 0, got {plain(value)}")
    return value


def require_not_negative(field: str, value: Decimal) -> Decimal:
    if require_finite(field, value) < ZERO:
        raise QuotaInputError(field, f"cannot be negative, got {plain(value)}")
    return value


def require_money(field: str, value: Decimal, *, positive: bool = False) -> Decimal:
    """An amount from 0 (or above 0) up to MAX_MONEY; the message shows it as money."""
    require_finite(field, value)
    if value < ZERO or (positive and value == ZERO):
        need = "more than 0" if positive else "0 or more"
        raise QuotaInputError(field, f"must be {need}, got {money_text(value)}")
    if value > MAX_MONEY:
        raise QuotaInputError(
            field, f"must be at most {money_text(MAX_MONEY)}, got {money_text(value)}"
        )
    return value


def require_between(field: str, value: Decimal, low: Decimal, high: Decimal, why: str) -> Decimal:
    """low <= value <= high, else a message with the value as typed and the reason."""
    if not low <= require_finite(field, value) <= high:
        raise QuotaInputError(
            field, f"must be from {plain(low)} to {plain(high)} ({why}), got {plain(value)}"
        )
    return value


def plain(value: Decimal) -> str:
    """A number as a person types it: no exponent, no trailing zeros."""
    if not value.is_finite():
        return str(value)
    return format(value.normalize(), "f")


def money_text(value: Decimal) -> str:
    """Money for messages: whole units with thousands separators (90,000)."""
    if not value.is_finite():
        return str(value)
    return f"{whole(value):,}"


def percent_text(share: Decimal) -> str:
    """A share as the percentage people type: 1.2 -> '120%' (at most 4 decimals)."""
    if not share.is_finite():
        return str(share)
    return f"{plain(places(share * HUNDRED, 4))}%"


def whole(value: Decimal) -> Decimal:
    """Rounded to whole currency units, half up (how quotas are announced)."""
    return value.quantize(ONE, rounding=ROUND_HALF_UP, context=_wide(value))


def places(value: Decimal, digits: int) -> Decimal:
    """Rounded half up to `digits` decimals, for ratios and multipliers shown to people."""
    exponent = Decimal(1).scaleb(-digits)
    return value.quantize(exponent, rounding=ROUND_HALF_UP, context=_wide(value, digits))


def _wide(value: Decimal, digits: int = 0) -> Context:
    # quantize fails when the result has more digits than the context's precision (28).
    needed = (value.adjusted() + digits + 2) if value.is_finite() else 0
    return Context(prec=max(28, needed))
