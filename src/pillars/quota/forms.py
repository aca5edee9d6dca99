"""The calculator form: typed inputs -> the domain's ScenarioInputs; bad inputs -> form errors."""

from __future__ import annotations

from decimal import Decimal, DecimalException
from typing import Any

from django import forms

from pillars.domain.employee_cost import presets
from pillars.domain.payout import payout_at
from pillars.domain.quota import SaasUnits
from pillars.domain.quota_scenario import Scenario, ScenarioInputs, compute
from pillars.domain.quota_values import QuotaInputError, parse_number, to_decimal
from pillars.quota.models import Kind

HUNDRED = Decimal(100)

# The seed's worked examples: what the page shows before anyone types.
DEFAULTS: dict[str, str] = {
    "kind": "industrial",
    "salary": "60000",
    "cost_basis": "multiplier",
    "multiplier": "1.5",
    "country": "SE",
    "other_costs": "0",
    "units_own": "1",
    "units_direct": "1",
    "units_overhead": "1",
    "units_margin": "2",
    "cost_per_person": "100000",
    "presales": "1",
    "backoffice": "1",
    "extra": "100000",
    "cogs_percent": "65",
    "variable": "25000",
    "threshold_percent": "",
    "accelerator": "1.5",
    "cap": "",
    "ramp": "0, 25, 50, 75, 100",
    "try_revenue": "1000000",
}

# Which form field a domain error is about (QuotaInputError.field -> field name).
ERROR_FIELDS = {
    "salary": "salary",
    "multiplier": "multiplier",
    "country": "country",
    "cost per person": "cost_per_person",
    "extra": "extra",
    "cogs": "cogs_percent",
    "margin": "cogs_percent",
    "variable": "variable",
    "accelerator": "accelerator",
    "cap": "cap",
    "threshold": "threshold_percent",
    "ramp": "ramp",
    "units own": "units_own",
    "units direct": "units_direct",
    "units overhead": "units_overhead",
    "units margin_risk": "units_margin",
    "presales count": "presales",
    "presales cost": "cost_per_person",
    "back office count": "backoffice",
    "back office cost": "cost_per_person",
    "other cost 'other loaded costs'": "other_costs",
    "revenue": "try_revenue",
}


class NumberField(forms.Field):
    """A number read like a CLI option (`parse_number`): '60,000' is refused, not guessed.

    Ranges are the domain's (the CLI's too), so the field checks only that it is a number.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        try:
            return parse_number(str(self.label), str(value))
        except QuotaInputError as exc:
            raise forms.ValidationError(_sentence(exc), code="invalid") from None


def _money(label: str, *, required: bool = True, help_text: str = "") -> NumberField:
    return NumberField(label=label, required=required, help_text=help_text)


def _count(label: str) -> NumberField:
    return NumberField(label=label)


class CalculatorForm(forms.Form):
    kind = forms.ChoiceField(label="Payout follows", choices=Kind.choices)
    salary = _money("Salary a year")
    cost_basis = forms.ChoiceField(
        label="Employee cost from",
        choices=[("multiplier", "a multiplier"), ("preset", "country charges + other costs")],
    )
    multiplier = NumberField(label="Multiplier", required=False)
    country = forms.ChoiceField(
        label="Country preset",
        required=False,
        choices=[("", "none")] + [(code, f"{p.country} {p.year}") for code, p in presets().items()],
    )
    other_costs = _money(
        "Other loaded costs a year", help_text="pension top-up, car, IT, office, travel"
    )
    units_own = _count("Units: own cost")
    units_direct = _count("Units: direct new-sales cost")
    units_overhead = _count("Units: overhead")
    units_margin = _count("Units: margin and risk")
    cost_per_person = _money(
        "Cost per person", required=False, help_text="empty: the employee cost"
    )
    presales = _count("Presales people per rep")
    backoffice = _count("Back-office people per rep")
    extra = _money("Extra: overhead, margin, risk")
    cogs_percent = NumberField(label="Cost of goods, % of list price")
    variable = _money("On-target variable pay")
    threshold_percent = NumberField(
        label="Start paying at % of quota", required=False, help_text="empty: at the break-even"
    )
    accelerator = NumberField(label="Accelerator above quota")
    cap = NumberField(label="Cap, times the variable", required=False)
    ramp = forms.CharField(label="Ramp of a new hire, % per month", max_length=200, required=False)
    try_revenue = _money("Payout at revenue", required=False)

    scenario: Scenario | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            scenario = compute(self._inputs(data))
            if data.get("try_revenue") is not None:
                payout_at(scenario.plan, data["try_revenue"])
        except QuotaInputError as exc:
            self.add_error(ERROR_FIELDS.get(exc.field), _sentence(exc))
        except DecimalException:
            self.add_error(None, OUT_OF_RANGE)
        else:
            self.scenario = scenario
        return data

    def _inputs(self, data: dict[str, Any]) -> ScenarioInputs:
        by_multiplier = data["cost_basis"] == "multiplier"
        if by_multiplier and data.get("multiplier") is None:
            raise QuotaInputError("multiplier", "give a multiplier such as 1.5, or use a country")
        threshold = data.get("threshold_percent")
        return ScenarioInputs(
            salary=data["salary"],
            multiplier=data["multiplier"] if by_multiplier else None,
            country="" if by_multiplier else data.get("country") or "",
            other_costs=Decimal(0) if by_multiplier else data["other_costs"],
            units=SaasUnits(
                data["units_own"],
                data["units_direct"],
                data["units_overhead"],
                data["units_margin"],
            ),
            cost_per_person=data.get("cost_per_person"),
            presales=data["presales"],
            backoffice=data["backoffice"],
            extra=data["extra"],
            cogs=data["cogs_percent"] / HUNDRED,
            kind=data["kind"],
            variable=data["variable"],
            threshold_share=None if threshold is None else threshold / HUNDRED,
            accelerator=data["accelerator"],
            cap=data.get("cap"),
            ramp=parse_ramp(data.get("ramp") or ""),
        )

    def stored_inputs(self) -> dict[str, str]:
        """The inputs as text, to save with a scenario and reopen exactly."""
        return {
            name: "" if self.cleaned_data.get(name) is None else str(self.cleaned_data[name])
            for name in DEFAULTS
        }


def parse_ramp(text: str) -> list[Decimal]:
    """'0, 25, 50' (percent per month) -> [0, 0.25, 0.5]."""
    parts = [p.strip().rstrip("%") for p in text.replace(";", ",").split(",") if p.strip()]
    return [to_decimal("ramp", p) / HUNDRED for p in parts]


OUT_OF_RANGE = "A figure is out of the range the calculator can handle; check very large numbers."


def _sentence(exc: QuotaInputError) -> str:
    """The domain's message as a sentence; it already names the value as typed, with its unit."""
    text = exc.message
    if exc.field == "quota":
        return f"Quota {text}. Add extra units or amounts above the break-even."
    return text[:1].upper() + text[1:] + "."


class SaveForm(forms.Form):
    name = forms.CharField(max_length=200, label="Scenario name")
    owner = forms.ChoiceField(label="For")

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = targets
