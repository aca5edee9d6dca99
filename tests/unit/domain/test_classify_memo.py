"""Remembered decisions are the decisions `classify` makes, whatever the order of entries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pillars.domain.classify import (
    classify,
    default_rules,
    memoized_classifier,
    rule_from_mapping,
    rules_with_defaults,
)
from pillars.domain.records import Activity, Category

from .builders import CONTEXT, activity

USER_RULES = (
    rule_from_mapping(
        {"name": "QBR", "category": "proactive", "keywords_any": ["QBR"], "account": True},
        source="test",
        index=1,
    ),
)
RULES = rules_with_defaults(USER_RULES)

texts = st.sampled_from(["", "QBR", "Soporte urgente", "Demo", "Weekly sync", "#proactive x"])
emails = st.sampled_from(["", "ana@acme.example", "luis@acme.example", "buyer@customer.example"])


@st.composite
def entries(draw: st.DrawFn) -> Activity:
    return activity(
        draw(texts),
        source_id=str(draw(st.integers(0, 10**6))),
        tags=tuple(draw(st.lists(st.sampled_from(["Proactive", "Soporte", "x"]), max_size=2))),
        kind=draw(st.sampled_from(["", "call", "meeting", "task"])),
        crm_type=draw(st.sampled_from(["", "Phone Call", "Case", "Demo"])),
        direction=draw(st.sampled_from(["", "inbound", "outbound"])),
        organizer=draw(emails),
        attendees=tuple(draw(st.lists(emails.filter(bool), max_size=2))),
        account=draw(st.sampled_from(["", "  ", "Acme Corp"])),
    )


@settings(max_examples=200)
@given(st.lists(entries(), max_size=40), st.integers(1, 5))
def test_memoized_decisions_equal_classify(items: list[Activity], limit: int) -> None:
    decide = memoized_classifier(RULES, CONTEXT, limit=limit)
    for item in items + items[::-1]:
        assert decide(item) == classify(item, RULES, CONTEXT)


def test_same_subject_with_and_without_account_is_decided_apart() -> None:
    decide = memoized_classifier(RULES, CONTEXT)
    with_account = decide(activity("QBR", account="Acme Corp"))
    without = decide(activity("QBR", account=" "))
    assert (with_account.category, with_account.rule) == (Category.PROACTIVE, "QBR")
    assert without.rule != "QBR"


def test_each_decision_keeps_its_own_entry() -> None:
    decide = memoized_classifier(default_rules(), CONTEXT)
    first, second = activity("Demo", source_id="1"), activity("Demo", source_id="2")
    assert decide(first).activity is first
    assert decide(second).activity is second
