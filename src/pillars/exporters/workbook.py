"""The quota calculator as an .xlsx workbook with live formulas (openpyxl, no pasted values).

Sheet "Calculator": the SaaS and the industrial scenario side by side; inputs are the yellow
cells (constants a user types), every result is a formula and never yellow. Sheet "Payout": both payout tables as formulas, and a
"payout at revenue" cell per scenario to try any figure.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from pillars.domain.payout import DEFAULT_ATTAINMENTS, PayoutPlan
from pillars.domain.quota import IndustrialQuota, SaasQuota
from pillars.domain.quota_scenario import Scenario
from pillars.domain.quota_values import QuotaInputError, plain, whole

INPUT_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
BOLD = Font(bold=True)
PERCENT = "0.0%"
RATIO = "0.00"
COUNT = "0.##"
CURRENCY_FORMATS = {
    "EUR": '#,##0 "€"',
    "USD": '"$"#,##0',
    "GBP": '"£"#,##0',
}

# Where the results are, for readers and tests: {scenario: {result: cell}}.
SAAS_CELLS = {
    "salary": "B5",
    "multiplier": "B6",
    "total_cost": "B7",
    "units": "B12",
    "quota": "B13",
    "break_even": "B14",
    "quota_per_salary": "B15",
    "quota_per_cost": "B16",
}
INDUSTRIAL_CELLS = {
    "cost_per_person": "E5",
    "gross_margin": "E12",
    "pure_cost": "E13",
    "total_cost": "E14",
    "quota": "E15",
    "break_even": "E16",
    "quota_per_break_even": "E17",
}
# Payout sheet: each scenario's block starts at this column.
PAYOUT_COLUMNS = {"saas": "A", "industrial": "F"}
PAYOUT_FIRST_ROW = 12


def currency_format(currency: str) -> str:
    return CURRENCY_FORMATS.get(currency.upper(), f'#,##0 "{currency.upper()}"')


@dataclass(frozen=True)
class WorkbookInputs:
    saas: SaasQuota
    industrial: IndustrialQuota
    saas_plan: PayoutPlan
    industrial_plan: PayoutPlan
    currency: str = "EUR"
    attainments: Sequence[Decimal] = DEFAULT_ATTAINMENTS

    @classmethod
    def from_scenario(cls, scenario: Scenario, currency: str = "EUR") -> WorkbookInputs:
        """Both scenarios of a calculator run and their payout plans."""
        return cls(
            saas=scenario.saas,
            industrial=scenario.industrial,
            saas_plan=scenario.saas_plan,
            industrial_plan=scenario.industrial_plan,
            currency=currency,
        )


def calculator_workbook(inputs: WorkbookInputs) -> bytes:
    """The workbook's bytes; tiered plans are refused (the formulas are linear)."""
    if inputs.saas_plan.tiers or inputs.industrial_plan.tiers:
        raise QuotaInputError(
            "tiers", "tiered payouts are not written to the workbook (linear, accelerator, cap)"
        )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Calculator"
    money = currency_format(inputs.currency)
    _calculator_sheet(sheet, inputs, money)
    payout = book.create_sheet("Payout")
    _payout_sheet(payout, inputs, money)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(
    sheet: Worksheet, cell: str, value: object, fmt: str | None = None, *, input_: bool = False
) -> None:
    target = sheet[cell]
    target.value = float(value) if isinstance(value, Decimal) else value
    if fmt:
        target.number_format = fmt
    if input_:
        target.fill = INPUT_FILL


def _label(sheet: Worksheet, cell: str, text: str, *, bold: bool = False) -> None:
    sheet[cell] = text
    if bold:
        sheet[cell].font = BOLD


def _calculator_sheet(sheet: Worksheet, inputs: WorkbookInputs, money: str) -> None:
    _label(sheet, "A1", "Quota from the cost of sales", bold=True)
    _label(sheet, "A2", "Yellow cells are inputs; every other figure is a formula.")
    _label(sheet, "A4", "SaaS / software", bold=True)
    _label(sheet, "D4", "Industrial products", bold=True)
    _saas_block(sheet, inputs.saas, money)
    _industrial_block(sheet, inputs.industrial, money)
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 16
    sheet.column_dimensions["D"].width = 34
    sheet.column_dimensions["E"].width = 16


