"""`pillars quota ...`: the worked figures in JSON, tables, and one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pillars.cli import app

runner = CliRunner()


def run_json(*args: str) -> dict:
    result = runner.invoke(app, ["quota", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("multiplier", "cost", "quota"), [("1.5", 90000, 450000), ("2.0", 120000, 600000)]
)
def test_saas_json_reproduces_the_worked_check(multiplier: str, cost: int, quota: int) -> None:
    data = run_json("saas", "--salary", "60000", "--multiplier", multiplier, "--units", "5")
    assert data["total_cost"] == cost and data["quota"] == quota
    assert data["quota_per_cost"] == 5.0
    assert {"salary", "multiplier", "units", "break_even", "quota_per_salary"} <= set(data)


@pytest.mark.parametrize(("extra", "quota"), [("100000", 1142857), ("200000", 1428571)])
def test_industrial_json_reproduces_the_worked_check(extra: str, quota: int) -> None:
    data = run_json(
        "industrial",
        "--cost-per-person",
        "100000",
        "--presales",
        "1",
        "--backoffice",
        "1",
        "--extra",
        extra,
        "--cogs",
        "0.65",
    )
    assert data["pure_cost"] == 300000
    assert data["extra"] == int(extra)
    assert data["total_cost"] == 300000 + int(extra)
    assert data["quota"] == quota and data["break_even"] == 857143


def test_industrial_extra_in_units_and_margin() -> None:
    data = run_json(
        "industrial", "--cost-per-person", "100000", "--extra-units", "2", "--margin", "35%"
    )
    assert data["quota"] == 1428571


def test_payout_at_revenues() -> None:
    data = run_json(
        "payout",
        "--break-even",
        "857143",
        "--quota",
        "1142857",
        "--variable",
        "25000",
        "--accelerator",
        "1.5",
        "--at",
        "800000",
        "--at",
        "1000000",
        "--at",
        "1142857",
        "--at",
        "1300000",
    )
    assert [row["payout"] for row in data["rows"]] == [0, 12500, 25000, 45625]
    assert data["plan"]["threshold"] == 857143


def test_payout_table_without_at() -> None:
    data = run_json("payout", "--break-even", "857143", "--quota", "1142857", "--variable", "25000")
    assert data["rows"][0] == {
        "attainment": 0.0,
        "revenue": 0,
        "payout": 0,
        "share_of_variable": 0.0,
    }
    assert {
        "attainment": 1.0,
        "revenue": 1142857,
        "payout": 25000,
        "share_of_variable": 1.0,
    } in data["rows"]


def test_cost_from_sweden_preset() -> None:
    data = run_json("cost", "--salary", "60000", "--country", "SE", "--other-costs", "19000")
    assert data["total_cost"] == 97852 and data["multiplier"] == 1.631
    assert data["charges"] == 18852


def test_ramp_and_headcount() -> None:
    data = run_json(
        "ramp",
        "--quota",
        "600000",
        "--ramp",
        "0,25,50,75,100",
        "--target",
        "5000000",
        "--attainment",
        "80%",
    )
    assert data["first_year_quota"] == 475000 and data["headcount"] == 11


def test_cash_checks() -> None:
    data = run_json(
        "cash",
        "--arr",
        "450000",
        "--acquisition-cost",
        "270000",
        "--quarters",
        "1200000,1000000,500000",
    )
    assert data["arr_covers_cac"] is True and data["magic_number"] == 1.6
    assert data["cac_payback_months"] == 9.0
    equal = run_json("cash", "--arr", "270000", "--acquisition-cost", "270000")
    assert equal["arr_covers_cac"] is False  # the rule is strict


def test_sensitivity_json() -> None:
    data = run_json("sensitivity")
    assert data["saas"]["quotas"][0][data["saas"]["columns"].index(5.0)] == 450000
    assert data["industrial"]["quotas"][2][1] == 1142857


def test_presets_json_names_sources() -> None:
    data = run_json("presets")
    assert {p["code"] for p in data["presets"]} == {"SE", "ES", "DE", "US"}
    assert all(p["source"] and p["year"] for p in data["presets"])


def test_table_output_shows_the_quota() -> None:
    result = runner.invoke(app, ["quota", "saas", "--salary", "60000", "--multiplier", "1.5"])
    assert result.exit_code == 0 and "450,000" in result.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["saas", "--salary", "-60000", "--multiplier", "1.5"], "salary"),
        (["saas", "--salary", "60000", "--multiplier", "0.8"], "multiplier"),
        (["saas", "--salary", "60000"], "--country"),
        (["industrial", "--cost-per-person", "100000", "--margin", "1"], "below 100 %"),
        (["industrial", "--cost-per-person", "100000", "--cogs", "1.1"], "cost of goods"),
        (
            ["payout", "--break-even", "900000", "--quota", "800000", "--variable", "1"],
            "break-even",
        ),
        (["cost", "--salary", "60000", "--country", "XX"], "no preset"),
        (["saas", "--salary", "lots", "--multiplier", "1.5"], "expected a number"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], words: str) -> None:
    result = runner.invoke(app, ["quota", *args])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert result.output.startswith("error:") and words in result.output


def test_workbook_refuses_other_extensions(tmp_path) -> None:
    result = runner.invoke(app, ["quota", "workbook", "--out", str(tmp_path / "calc.csv")])
    assert result.exit_code == 2 and ".xlsx" in result.output


@pytest.mark.parametrize(
    "command",
    ["cost", "saas", "industrial", "payout", "sensitivity", "ramp", "cash", "presets", "workbook"],
)
def test_every_quota_command_offers_table_and_json(command: str) -> None:
    result = runner.invoke(app, ["quota", command, "--help"])
    assert result.exit_code == 0 and "--format" in result.output


def test_workbook_json_summary(tmp_path) -> None:
    data = run_json("workbook", "--out", str(tmp_path / "calc.xlsx"))
    assert data["industrial_quota"] == 1142857 and (tmp_path / "calc.xlsx").exists()


# --- one number parser: the same text means the same everywhere, or is refused ----------


@pytest.mark.parametrize(
    ("args", "option", "typed"),
    [
        (["saas", "--salary", "60,000", "--multiplier", "1.5"], "--salary", "60,000"),
        (["saas", "--salary", "60 000", "--multiplier", "1.5"], "--salary", "60 000"),
        (["saas", "--salary", "60.000,50", "--multiplier", "1.5"], "--salary", "60.000,50"),
        (["saas", "--salary", "60_000", "--multiplier", "1.5"], "--salary", "60_000"),
        (["saas", "--salary", "60000", "--multiplier", "1,5"], "--multiplier", "1,5"),
        (
            ["industrial", "--cost-per-person", "100000", "--extra", "1,000", "--cogs", "0.65"],
            "--extra",
            "1,000",
        ),
        (["payout", "--quota", "1,142,857", "--variable", "25000"], "--quota", "1,142,857"),
        (["ramp", "--quota", "600000", "--target", "5,000,000"], "--target", "5,000,000"),
    ],
)
def test_thousands_separators_are_refused_not_guessed(
    args: list[str], option: str, typed: str
) -> None:
    result = runner.invoke(app, ["quota", *args])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {option}: expected a number such as 60000 or 0.35 "
        f"(no thousands separators), got '{typed}'"
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["saas", "--salary", "1e30", "--multiplier", "1.5"], "no exponent"),
        (["saas", "--salary", "60000", "--multiplier", "1e400"], "no exponent"),
        (["saas", "--salary", "NaN", "--multiplier", "1.5"], "expected a number"),
        (["saas", "--salary", "inf", "--multiplier", "1.5"], "expected a number"),
        (["saas", "--salary", "10000000000000", "--multiplier", "1.5"], "too large"),
        (["saas", "--salary", "60000", "--multiplier", "11"], "at most 10"),
        (["saas", "--salary", "60000", "--multiplier", "1.5", "--units", "3"], "above 3"),
        (["payout", "--break-even", "1e400", "--quota", "1", "--variable", "1"], "no exponent"),
        (["payout", "--quota", "1000", "--variable", "1", "--cap", "1000"], "cap"),
        (["cash", "--arr", "1", "--acquisition-cost", "1", "--churn", "0.0000001"], "churn"),
        (["industrial", "--cost-per-person", "1", "--extra", "1", "--cogs", "0.999"], "99%"),
    ],
)
def test_out_of_range_numbers_are_one_line(args: list[str], words: str) -> None:
    result = runner.invoke(app, ["quota", *args])
    assert result.exit_code == 2, result.output
    assert result.output.strip().count("\n") == 0 and words in result.output


def test_list_options_stay_comma_separated_lists_of_plain_numbers() -> None:
    data = run_json("ramp", "--quota", "600000", "--ramp", "0, 25,50;75,100")
    assert data["first_year_quota"] == 475000
    grid = run_json("sensitivity", "--multipliers", "1.5,2", "--units", "5", "--extras", "0")
    assert grid["saas"]["quotas"] == [[450000], [600000]]
    # "1,200,000" is three list items, not one number: the count says so.
    quarters = "1,200,000,500000"
    result = runner.invoke(
        app, ["quota", "cash", "--arr", "1", "--acquisition-cost", "1", "--quarters", quarters]
    )
    assert result.exit_code == 2 and "expected 3 comma-separated numbers" in result.output


# --- payout input checks and tiers -------------------------------------------------------

PAYOUT = ["payout", "--break-even", "857143", "--quota", "1142857", "--variable", "25000"]


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--at", "-5"], "revenue: must be 0 or more, got -5"),
        (["--accelerator", "0.5"], "decelerator"),
        (["--accelerator", "0"], "decelerator"),
        (["--threshold", "1.2"], "threshold: 120% of quota must be from 0 % to below 100 %"),
        (["--tiers", "0.9:0.5,0.8:0.6"], "attainment 80% (in 80%:60%) must rise"),
        (["--tiers", "0.8:0.6,0.9:0.5"], "payout 50% (in 90%:50%) must not fall"),
        (["--tiers", "0.5:0.1"], "above 75%"),  # below the threshold (break-even 75 %)
        (["--tiers", "1.1:1"], "below 100 % of quota"),
        (["--tiers", "0.9"], "expected ATTAINMENT:PAYOUT"),
        (["--tiers", "0.9:50,000"], "expected ATTAINMENT:PAYOUT"),
    ],
)
def test_payout_refuses_bad_inputs(extra: list[str], words: str) -> None:
    result = runner.invoke(app, ["quota", *PAYOUT, *extra])
    assert result.exit_code == 2, result.output
    assert result.output.strip().count("\n") == 0 and words in result.output


def test_industrial_extra_zero_is_refused_with_the_reason() -> None:
    result = runner.invoke(
        app,
        ["quota", "industrial", "--cost-per-person", "100000", "--extra", "0", "--cogs", "0.65"],
    )
    assert result.exit_code == 2
    assert "extra: must be more than 0" in result.output
    assert "quota must be above the break-even" in result.output


def test_tiers_bend_the_table_in_json_and_table() -> None:
    data = run_json(*PAYOUT, "--tiers", "80%:20%,0.9:0.5,1:1")
    assert data["plan"]["tiers"] == [
        {"attainment": 0.8, "payout": 0.2},
        {"attainment": 0.9, "payout": 0.5},
    ]
    by_attainment = {row["attainment"]: row["payout"] for row in data["rows"]}
    assert by_attainment[0.8] == 5000 and by_attainment[0.9] == 12500
    assert by_attainment[1.0] == 25000
    table = runner.invoke(app, ["quota", *PAYOUT, "--tiers", "0.85:0.3"])
    assert table.exit_code == 0 and "plan.tiers" in table.output
    assert "85.0%" in table.output and "30.0%" in table.output  # the tier's own row too


def test_payout_help_documents_the_tier_syntax() -> None:
    result = runner.invoke(app, ["quota", "payout", "--help"], terminal_width=200)
    assert "--tiers" in result.output and "ATTAINMENT:PAYOUT" in result.output
