"""The calculator workbook: recalculated by a formula engine, it agrees with the domain."""

from __future__ import annotations

from decimal import Decimal as D
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pycel import ExcelCompiler
from typer.testing import CliRunner

from pillars.cli import app
from pillars.domain.payout import Tier, payout_at
from pillars.domain.quota_scenario import ScenarioInputs, compute
from pillars.domain.quota_values import QuotaInputError
from pillars.exporters.workbook import (
    INDUSTRIAL_CELLS,
    INPUT_FILL,
    PAYOUT_FIRST_ROW,
    SAAS_CELLS,
    WorkbookInputs,
    calculator_workbook,
    payout_cells,
)

# What `pillars quota workbook` writes without options: the seed's two worked examples.
CLI_DEFAULTS = ScenarioInputs(cost_per_person=D(100000), accelerator=D("1.5"))


def close(value: object, expected: D | int, places: int = 4) -> bool:
    return round(D(str(value)) - D(expected), places) == 0


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "calculator.xlsx"
    result = CliRunner().invoke(app, ["quota", "workbook", "--out", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def engine(workbook_path: Path) -> ExcelCompiler:
    return ExcelCompiler(filename=str(workbook_path))


def set_input(engine: ExcelCompiler, address: str, number: float) -> None:
    engine.evaluate(address)  # pycel knows a cell only once it has been read
    engine.set_value(address, number)


def value(engine: ExcelCompiler, sheet: str, cell: str) -> object:
    return engine.evaluate(f"{sheet}!{cell}")


def test_worked_quotas_come_out_of_the_formulas(engine: ExcelCompiler) -> None:
    assert value(engine, "Calculator", SAAS_CELLS["total_cost"]) == 90000
    assert value(engine, "Calculator", SAAS_CELLS["quota"]) == 450000
    assert round(value(engine, "Calculator", INDUSTRIAL_CELLS["quota"])) == 1142857
    assert round(value(engine, "Calculator", INDUSTRIAL_CELLS["break_even"])) == 857143


def test_formulas_agree_with_the_domain(engine: ExcelCompiler) -> None:
    scenario = compute(CLI_DEFAULTS)
    for name, cell in SAAS_CELLS.items():
        expected = {
            "salary": scenario.cost.salary,
            "multiplier": scenario.cost.multiplier,
            "total_cost": scenario.cost.total,
            "units": scenario.saas.units.total,
            "quota": scenario.saas.quota,
            "break_even": scenario.saas.break_even,
            "quota_per_salary": scenario.saas.quota_per_salary,
            "quota_per_cost": scenario.saas.quota_per_cost,
        }[name]
        assert close(value(engine, "Calculator", cell), expected), name
    result = scenario.industrial
    for name, cell in INDUSTRIAL_CELLS.items():
        expected = getattr(result, "rep_cost" if name == "cost_per_person" else name)
        assert close(value(engine, "Calculator", cell), expected), name


def test_payout_table_is_formulas_matching_the_domain(
    engine: ExcelCompiler, workbook_path: Path
) -> None:
    plan = compute(CLI_DEFAULTS).industrial_plan
    sheet = load_workbook(workbook_path)["Payout"]
    cells = payout_cells("industrial")
    payout_col, attain_col = cells["threshold"][0], chr(ord(cells["threshold"][0]) + 2)
    row = PAYOUT_FIRST_ROW
    checked = 0
    while sheet[f"{attain_col}{row}"].value is not None:
        assert str(sheet[f"{payout_col}{row}"].value).startswith("=IF(")
        attainment = D(str(sheet[f"{attain_col}{row}"].value))
        expected = payout_at(plan, plan.quota * attainment)
        assert close(value(engine, "Payout", f"{payout_col}{row}"), expected, 2)
        row, checked = row + 1, checked + 1
    assert checked == 16


@pytest.mark.parametrize(("revenue", "payout"), [(800000, 0), (1000000, 12500), (1300000, 45625)])
def test_payout_at_a_typed_revenue(engine: ExcelCompiler, revenue: int, payout: int) -> None:
    cells = payout_cells("industrial")
    set_input(engine, f"Payout!{cells['at_revenue']}", revenue)
    # Money is shown in whole units; the plan is on the announced (whole) quota.
    assert round(value(engine, "Payout", cells["payout_at"])) == payout


def test_changing_an_input_recalculates(engine: ExcelCompiler) -> None:
    set_input(engine, "Calculator!B6", 2.0)
    assert value(engine, "Calculator", SAAS_CELLS["quota"]) == 600000
    set_input(engine, "Calculator!E10", 200000)
    assert round(value(engine, "Calculator", INDUSTRIAL_CELLS["quota"])) == 1428571


def test_inputs_are_marked_and_results_are_formulas(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Calculator"]
    assert sheet["B5"].fill.fgColor.rgb.endswith(INPUT_FILL.fgColor.rgb[-6:])
    for cell in (*SAAS_CELLS.values(), *INDUSTRIAL_CELLS.values()):
        is_formula = str(sheet[cell].value).startswith("=")
        is_input = sheet[cell].fill.fgColor.rgb == sheet["B5"].fill.fgColor.rgb
        assert is_formula != is_input, cell
    assert "€" in sheet[SAAS_CELLS["quota"]].number_format


def test_share_threshold_and_cap_are_written_as_formulas(tmp_path: Path) -> None:
    scenario = compute(ScenarioInputs(threshold_share=D("0.5"), cap=D(2), accelerator=D(3)))
    data = calculator_workbook(
        WorkbookInputs(
            scenario.saas, scenario.industrial, scenario.saas_plan, scenario.industrial_plan, "USD"
        )
    )
    path = tmp_path / "c.xlsx"
    path.write_bytes(data)
    engine = ExcelCompiler(filename=str(path))
    cells = payout_cells("saas")
    plan = scenario.saas_plan
    assert close(value(engine, "Payout", cells["threshold"]), plan.threshold)
    for revenue in (D(300000), D(500000), D(900000)):
        set_input(engine, f"Payout!{cells['at_revenue']}", float(revenue))
        assert close(value(engine, "Payout", cells["payout_at"]), payout_at(plan, revenue), 2)


def yellow(cell: object) -> bool:
    fill = cell.fill  # type: ignore[attr-defined]
    return fill.fill_type == "solid" and fill.fgColor.rgb.endswith(INPUT_FILL.fgColor.rgb[-6:])


@pytest.mark.parametrize(
    "inputs",
    [CLI_DEFAULTS, ScenarioInputs(threshold_share=D("0.5"), cap=D(2), accelerator=D(3))],
    ids=["break-even threshold", "share threshold and cap"],
)
def test_yellow_cells_are_constants_and_every_other_figure_is_a_formula(
    inputs: ScenarioInputs,
) -> None:
    """Yellow means "type here": never a formula; a number that is not yellow is a result."""
    scenario = compute(inputs)
    book = load_workbook(BytesIO(calculator_workbook(WorkbookInputs.from_scenario(scenario))))
    checked = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                text = str(cell.value)
                if yellow(cell):
                    assert isinstance(cell.value, int | float), f"{sheet.title}!{cell.coordinate}"
                elif isinstance(cell.value, int | float) or text.startswith("="):
                    assert text.startswith("="), f"{sheet.title}!{cell.coordinate} = {text}"
                checked += 1
    payout = book["Payout"]
    for scenario_name in ("saas", "industrial"):
        threshold = payout[payout_cells(scenario_name)["threshold"]]
        assert str(threshold.value).startswith("=") and not yellow(threshold)
    assert checked > 100


def test_tiered_plans_are_not_written_as_linear_formulas() -> None:
    scenario = compute(ScenarioInputs(tiers=(Tier(D("0.9"), D("0.5")),)))
    with pytest.raises(QuotaInputError, match="tiered payouts are not written"):
        calculator_workbook(WorkbookInputs.from_scenario(scenario))