def _saas_block(sheet: Worksheet, saas: SaasQuota, money: str) -> None:
    units = saas.units
    rows: list[tuple[str, object, str, bool]] = [
        ("Salary", saas.cost.salary, money, True),
        ("Cost multiplier", saas.cost.multiplier, RATIO, True),
        ("Employee cost", "=B5*B6", money, False),
        ("Units: own cost", units.own, COUNT, True),
        ("Units: direct new-sales cost", units.direct, COUNT, True),
        ("Units: overhead and indirect sales", units.overhead, COUNT, True),
        ("Units: margin and risk", units.margin_risk, COUNT, True),
        ("Units in total", "=SUM(B8:B11)", COUNT, False),
        ("Quota", "=B12*B7", money, False),
        ("Break-even (cost of sales units)", "=SUM(B8:B10)*B7", money, False),
        ("Quota / salary", "=B13/B5", RATIO, False),
        ("Quota / employee cost", "=B13/B7", RATIO, False),
    ]
    for offset, (label, value, fmt, is_input) in enumerate(rows):
        row = 5 + offset
        _label(sheet, f"A{row}", label)
        _put(sheet, f"B{row}", value, fmt, input_=is_input)


def _industrial_block(sheet: Worksheet, quota: IndustrialQuota, money: str) -> None:
    presales, backoffice = _two_support_lines(quota)
    rows: list[tuple[str, object, str, bool]] = [
        ("Cost per person (the rep)", quota.rep_cost, money, True),
        ("Presales people per rep", presales[0], COUNT, True),
        ("Presales cost each", presales[1], money, True),
        ("Back-office people per rep", backoffice[0], COUNT, True),
        ("Back-office cost each", backoffice[1], money, True),
        ("Extra: overhead, margin and risk", quota.extra, money, True),
        ("Cost of goods (share of list price)", quota.cogs, PERCENT, True),
        ("Gross margin", "=1-E11", PERCENT, False),
        ("Pure cost", "=E5+E6*E7+E8*E9", money, False),
        ("Total cost", "=E13+E10", money, False),
        ("Quota", "=E14/E12", money, False),
        ("Break-even", "=E13/E12", money, False),
        ("Quota / break-even", "=E15/E16", RATIO, False),
    ]
    for offset, (label, value, fmt, is_input) in enumerate(rows):
        row = 5 + offset
        _label(sheet, f"D{row}", label)
        _put(sheet, f"E{row}", value, fmt, input_=is_input)


def _two_support_lines(
    quota: IndustrialQuota,
) -> tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal]]:
    """The workbook has two support lines: the first as presales, the rest folded into one.

    Further lines are folded into the second at their combined cost, so the pure cost holds.
    """
    lines = list(quota.support)
    first = (lines[0].count, lines[0].cost_each) if lines else (Decimal(0), quota.rep_cost)
    rest = lines[1:]
    count = sum((s.count for s in rest), Decimal(0))
    cost = sum((s.cost for s in rest), Decimal(0))
    second = (count, cost / count) if count else (Decimal(0), quota.rep_cost)
    return first, second


def _payout_sheet(sheet: Worksheet, inputs: WorkbookInputs, money: str) -> None:
    _label(sheet, "A1", "Payout against revenue", bold=True)
    _label(
        sheet, "A2", "Starts at the threshold, 100 % of the variable at quota, accelerator above."
    )
    blocks = (
        ("saas", "SaaS", inputs.saas_plan, "Calculator!B14", "Calculator!B13", inputs.saas),
        (
            "industrial",
            "Industrial",
            inputs.industrial_plan,
            "Calculator!E16",
            "Calculator!E15",
            inputs.industrial,
        ),
    )
    for key, title, plan, threshold_ref, quota_ref, result in blocks:
        _payout_block(
            sheet,
            PAYOUT_COLUMNS[key],
            title,
            plan,
            (threshold_ref, quota_ref),
            money,
            inputs.attainments,
            result.break_even,
        )


