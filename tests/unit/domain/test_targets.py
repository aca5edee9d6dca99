"""Proactive targets: a share of available hours or hours per week, with realism advice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pillars.domain.targets import Target, parse_target, target_from_settings, target_warnings
from pillars.errors import ConfigError


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("40%", Target("share", 0.4)),
        (" 40 % ", Target("share", 0.4)),
        ("0.4", Target("share", 0.4)),
        ("0,45", Target("share", 0.45)),
        ("16h", Target("hours", 16.0)),
        ("16.5 hours", Target("hours", 16.5)),
        ("12 horas", Target("hours", 12.0)),
    ],
)
def test_target_text_is_parsed(text: str, target: Target) -> None:
    assert parse_target(text) == target


@pytest.mark.parametrize("text", ["", "forty", "-10%", "0%", "140%", "200h", "40 %%", "1.5"])
def test_nonsense_target_is_a_config_error(text: str) -> None:
    with pytest.raises(ConfigError, match="target"):
        parse_target(text)


def test_bare_number_above_one_asks_for_a_unit() -> None:
    with pytest.raises(ConfigError, match="'40%' for a share or '40h'"):
        parse_target("40")


def test_share_above_seventy_percent_warns_that_100_is_never_realistic() -> None:
    (warning,) = target_warnings(parse_target("80%"))
    assert "100% is never realistic" in warning


def test_realistic_share_has_no_warning() -> None:
    assert target_warnings(parse_target("70%")) == []


def test_hours_target_is_judged_against_the_contracted_week() -> None:
    assert target_warnings(parse_target("30h"), hours_per_week=40) != []
    assert target_warnings(parse_target("30h"), hours_per_week=45) == []


def test_hours_target_is_pro_rated_to_available_hours() -> None:
    assert Target("hours", 16).hours_for(available_hours=24, hours_per_week=40) == pytest.approx(
        9.6
    )


def test_share_target_asks_its_share_of_available_hours() -> None:
    assert Target("share", 0.4).hours_for(available_hours=40, hours_per_week=40) == pytest.approx(
        16
    )


def test_stored_settings_become_a_target() -> None:
    assert target_from_settings(Decimal("0.350"), None) == Target("share", 0.35)
    assert target_from_settings(None, Decimal("12.00")) == Target("hours", 12.0)


def test_stored_settings_with_both_values_are_refused() -> None:
    with pytest.raises(ConfigError, match="not both"):
        target_from_settings(Decimal("0.4"), Decimal("16"))
