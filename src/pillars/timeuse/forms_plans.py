"""Forms of the plans: a proactive target, the daily note, a month, an ISO week."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from pillars.domain.targets import Target, parse_target
from pillars.domain.timeblocks import monday_of_week
from pillars.domain.window import monday_of
from pillars.errors import ConfigError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class TargetForm(forms.Form):
    target = forms.CharField(
        required=False,
        max_length=20,
        help_text="A share of the available hours ('40%') or hours per week ('16h'). "
        "Empty: no target of its own.",
    )

    parsed: Target | None = None

    def clean_target(self) -> str:
        text: str = self.cleaned_data.get("target", "").strip()
        try:
            self.parsed = parse_target(text) if text else None
        except ConfigError as exc:
            raise forms.ValidationError(str(exc).removeprefix("target: ")) from None
        return text


class DailyNoteForm(forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    decided_my_day = forms.TypedChoiceField(
        label="Did I decide my day?",
        choices=[("yes", "Yes, I did"), ("no", "No, someone else did")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    proactive_hours = forms.DecimalField(
        label="Proactive hours used",
        min_value=Decimal("0"),
        max_value=Decimal("24"),
        decimal_places=2,
        max_digits=4,
    )
    text = forms.CharField(label="One line", required=False, max_length=500)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day > self.today:
            raise forms.ValidationError("A note is for a day that has started: today or before.")
        return day


def parse_month(text: str | None, default: date) -> date:
    """'2026-11' -> 2026-11-01; `default`'s month when absent or not a month."""
    match = _MONTH.match(text or "")
    if match and 1 <= int(match[2]) <= 12:
        return date(int(match[1]), int(match[2]), 1)
    return default.replace(day=1)


def parse_week(text: str | None, default: date) -> date:
    """'2026-W49' -> the Monday of that ISO week; `default`'s Monday when absent or invalid."""
    try:
        return monday_of_week(text) if text else monday_of(default)
    except ConfigError:
        return monday_of(default)