def payout_cells(scenario: str) -> dict[str, str]:
    """Cells of one payout block: threshold, quota, variable, accelerator, cap, what-if."""
    label = PAYOUT_COLUMNS[scenario]
    value = chr(ord(label) + 1)
    names = ("threshold", "quota", "variable", "accelerator", "cap", "at_revenue", "payout_at")
    return {name: f"{value}{4 + i}" for i, name in enumerate(names)}


def _payout_block(
    sheet: Worksheet,
    label: str,
    title: str,
    plan: PayoutPlan,
    refs: tuple[str, str],
    money: str,
    attainments: Sequence[Decimal],
    break_even: Decimal,
) -> None:
    cells = payout_cells("saas" if label == "A" else "industrial")
    col = cells["threshold"][0]
    _label(sheet, f"{label}3", title, bold=True)
    threshold = _threshold_cell(plan, refs, break_even, cells["quota"])
    rows: list[tuple[str, str, object, str, bool]] = [
        ("threshold", "Threshold (payout starts)", threshold, money, False),
        ("quota", "Quota (announced, whole units)", f"=ROUND({refs[1]},0)", money, False),
        ("variable", "On-target variable", plan.variable, money, True),
        ("accelerator", "Accelerator above quota", plan.accelerator, RATIO, True),
        ("cap", "Cap, times the variable (0 = none)", plan.cap or Decimal(0), RATIO, True),
        ("at_revenue", "Try a revenue", plan.quota, money, True),
        ("payout_at", "Payout at that revenue", "", money, False),
    ]
    for key, text, value, fmt, is_input in rows:
        row = int(cells[key][1:])
        _label(sheet, f"{label}{row}", text)
        _put(sheet, cells[key], value, fmt, input_=is_input)
    sheet[cells["payout_at"]].value = "=" + _payout_formula(cells["at_revenue"], cells)
    _payout_table(sheet, label, col, cells, money, attainments)
    sheet.column_dimensions[label].width = 34
    sheet.column_dimensions[col].width = 16


def _payout_table(
    sheet: Worksheet,
    label: str,
    col: str,
    cells: dict[str, str],
    money: str,
    attainments: Sequence[Decimal],
) -> None:
    share_col = chr(ord(col) + 1)
    attain_col = chr(ord(col) + 2)
    header = PAYOUT_FIRST_ROW - 1
    for column, text in (
        (label, "Revenue"),
        (col, "Payout"),
        (share_col, "Of variable"),
        (attain_col, "Attainment"),
    ):
        _label(sheet, f"{column}{header}", text, bold=True)
    quota = _absolute(cells["quota"])
    variable = _absolute(cells["variable"])
    for offset, attainment in enumerate(attainments):
        row = PAYOUT_FIRST_ROW + offset
        _put(sheet, f"{attain_col}{row}", attainment, PERCENT, input_=True)
        _put(sheet, f"{label}{row}", f"={attain_col}{row}*{quota}", money)
        _put(sheet, f"{col}{row}", "=" + _payout_formula(f"{label}{row}", cells), money)
        _put(sheet, f"{share_col}{row}", f"=IF({variable}=0,0,{col}{row}/{variable})", PERCENT)


def _threshold_cell(
    plan: PayoutPlan, refs: tuple[str, str], break_even: Decimal, quota_cell: str
) -> str:
    """A formula: the calculator's break-even when the plan starts there, else a share of the
    quota. The plan is in whole units (quota_scenario.compute), so the formulas round too."""
    if plan.threshold == whole(break_even):
        return f"=ROUND({refs[0]},0)"
    return f"={plain(plan.threshold / plan.quota)}*{quota_cell}"


def _absolute(cell: str) -> str:
    return f"${cell[0]}${cell[1:]}"


def _payout_formula(revenue: str, cells: dict[str, str]) -> str:
    """The domain's payout_at as one Excel expression (linear between threshold and quota)."""
    t, q, v, a, c = (
        _absolute(cells[k]) for k in ("threshold", "quota", "variable", "accelerator", "cap")
    )
    above = f"{v}+{v}*{a}*({revenue}-{q})/({q}-{t})"
    return (
        f"IF({revenue}<={t},0,IF({revenue}<={q},{v}*({revenue}-{t})/({q}-{t}),"
        f"IF({c}>0,MIN({c}*{v},{above}),{above})))"
    )
