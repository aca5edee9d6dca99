"""The upload form of a web import and the category override form of one entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings

from pillars.timeuse.imports import ACCEPTED_SUFFIXES
from pillars.timeuse.models import CATEGORY_CHOICES


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Calendar or CRM export",
        help_text="An .ics calendar, a .csv/.tsv export or an .xlsx workbook.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these two cannot be class attributes.
        self.fields["from"] = forms.DateField(
            required=False, label="Read from", widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["to"] = forms.DateField(
            required=False, label="Read to", widget=forms.DateInput(attrs={"type": "date"})
        )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = int(settings.PILLARS_MAX_UPLOAD_BYTES)
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {megabytes(upload.size)}; the limit is {megabytes(limit)}. "
                "Export a shorter period, or split the file."
            )
        if Path(upload.name or "").suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError(
                f"{upload.name}: expected a file ending in {', '.join(ACCEPTED_SUFFIXES)}"
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("from"), data.get("to")
        if (first is None) != (last is None):
            raise forms.ValidationError("Give both dates to read, or neither.")
        if first and last and last < first:
            raise forms.ValidationError("'Read to' is before 'Read from'.")
        return data


class OverrideForm(forms.Form):
    """An empty category clears the override: the rule's category counts again."""

    category = forms.ChoiceField(choices=[("", "rule"), *CATEGORY_CHOICES], required=False)
