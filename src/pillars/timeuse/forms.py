"""The analysis window a page is asked for: ?weeks=N, or ?from=YYYY-MM-DD&to=YYYY-MM-DD."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django import forms

MAX_WEEKS = 53
MAX_DAYS = 7 * MAX_WEEKS


class WindowForm(forms.Form):
    weeks = forms.IntegerField(min_value=1, max_value=MAX_WEEKS, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these two cannot be class attributes.
        self.fields["from"] = forms.DateField(required=False, label="From")
        self.fields["to"] = forms.DateField(required=False, label="To")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("from"), data.get("to")
        if (first is None) != (last is None):
            raise forms.ValidationError("Give both a 'from' and a 'to' date, or neither.")
        if first and last:
            if last < first:
                raise forms.ValidationError("'to' is before 'from'.")
            if (last - first).days >= MAX_DAYS:
                raise forms.ValidationError(f"Choose at most {MAX_WEEKS} weeks.")
        return data

    def asks_for_dates(self) -> bool:
        """Whether the user chose the window (dates or a number of weeks)."""
        return self.is_valid() and bool(
            self.cleaned_data.get("from") or self.cleaned_data.get("weeks")
        )

    def date_range(self, default: Callable[[], tuple[date, date]]) -> tuple[date, date]:
        """The dates asked for; else `default()`, ending the same day with ?weeks= weeks.

        `default` is called only when needed: finding it takes a query.
        """
        if self.is_valid() and self.cleaned_data.get("from"):
            return self.cleaned_data["from"], self.cleaned_data["to"]
        first, last = default()
        weeks = self.cleaned_data.get("weeks") if self.is_valid() else None
        if weeks:
            return last - timedelta(weeks=weeks) + timedelta(days=1), last
        return first, last


def shifted(first: date, last: date, direction: int) -> dict[str, str]:
    """Query parameters for the same-length window just before (-1) or after (+1)."""
    span = timedelta(days=(last - first).days + 1)
    step = span * direction
    return {"from": (first + step).isoformat(), "to": (last + step).isoformat()}
