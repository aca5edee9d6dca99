"""Every shipped rule fires, in English and Spanish, in DOMAIN §1 order."""

from __future__ import annotations

import pytest

from pillars.domain.classify import classify, default_rules
from pillars.domain.records import Activity, Category

from .builders import CONTEXT, activity

CUSTOMER = "buyer@customer.example"
COLLEAGUE = "luis@acme.example"

CASES: list[tuple[str, Activity, Category, str]] = [
    (
        "tag Proactive",
        activity("Weekly slot", tags=("Proactive",)),
        Category.PROACTIVE,
        "tag names proactive",
    ),
    ("tag Plan", activity("Slot", tags=("Plan",)), Category.PROACTIVE, "tag names proactive"),
    (
        "tag Proactivo",
        activity("Hueco", tags=("Proactivo",)),
        Category.PROACTIVE,
        "tag names proactive",
    ),
    (
        "hashtag #proactive",
        activity("Call list #proactive"),
        Category.PROACTIVE,
        "tag names proactive",
    ),
    (
        "hashtag #proactivo",
        activity("Llamadas #Proactivo"),
        Category.PROACTIVE,
        "tag names proactive",
    ),
    ("tag Reactive", activity("Slot", tags=("Reactive",)), Category.REACTIVE, "tag names reactive"),
    ("tag Support", activity("Slot", tags=("support",)), Category.REACTIVE, "tag names reactive"),
    ("tag Soporte", activity("Hueco", tags=("Soporte",)), Category.REACTIVE, "tag names reactive"),
    (
        "tag Reactivo",
        activity("Hueco", tags=("REACTIVO",)),
        Category.REACTIVE,
        "tag names reactive",
    ),
    (
        "tag Internal",
        activity("Demo prep", tags=("Internal",)),
        Category.INTERNAL,
        "tag names internal",
    ),
    ("tag Interno", activity("Demo", tags=("Interno",)), Category.INTERNAL, "tag names internal"),
    (
        "CRM case",
        activity("Line down", crm_type="Case", account="ACME"),
        Category.REACTIVE,
        "CRM support or case activity",
    ),
    (
        "CRM soporte",
        activity("Línea", crm_type="Soporte", account="ACME"),
        Category.REACTIVE,
        "CRM support or case activity",
    ),
    (
        "inbound call",
        activity("Call", kind="call", direction="inbound", account="ACME"),
        Category.REACTIVE,
        "inbound call",
    ),
    (
        "inbound e-mail",
        activity("Re: order", kind="email", direction="Inbound", account="ACME"),
        Category.REACTIVE,
        "inbound e-mail",
    ),
    (
        "word support",
        activity("Support call ACME"),
        Category.REACTIVE,
        "reactive word in the subject",
    ),
    (
        "word complaint",
        activity("ACME complaint follow-up"),
        Category.REACTIVE,
        "reactive word in the subject",
    ),
    (
        "word escalation",
        activity("Escalation Initech"),
        Category.REACTIVE,
        "reactive word in the subject",
    ),
    (
        "word urgent",
        activity("URGENT: delivery"),
        Category.REACTIVE,
        "reactive word in the subject",
    ),
    (
        "word requests",
        activity("Customer requests review"),
        Category.REACTIVE,
        "reactive word in the subject",
    ),
    (
        "palabra reclamación",
        activity("Reclamación pedido 42"),
        Category.REACTIVE,
        "reactive word in the subject",
    ),
    (
        "palabra sin tilde",
        activity("reclamacion pedido 42"),
        Category.REACTIVE,
        "reactive word in the subject",
    ),
    (
        "palabra incidencia",
        activity("Incidencia en planta"),
        Category.REACTIVE,
        "reactive word in the subject",
    ),
    (
        "palabra urgente",
        activity("Llamada urgente"),
        Category.REACTIVE,
        "reactive word in the subject",
    ),
    (
        "palabra petición",
        activity("Petición de oferta"),
        Category.REACTIVE,
        "reactive word in the subject",
    ),
    (
        "external organiser",
        activity("Quarterly review", organizer=CUSTOMER, attendees=(CONTEXT.owner_email,)),
        Category.REACTIVE,
        "meeting organised outside the company",
    ),
    (
        "outbound call",
        activity("Call", kind="call", direction="outbound"),
        Category.PROACTIVE,
        "outbound call",
    ),
    (
        "CRM Demo type",
        activity("ACME", crm_type="Demo", kind="meeting"),
        Category.PROACTIVE,
        "CRM demo, proposal or prospecting activity",
    ),
    (
        "CRM propuesta",
        activity("ACME", crm_type="Propuesta"),
        Category.PROACTIVE,
        "CRM demo, proposal or prospecting activity",
    ),
    (
        "demo subject",
        activity("Demo ACME Industrial"),
        Category.PROACTIVE,
        "demo, proposal or prospecting in the subject",
    ),
    (
        "propuesta subject",
        activity("Presentar propuesta a Globex"),
        Category.PROACTIVE,
        "demo, proposal or prospecting in the subject",
    ),
    (
        "prospecting call without direction (Pipedrive)",
        activity("Prospecting calls Valencia region", kind="call", crm_type="Call"),
        Category.PROACTIVE,
        "demo, proposal or prospecting in the subject",
    ),
    (
        "a quote sent",
        activity("Send quote Talleres Ebro", kind="task"),
        Category.PROACTIVE,
        "demo, proposal or prospecting in the subject",
    ),
    (
        "llamadas en frío",
        activity("Llamadas en frío zona norte", kind="call"),
        Category.PROACTIVE,
        "demo, proposal or prospecting in the subject",
    ),
    (
        "I organised with a customer",
        activity("Line upgrade", organizer=CONTEXT.owner_email, attendees=(CUSTOMER,)),
        Category.PROACTIVE,
        "meeting I organised with an external attendee",
    ),
    (
        "no organiser means my own",
        activity("Line upgrade", attendees=(CUSTOMER, COLLEAGUE)),
        Category.PROACTIVE,
        "meeting I organised with an external attendee",
    ),
    (
        "colleague with a customer",
        activity("Line upgrade", organizer=COLLEAGUE, attendees=(CUSTOMER,)),
        Category.PROACTIVE,
        "customer meeting organised by a colleague",
    ),
    (
        "CRM call with account",
        activity("Follow-up", kind="call", account="ACME"),
        Category.PROACTIVE,
        "CRM customer activity with an account",
    ),
    (
        "CRM meeting with account",
        activity("Visit", kind="meeting", account="ACME"),
        Category.PROACTIVE,
        "CRM customer activity with an account",
    ),
    (
        "CRM task with account",
        activity("Send pricing", kind="task", account="ACME"),
        Category.PROACTIVE,
        "CRM customer activity with an account",
    ),
    (
        "CRM e-mail with account",
        activity("Pricing", kind="email", account="ACME"),
        Category.PROACTIVE,
        "CRM customer activity with an account",
    ),
    (
        "team meeting",
        activity("Team weekly", organizer=COLLEAGUE, attendees=(CONTEXT.owner_email,)),
        Category.INTERNAL,
        "default: internal",
    ),
    (
        "group domain is internal",
        activity("Sync", organizer="p@acme-group.example", attendees=("q@eu.acme-group.example",)),
        Category.INTERNAL,
        "default: internal",
    ),
    ("formación", activity("Formación producto"), Category.INTERNAL, "default: internal"),
]


