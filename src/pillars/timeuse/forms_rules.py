"""The form of one organisation rule: the condition fields of domain.classify.Rule.

Lists are typed as comma-separated words; yes/no conditions offer "any". The rule is built
and checked by the domain (rule_from_mapping), so the web and a rules TOML file accept the
same rules with the same messages.
"""

from __future__ import annotations

from typing import Any

from django import forms

from pillars.domain.classify import (
    DIRECTIONS,
    LIST_KEYS,
    ORGANIZERS,
    RULE_CATEGORIES,
    rule_from_mapping,
    rule_to_mapping,
)
from pillars.domain.classify import Rule as DomainRule
from pillars.errors import ConfigError
from pillars.timeuse.queries_rules import PREVIEW_WEEKS

ANY = ""
KINDS = ("meeting", "call", "email", "task", "event", "other")
FLAG_CHOICES = [(ANY, "any"), ("yes", "yes"), ("no", "no")]
CONDITION_KEYS = (*LIST_KEYS, "direction", "organizer", "external_attendees", "account")


def _list_field(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=1000, help_text=help_text)


class RuleForm(forms.Form):
    name = forms.CharField(max_length=200)
    category = forms.ChoiceField(choices=[(c.value, c.value) for c in RULE_CATEGORIES])
    tags_any = _list_field("Tags", "Calendar categories or CRM tags, comma-separated.")
    keywords_any = _list_field("Keywords", "Words in the subject, comma-separated.")
    kinds_any = forms.MultipleChoiceField(
        label="Kinds",
        required=False,
        choices=[(k, k) for k in KINDS],
        widget=forms.CheckboxSelectMultiple,
    )
    crm_types_any = _list_field("CRM types", "The CRM's activity types, comma-separated.")
    direction = forms.ChoiceField(
        required=False, choices=[(ANY, "any"), *((d, d) for d in DIRECTIONS)]
    )
    organizer = forms.ChoiceField(
        required=False, choices=[(ANY, "any"), *((o, o) for o in ORGANIZERS)]
    )
    external_attendees = forms.ChoiceField(
        label="External attendees", required=False, choices=FLAG_CHOICES
    )
    account = forms.ChoiceField(label="Has an account", required=False, choices=FLAG_CHOICES)
    active = forms.BooleanField(required=False, initial=True)
    weeks = forms.IntegerField(
        label="Preview over the last weeks",
        min_value=1,
        max_value=52,
        initial=PREVIEW_WEEKS,
        required=False,
    )

    rule: DomainRule

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mapping: dict[str, Any] = {"name": data.get("name"), "category": data.get("category")}
        for key in LIST_KEYS:
            value = data.get(key)
            words = value if isinstance(value, list) else _split(value or "")
            if words:
                mapping[key] = words
        for key in ("direction", "organizer"):
            if data.get(key):
                mapping[key] = data[key]
        for key in ("external_attendees", "account"):
            if data.get(key):
                mapping[key] = data[key] == "yes"
        if not any(key in mapping for key in CONDITION_KEYS):
            raise forms.ValidationError(
                "Give at least one condition: a rule without one would catch every entry."
            )
        try:
            self.rule = rule_from_mapping(mapping, source="rule", index=1)
        except ConfigError as exc:
            raise forms.ValidationError(str(exc).split(": ", 1)[-1]) from None
        return data

    @property
    def preview_weeks(self) -> int:
        weeks = self.cleaned_data.get("weeks") if hasattr(self, "cleaned_data") else None
        return weeks or PREVIEW_WEEKS


def initial_for(rule: DomainRule, active: bool) -> dict[str, Any]:
    """The form's initial values for a stored rule."""
    data = rule_to_mapping(rule)
    initial: dict[str, Any] = {"name": rule.name, "category": rule.category.value, "active": active}
    for key in LIST_KEYS:
        if key in data:
            initial[key] = data[key] if key == "kinds_any" else ", ".join(data[key])
    for key in ("direction", "organizer"):
        initial[key] = data.get(key, ANY)
    for key in ("external_attendees", "account"):
        flag = data.get(key)
        initial[key] = ANY if flag is None else "yes" if flag else "no"
    return initial


def _split(text: str) -> list[str]:
    return [word.strip() for word in text.replace("\n", ",").split(",") if word.strip()]


class WeeksForm(forms.Form):
    weeks = forms.IntegerField(min_value=1, max_value=52, required=False)

    def weeks_or_default(self) -> int:
        return (self.cleaned_data.get("weeks") if self.is_valid() else None) or PREVIEW_WEEKS
