"""Reading typed numbers and the domain's own range checks (shared by the CLI and the web)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pillars.domain.employee_cost import cost_from_components, cost_from_multiplier
from pillars.domain.payout import Tier, make_plan, parse_tiers, payout_at
from pillars.domain.quota import (
    SaasUnits,
    default_support,
    first_year_quota,
    gross_margin_from_cogs,
    headcount_needed,
    industrial_quota,
    saas_quota,
)
from pillars.domain.quota_values import (
    MAX_MONEY,
    QuotaInputError,
    money_text,
    parse_number,
    percent_text,
    places,
    whole,
)
from pillars.domain.saas_cash import cash_check, ltv_to_cac


@pytest.mark.parametrize(
    ("text", "number"),
    [("60000", D(60000)), (" 0.35 ", D("0.35")), ("-5", D(-5)), ("+1.", D(1)), (".5", D("0.5"))],
)
def test_plain_numbers_are_read_exactly(text: str, number: D) -> None:
    assert parse_number("salary", text) == number


@pytest.mark.parametrize(
    "text",
    ["60,000", "60 000", "60\u00a0000", "60_000", "60.000,5", "60'000", "1e5", "1E-3", "nan",
     "inf", "-Infinity", "", "lots", "٦٠", "0x10", "1/2"],
)  # fmt: skip
def test_anything_but_plain_digits_is_refused(text: str) -> None:
    with pytest.raises(QuotaInputError) as caught:
        parse_number("--salary", text)
    assert caught.value.field == "--salary"
    assert str(caught.value).startswith("--salary: expected a number such as 60000 or 0.35 (")
    assert f"got {text!r}" in str(caught.value)


def test_magnitudes_beyond_money_are_refused() -> None:
    assert parse_number("x", "1000000000000") == MAX_MONEY
    with pytest.raises(QuotaInputError, match="too large: at most 1,000,000,000,000"):
        parse_number("x", "1000000000000.01")


@pytest.mark.parametrize(
    "call",
    [
        lambda: cost_from_multiplier(D("1e30"), D("1.5")),
        lambda: cost_from_multiplier(D(60000), D("1e400")),
        lambda: cost_from_multiplier(D(60000), D("NaN")),
        lambda: cost_from_components(D(60000), None, {"car": D("1e20")}),
        lambda: saas_quota(cost_from_multiplier(D(1), D(1)), SaasUnits(margin_risk=D(1000))),
        lambda: make_plan(quota=D("1e400"), variable=D(1)),
        lambda: make_plan(quota=D(1), variable=D(1), break_even=D("1e400")),
        lambda: make_plan(quota=D(10), variable=D(1), cap=D("Infinity")),
        lambda: gross_margin_from_cogs(D("0.99999999999999999999")),
        lambda: headcount_needed(D(1), D(1), D(5)),
        lambda: headcount_needed(D("1e13"), D(1), D(1)),
        lambda: first_year_quota(D("1e30"), []),
        lambda: ltv_to_cac(cash_check(D(1), D(1), D(1)), D("1e-30")),
    ],
)
def test_the_domain_checks_its_own_ranges(call) -> None:
    """The web form and the CLI share these rules: each is a QuotaInputError, not a crash."""
    with pytest.raises(QuotaInputError):
        call()


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**60), max_value=10**60))
def test_rounding_never_fails_on_a_finite_number(value: D) -> None:
    assert abs(whole(value) - value) <= D("0.5")
    assert abs(places(value, 4) - value) <= D("0.00005")


def test_money_and_percent_in_messages_read_as_typed() -> None:
    assert money_text(D(90000)) == "90,000"
    assert percent_text(D("1.2")) == "120%" and percent_text(D("0.875")) == "87.5%"
    with pytest.raises(QuotaInputError, match=r"^quota: 90,000 is not above the break-even 90,000"):
        make_plan(quota=D(90000), break_even=D(90000), variable=D(1))
    with pytest.raises(QuotaInputError, match="120% of quota must be from 0 % to below 100 %"):
        make_plan(quota=D(90000), threshold_share=D("1.2"), variable=D(1))
    with pytest.raises(QuotaInputError, match="got -60,000"):
        cost_from_multiplier(D(-60000), D("1.5"))


def test_accelerator_below_one_would_be_a_decelerator() -> None:
    with pytest.raises(QuotaInputError, match="decelerator") as caught:
        make_plan(quota=D(100), variable=D(1), accelerator=D("0.5"))
    assert caught.value.field == "accelerator"
    assert make_plan(quota=D(100), variable=D(1), accelerator=D(1)).accelerator == 1


def test_negative_revenue_is_refused() -> None:
    plan = make_plan(quota=D(100), variable=D(10))
    with pytest.raises(QuotaInputError, match="revenue: must be 0 or more, got -5"):
        payout_at(plan, D(-5))
    assert payout_at(plan, D(0)) == 0


def test_industrial_quota_must_be_above_the_break_even() -> None:
    with pytest.raises(QuotaInputError, match="management overhead plus margin") as caught:
        industrial_quota(
            rep_cost=D(100000),
            support=default_support(D(100000), D(1), D(1)),
            extra=D(0),
            gross_margin=D("0.35"),
        )
    assert caught.value.field == "extra"


def test_saas_quota_must_be_above_the_break_even() -> None:
    cost = cost_from_multiplier(D(60000), D("1.5"))
    with pytest.raises(QuotaInputError, match="equals the break-even"):
        saas_quota(cost, SaasUnits(margin_risk=D(0)))


@pytest.mark.parametrize(
    ("text", "tiers"),
    [
        ("0.9:0.5", (Tier(D("0.9"), D("0.5")),)),
        ("80%:25%, 90%:50%,1:1", (Tier(D("0.8"), D("0.25")), Tier(D("0.9"), D("0.5")))),
        ("100%:100%", ()),
        ("", ()),
    ],
)
def test_tiers_are_read_as_attainment_payout_pairs(text: str, tiers: tuple[Tier, ...]) -> None:
    assert parse_tiers(text) == tiers


@pytest.mark.parametrize("text", ["0.9", "0.9:0.5:1", "a:b", "0.9:1e3"])
def test_bad_tier_text_is_refused(text: str) -> None:
    with pytest.raises(QuotaInputError) as caught:
        parse_tiers(text)
    assert caught.value.field == "tiers"
