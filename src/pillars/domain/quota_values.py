"""Reading and checking the numbers of the quota calculator: money and shares as Decimal."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pillars.errors import ConfigError

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class QuotaInputError(ConfigError):
    """A calculator input is out of range; `field` names it for forms and options."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def to_decimal(field: str, value: object) -> Decimal:
    """A Decimal from a Decimal, int or text ('60000', '60 000', '60000,50'); never a float."""
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(" ", "").replace("_", "").replace("\u00a0", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            number = Decimal(text.replace(",", ""))
        except InvalidOperation:
            raise QuotaInputError(field, f"expected a number, got {value!r}") from None
    else:
        raise QuotaInputError(field, f"expected a number, got {value!r}")
    if not number.is_finite():
        raise QuotaInputError(field, f"expected a number, got {value!r}")
    return number


def to_share(field: str, value: object) -> Decimal:
    """A fraction from '0.65', '65%' or Decimal('0.65')."""
    if isinstance(value, str) and value.strip().endswith("%"):
        return to_decimal(field, value.strip()[:-1]) / HUNDRED
    return to_decimal(field, value)


def require_positive(field: str, value: Decimal) -> Decimal:
    if value <= ZERO:
        raise QuotaInputError(field, f"must be more than 0, got {plain(value)}")
    return value


def require_not_negative(field: str, value: Decimal) -> Decimal:
    if value < ZERO:
        raise QuotaInputError(field, f"cannot be negative, got {plain(value)}")
    return value


def plain(value: Decimal) -> str:
    """A number as a person types it: no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    return text


def whole(value: Decimal) -> Decimal:
    """Rounded to whole currency units, half up (how quotas are announced)."""
    return value.quantize(ONE, rounding=ROUND_HALF_UP)


def places(value: Decimal, digits: int) -> Decimal:
    """Rounded half up to `digits` decimals, for ratios and multipliers shown to people."""
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
