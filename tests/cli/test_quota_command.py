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
