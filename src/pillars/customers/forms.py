"""Forms of the customer pages: the capacity plan's inputs, segment and qualification."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from pillars.customers.models import SEGMENT_CHOICES, AccountQualification
from pillars.domain.capacity import (
    DEFAULT_WEEKS,
    MEASURE_WEEKS,
    Funnel,
    PlanInputs,
    check_plan_inputs,
)
from pillars.errors import ConfigError

DEFAULT_HOURS = "0.1,2.5,3,6,4"


def _numbers(text: str, count: int, what: str) -> tuple[Decimal, ...]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    try:
        values = tuple(Decimal(p) for p in parts)
    except ArithmeticError:
        raise forms.ValidationError(f"{what}: expected numbers separated by commas") from None
    if len(values) != count or not all(v.is_finite() for v in values):
        raise forms.ValidationError(f"{what}: expected {count} numbers separated by commas")
    return values


class CapacityForm(forms.Form):
    """?new_revenue=600000&deal_size=50000&conversion=0.1,0.5,0.5,0.25&hours=...&weeks=44"""

    new_revenue = forms.DecimalField(
        min_value=0, max_digits=16, decimal_places=2, initial=600000, required=False
    )
    deal_size = forms.DecimalField(
        min_value=1,
        max_digits=16,
        decimal_places=2,
        required=False,
        help_text="empty: the person's average won deal of the last year, else 50,000",
    )
    conversion = forms.CharField(
        required=False, help_text="call→first, first→second, second→proposal, proposal→win; "
        "empty: measured from the deals, assumed where thin"
    )  # fmt: skip
    hours = forms.CharField(
        initial=DEFAULT_HOURS, required=False, help_text="per call, first, second, proposal, close"
    )
    weeks = forms.DecimalField(min_value=1, max_value=52, initial=DEFAULT_WEEKS, required=False)
    measure_weeks = forms.IntegerField(
        min_value=1,
        max_value=26,
        initial=MEASURE_WEEKS,
        required=False,
        label="Measured over weeks with data",
    )

    def clean_conversion(self) -> tuple[Decimal, ...] | None:
        text = self.cleaned_data.get("conversion") or ""
        return _numbers(text, 4, "conversion") if text.strip() else None

    def clean_hours(self) -> tuple[Decimal, ...]:
        return _numbers(self.cleaned_data.get("hours") or DEFAULT_HOURS, 5, "hours")

    def clean(self) -> dict[str, Any]:
        """The domain's own checks, so the page refuses what the CLI refuses."""
        data = super().clean() or {}
        rates, hours = data.get("conversion"), data.get("hours")
        try:
            check_plan_inputs(
                new_revenue=data.get("new_revenue"),
                deal_size=data.get("deal_size"),
                weeks=data.get("weeks"),
            )
            if hours:  # without rates, check the hours alone (the measured rates come later)
                Funnel(rates or (Decimal(1),) * 4, hours)
        except ConfigError as exc:
            raise forms.ValidationError(str(exc)) from None
        return data

    def inputs(self) -> PlanInputs:
        """The plan asked for; the defaults where the request gives nothing or is invalid."""
        data = self.cleaned_data if self.is_valid() else {}

        def value(name: str) -> Decimal:
            given = data.get(name)
            return Decimal(given if given is not None else self.fields[name].initial)

        rates = data.get("conversion")
        hours = data.get("hours") or _numbers(DEFAULT_HOURS, 5, "hours")
        return PlanInputs(
            new_revenue=value("new_revenue"),
            deal_size=data.get("deal_size"),
            conversion=(rates[0], rates[1], rates[2], rates[3]) if rates else None,
            hours=(hours[0], hours[1], hours[2], hours[3], hours[4]),
            weeks=value("weeks"),
        )

    def measure_weeks_value(self) -> int:
        data = self.cleaned_data if self.is_valid() else {}
        return int(data.get("measure_weeks") or MEASURE_WEEKS)


class SegmentForm(forms.Form):
    segment = forms.ChoiceField(choices=[("", "by the rule"), *SEGMENT_CHOICES], required=False)
    fully_penetrated = forms.BooleanField(required=False)


class QualificationForm(forms.ModelForm):
    class Meta:
        model = AccountQualification
        fields = list(AccountQualification.QUESTIONS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 2}) for name in AccountQualification.QUESTIONS
        }
