"""The worked checks of DOMAIN §2 and the issue, exactly, from the pure domain."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pillars.domain.employee_cost import (
    cost_from_components,
    cost_from_multiplier,
    find_preset,
    presets,
)
from pillars.domain.quota import (
    SaasUnits,
    default_support,
    first_year_quota,
    gross_margin_from_cogs,
    headcount_needed,
    industrial_grid,
    industrial_quota,
    saas_grid,
    saas_quota,
)
from pillars.domain.quota_values import QuotaInputError, places, to_share, whole


def industrial(extra: str = "100000", cogs: str = "0.65"):
    return industrial_quota(
        rep_cost=D(100000),
        support=default_support(D(100000), D(1), D(1)),
        extra=D(extra),
        gross_margin=gross_margin_from_cogs(D(cogs)),
    )


@pytest.mark.parametrize(
    ("multiplier", "cost", "quota"), [("1.5", 90000, 450000), ("2.0", 120000, 600000)]
)
def test_saas_quota_is_five_units_of_employee_cost(multiplier: str, cost: int, quota: int) -> None:
    result = saas_quota(cost_from_multiplier(D(60000), D(multiplier)))
    assert result.cost.total == cost
    assert result.quota == quota
    assert result.quota_per_cost == 5
    assert result.quota_per_salary == D(quota) / 60000


def test_salary_100k_gives_8_to_10_times_salary() -> None:
    assert saas_quota(cost_from_multiplier(D(100000), D("1.6"))).quota == 800000
    assert saas_quota(cost_from_multiplier(D(100000), D("2.0"))).quota_per_salary == 10


def test_units_split_one_one_one_and_the_rest_margin() -> None:
    units = SaasUnits.of_total(D(4))
    assert (units.own, units.direct, units.overhead, units.margin_risk) == (1, 1, 1, 1)
    for total in (D(2), D(3)):  # 3 units are the cost alone: quota = break-even
        with pytest.raises(QuotaInputError, match="above 3"):
            SaasUnits.of_total(total)


def test_industrial_break_even_and_quota() -> None:
    result = industrial()
    assert result.pure_cost == 300000 and result.total_cost == 400000
    assert whole(result.break_even) == 857143
    assert whole(result.quota) == 1142857
    assert places(result.quota_per_break_even, 6) == places(D(4) / D(3), 6)
    assert whole(industrial(extra="200000").quota) == 1428571


def test_sweden_preset_with_other_costs() -> None:
    cost = cost_from_components(D(60000), find_preset("SE"), {"other": D(19000)})
    assert cost.total == 97852
    assert places(cost.multiplier, 3) == D("1.631")


def test_caps_limit_charges_above_them() -> None:
    us = find_preset("us")
    low = cost_from_components(D(5000), us, {})
    high = cost_from_components(D(300000), us, {})
    assert low.charges == D(5000) * D("0.0825")
    assert high.charges == D(176100) * D("0.062") + D(300000) * D("0.0145") + D(7000) * D("0.006")


def test_presets_name_their_source_and_year() -> None:
    assert set(presets()) >= {"SE", "ES", "DE", "US"}
    for preset in presets().values():
        assert preset.source and preset.year >= 2024 and preset.charges
    spain = find_preset("ES")
    assert all(c.cap == 58914 for c in spain.charges)
    germany = {c.name.split(" ")[0]: c.cap for c in find_preset("DE").charges}
    assert germany["Rentenversicherung"] == 96600 and germany["Pflegeversicherung"] == 66150


def test_unknown_or_outdated_preset_is_refused() -> None:
    from datetime import date

    with pytest.raises(QuotaInputError, match="no preset"):
        find_preset("FR")
    with pytest.raises(QuotaInputError, match="not 2030"):
        find_preset("SE", on=date(2030, 1, 1))


def test_ramp_gives_first_year_quota() -> None:
    ramp = [D(0), D("0.25"), D("0.5"), D("0.75"), D(1)]
    assert first_year_quota(D(600000), ramp) == 475000


def test_headcount_rounds_up() -> None:
    need = headcount_needed(D(5000000), D(600000), D("0.8"))
    assert need.people == 11 and places(need.exact, 3) == D("10.417")


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: cost_from_multiplier(D(-60000), D("1.5")), "salary"),
        (lambda: cost_from_multiplier(D(60000), D("0.9")), "multiplier"),
        (lambda: gross_margin_from_cogs(D(1)), "cogs"),
        (lambda: industrial(cogs="1.2"), "cogs"),
        (lambda: industrial_grid(D(300000), [D("1.0")], [D(0)]), "margin"),
        (lambda: first_year_quota(D(1), [D(2)]), "ramp"),
        (lambda: to_share("cogs", "abc"), "cogs"),
    ],
)
def test_bad_inputs_name_the_field(call, field: str) -> None:
    with pytest.raises(QuotaInputError) as caught:
        call()
    assert caught.value.field == field
    assert "\n" not in str(caught.value)


def test_share_accepts_percent_and_fraction() -> None:
    assert to_share("cogs", "65%") == to_share("cogs", "0.65") == D("0.65")


def test_sensitivity_grids_cover_the_seed_range() -> None:
    grid = saas_grid(D(60000))
    assert grid.columns[0] == D("3.5") and grid.columns[-1] == 9
    assert grid.values[0][grid.columns.index(D(5))] == 450000
    industrial_values = industrial_grid(D(300000), [D("0.35")], [D(100000), D(200000)]).values
    assert [whole(v) for v in industrial_values[0]] == [1142857, 1428571]


@given(
    salary=st.decimals(min_value=1, max_value=10**7, places=2),
    multiplier=st.decimals(min_value=1, max_value=3, places=2),
    units=st.decimals(min_value=D("3.1"), max_value=12, places=1),
)
def test_quota_over_cost_is_always_the_units(salary: D, multiplier: D, units: D) -> None:
    result = saas_quota(cost_from_multiplier(salary, multiplier), SaasUnits.of_total(units))
    assert places(result.quota_per_cost, 10) == places(units, 10)
    assert result.break_even < result.quota
