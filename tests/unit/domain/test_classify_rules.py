"""User rules: parsed from TOML, placed before the defaults, errors a user can act on."""

from __future__ import annotations

import pytest

from pillars.domain.classify import (
    Rule,
    classify,
    classify_all,
    default_rules,
    parse_rules_toml,
    rule_from_mapping,
    rule_to_mapping,
    rules_with_defaults,
)
from pillars.domain.records import Category
from pillars.errors import ConfigError

from .builders import CONTEXT, activity

USER_RULES = """
[[rule]]
name = "Key accounts are plan work"
category = "proactive"
keywords_any = ["support"]
account = true

[[rule]]
name = "Trade-show booth"
category = "proactive"
tags_any = ["Messe", "Feria"]
"""


def test_user_rule_overrides_a_default() -> None:
    rules = rules_with_defaults(parse_rules_toml(USER_RULES))
    result = classify(activity("Support visit", account="ACME"), rules, CONTEXT)
    assert (result.category, result.rule) == (Category.PROACTIVE, "Key accounts are plan work")


def test_defaults_still_apply_when_no_user_rule_matches() -> None:
    rules = rules_with_defaults(parse_rules_toml(USER_RULES))
    assert classify(activity("Support visit"), rules, CONTEXT).category == Category.REACTIVE


def test_toml_rule_reads_every_condition_key() -> None:
    text = """
[[rule]]
name = "All keys"
category = "reactive"
tags_any = ["a"]
keywords_any = "b"
kinds_any = ["call"]
crm_types_any = ["Phone Call"]
direction = "Inbound"
organizer = "external"
external_attendees = true
account = false
"""
    assert parse_rules_toml(text) == [
        Rule(
            name="All keys",
            category=Category.REACTIVE,
            tags_any=("a",),
            keywords_any=("b",),
            kinds_any=("call",),
            crm_types_any=("Phone Call",),
            direction="inbound",
            organizer="external",
            external_attendees=True,
            account=False,
        )
    ]


def test_all_conditions_must_hold() -> None:
    rule = Rule("Calls with ACME", Category.PROACTIVE, kinds_any=("call",), account=True)
    assert classify(activity("x", kind="call"), [rule], CONTEXT).rule == "default: internal"


def test_empty_rules_file_gives_no_rules() -> None:
    assert parse_rules_toml("") == []


def test_classify_all_keeps_the_order() -> None:
    items = [activity("Support"), activity("Demo")]
    categories = [c.category for c in classify_all(items, rules_with_defaults(), CONTEXT)]
    assert categories == [Category.REACTIVE, Category.PROACTIVE]


def test_stored_conditions_dict_reads_like_a_toml_table() -> None:
    rule = rule_from_mapping(
        {"name": "Fairs", "category": "proactive", "tags_any": ["Feria"]}, source="db", index=3
    )
    assert rule.tags_any == ("Feria",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[rule]\nname=", "my-rules.toml: not valid TOML"),
        ("[[rule]]\ncategory = 'proactive'", "rule 1: key 'name': expected a non-empty text"),
        (
            "[[rule]]\nname = 'Fairs'\ncategory = 'sales'",
            "rule 1 ('Fairs'): key 'category': expected one of proactive, reactive, internal, got 'sales'",
        ),
        (
            "[[rule]]\nname = 'A'\ncategory = 'internal'\n[[rule]]\nname = 'B'\ncategory = 'internal'\ntags = ['x']",
            "rule 2 ('B'): unknown key 'tags'",
        ),
        (
            "[[rule]]\nname = 'A'\ncategory = 'internal'\ndirection = 'sideways'",
            "key 'direction': expected one of 'inbound', 'outbound', got 'sideways'",
        ),
        (
            "[[rule]]\nname = 'A'\ncategory = 'internal'\naccount = 'yes'",
            "key 'account': expected true or false, got 'yes'",
        ),
        (
            "[[rule]]\nname = 'A'\ncategory = 'internal'\nkeywords_any = [1]",
            "key 'keywords_any': expected a non-empty list of texts",
        ),
        ("[rules]\nname = 'A'", "unknown top-level key 'rules'"),
        ("rule = 3", "'rule' must be written as [[rule]] tables"),
    ],
    ids=[
        "syntax",
        "no name",
        "bad category",
        "unknown key",
        "bad direction",
        "bad bool",
        "bad list",
        "top key",
        "not tables",
    ],
)
def test_invalid_rules_file_names_file_rule_and_key(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_rules_toml(text, source="my-rules.toml")
    assert message in str(error.value)
    assert str(error.value).startswith("my-rules.toml")


def test_unlogged_is_not_a_rule_category() -> None:
    with pytest.raises(ConfigError, match="category"):
        parse_rules_toml("[[rule]]\nname = 'A'\ncategory = 'unlogged'")


def test_every_default_rule_survives_a_round_trip_through_a_mapping() -> None:
    for index, rule in enumerate(default_rules(), 1):
        assert rule_from_mapping(rule_to_mapping(rule), source="db", index=index) == rule


def test_a_user_rule_without_a_condition_is_refused() -> None:
    """Found by QA: the rules page refused it, a --rules file let it catch every entry."""
    with pytest.raises(ConfigError, match=r"rules.toml, rule 2 \('x'\): give at least one"):
        parse_rules_toml(
            '[[rule]]\nname = "ok"\ncategory = "reactive"\nkeywords_any = ["help"]\n'
            '[[rule]]\nname = "x"\ncategory = "proactive"\n'
        )