@pytest.mark.parametrize(
    ("activity_", "category", "rule"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_default_rule_fires(activity_: Activity, category: Category, rule: str) -> None:
    result = classify(activity_, default_rules(), CONTEXT)
    assert (result.category, result.rule) == (category, rule)


def test_every_default_rule_has_a_case() -> None:
    assert {rule.name for rule in default_rules()} == {case[3] for case in CASES}


def test_defaults_end_with_the_internal_catch_all() -> None:
    last = default_rules()[-1]
    assert (last.name, last.category) == ("default: internal", Category.INTERNAL)


def test_reactive_word_beats_organising_a_customer_meeting() -> None:
    meeting = activity("Support session", organizer=CONTEXT.owner_email, attendees=("x@c.example",))
    assert classify(meeting, default_rules(), CONTEXT).category == Category.REACTIVE


def test_keywords_match_whole_words_only() -> None:
    # "issue" must not fire inside "tissue"; "demo" not inside "democracy".
    result = classify(activity("Tissue paper democracy talk"), default_rules(), CONTEXT)
    assert result.category == Category.INTERNAL


def test_inbound_call_beats_the_account_rule() -> None:
    call = activity("Call", kind="call", direction="inbound", account="ACME")
    assert classify(call, default_rules(), CONTEXT).rule == "inbound call"


def test_crm_type_compares_without_spaces_or_case() -> None:
    task = activity("x", crm_type="Service Request")
    assert classify(task, default_rules(), CONTEXT).rule == "CRM support or case activity"


def test_organiser_written_as_an_unknown_name_decides_nothing() -> None:
    meeting = activity("Line upgrade", organizer="Ana Other", attendees=("x@c.example",))
    assert classify(meeting, default_rules(), CONTEXT).category == Category.INTERNAL
