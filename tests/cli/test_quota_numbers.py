"""`pillars quota ...` numeric options: no text, however odd, ends in a traceback."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pillars.cli import app
from pillars.cli.options import number, number_list, whole_number
from pillars.domain.quota_values import QuotaInputError

runner = CliRunner()

# --- no arbitrary text can make a quota command crash ------------------------------------

NUMERIC_OPTIONS: list[tuple[list[str], str]] = [
    (["cost", "--salary", "60000", "--country", "SE", "--other-costs", "19000"], o)
    for o in ("--salary", "--other-costs")
] + [
    (["saas", "--salary", "60000", "--multiplier", "1.5", "--units", "5"], o)
    for o in ("--salary", "--multiplier", "--units")
] + [
    (
        [
            "industrial", "--cost-per-person", "100000", "--cogs", "0.65", "--presales", "1",
            "--backoffice", "1", "--support-cost", "100000", "--extra", "100000",
            "--extra-units", "0",
        ],
        o,
    )
    for o in (
        "--cost-per-person", "--cogs", "--presales", "--backoffice", "--support-cost",
        "--extra", "--extra-units",
    )
] + [
    (["industrial", "--cost-per-person", "100000", "--margin", "0.35", "--extra", "1"], "--margin")
] + [
    (
        [
            "payout", "--quota", "1142857", "--variable", "25000", "--break-even", "857143",
            "--accelerator", "1.5", "--cap", "2", "--tiers", "0.9:0.5", "--at", "1300000",
        ],
        o,
    )
    for o in (
        "--quota", "--variable", "--break-even", "--accelerator", "--cap", "--tiers", "--at",
    )
] + [
    (["payout", "--quota", "1142857", "--variable", "25000", "--threshold", "0.75"], "--threshold")
] + [
    (
        [
            "ramp", "--quota", "600000", "--ramp", "0,25,50", "--target", "5000000",
            "--attainment", "0.8",
        ],
        o,
    )
    for o in ("--quota", "--ramp", "--target", "--attainment")
] + [
    (
        [
            "cash", "--arr", "450000", "--acquisition-cost", "270000", "--gross-margin", "0.8",
            "--churn", "0.1", "--quarters", "1200000,1000000,500000",
        ],
        o,
    )
    for o in ("--arr", "--acquisition-cost", "--gross-margin", "--churn", "--quarters")
] + [
    (["sensitivity"], o)
    for o in ("--salary", "--multipliers", "--units", "--pure-cost", "--margins", "--extras")
]  # fmt: skip

NUMBERISH = st.from_regex(
    r"\A[-+]?[0-9]{0,16}(\.[0-9]{0,30})?([eE][-+]?[0-9]{1,4})?%?(:[0-9.]{0,5})?\Z"
)
EXTREMES = st.sampled_from(
    ["1e400", "-1e400", "nan", "Infinity", "1e-400", "999999999999", "1000000000000",
     "0.000000000000000000000000000001", "0", "-0", "", " ", "1,000", "0.9:0.5,0.8:0.4"]
)  # fmt: skip


def with_value(args: list[str], option: str, text: str) -> list[str]:
    """The base arguments with `option` set to `text` (as --opt=TEXT, so '-5' is a value)."""
    out, skip = [], False
    for i, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg == option and i + 1 < len(args):
            skip = True
            continue
        out.append(arg)
    return [*out, f"{option}={text}"]


@pytest.mark.parametrize(("args", "option"), NUMERIC_OPTIONS, ids=lambda v: str(v)[:30])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=40), NUMBERISH, EXTREMES))
def test_no_text_in_a_numeric_option_crashes(args: list[str], option: str, text: str) -> None:
    result = runner.invoke(app, ["quota", *with_value(args, option, text), "--format", "json"])
    assert result.exit_code in (0, 2), (text, result.output, result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.output.strip().count("\n") == 0, result.output


def test_a_decimal_error_the_checks_missed_is_still_one_line(monkeypatch) -> None:
    """The last-resort guard: any decimal failure becomes one line and exit 2."""
    from decimal import InvalidOperation

    from pillars.cli import quota as quota_cli

    def broken(*_: object, **__: object) -> None:
        raise InvalidOperation

    monkeypatch.setattr(quota_cli.q, "saas_quota", broken)
    result = runner.invoke(app, ["quota", "saas", "--salary", "60000", "--multiplier", "1.5"])
    assert result.exit_code == 2 and "out of the range" in result.output
    assert result.output.strip().count("\n") == 0


# --- the shared option readers (cli/options.py), for every command with numeric options ---


def test_whole_number_options_refuse_fractions_and_separators() -> None:
    assert whole_number("--weeks", "44") == 44 and whole_number("--weeks", "44.0") == 44
    for text, words in (
        ("44,5", "(no thousands separators), got '44,5'"),
        ("44.5", "expected a whole number such as 44, got '44.5'"),
        ("4e1", "no exponent"),
        ("-1", "must be from 0"),
        ("600", "must be from 0 to 520"),
    ):
        with pytest.raises(QuotaInputError, match=re.escape(words)) as caught:
            whole_number("--weeks", text, maximum=520)
        assert str(caught.value).startswith("--weeks: ")


def test_list_options_are_lists_of_plain_numbers() -> None:
    assert number_list("--hours", "0.1, 2.5,3") == [D("0.1"), D("2.5"), D(3)]
    assert number_list("--conversion", "10%,0.5", unit="share") == [D("0.1"), D("0.5")]
    assert number_list("--ramp", "0,25,100%", unit="percent") == [D(0), D("0.25"), D(1)]
    with pytest.raises(QuotaInputError, match="expected 4 comma-separated numbers"):
        number_list("--conversion", "0.1,0.5,0.5", count=4)
    with pytest.raises(QuotaInputError, match="no exponent"):
        number_list("--hours", "1e3,2")
    with pytest.raises(QuotaInputError, match="at least 1"):
        number_list("--multipliers", " , ")
    assert number("--new-revenue", "600000") == 600000
    with pytest.raises(QuotaInputError, match="got '600,000'"):
        number("--new-revenue", "600,000")
