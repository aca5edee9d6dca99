"""Figures as people read them: thousands separators, percentages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def thousands(value: object) -> str:
    """12500 -> '12,500'; None -> '–'."""
    if value is None or value == "":
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"  # type: ignore[call-overload]


@register.filter
def percent(value: object) -> str:
    """0.35 -> '35 %'; 0.875 -> '87.5 %'."""
    if value is None:
        return "–"
    return f"{float(value) * 100:.1f}".removesuffix(".0") + " %"  # type: ignore[arg-type]


@register.filter
def ratio(value: object) -> str:
    """1.6308 -> '1.631'; 5.0 -> '5'."""
    if value is None:
        return "–"
    return f"{float(value):.3f}".rstrip("0").rstrip(".")  # type: ignore[arg-type]


@register.filter
def field_label(form: object, name: str) -> str:
    """The label of a form field by name, for error lists."""
    field = getattr(form, "fields", {}).get(name)
    return str(field.label) if field is not None and field.label else name
