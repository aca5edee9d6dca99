"""The rules preview: how many entries a change moves, from which category to which."""

from __future__ import annotations

from pillars.domain.classify import Rule, rules_with_defaults
from pillars.domain.reclassify import Move, preview_change
from pillars.domain.records import Category

from .builders import CONTEXT, activity

ENTRIES = [
    (activity("QBR with Globex", source_id="1"), CONTEXT),
    (activity("QBR prep", source_id="2"), CONTEXT),
    (activity("Team sync", source_id="3"), CONTEXT),
    (activity("Support call", source_id="4"), CONTEXT),
]


def test_a_new_rule_moves_the_entries_it_catches() -> None:
    qbr = Rule("QBRs are planned", Category.PROACTIVE, keywords_any=("QBR",))
    preview = preview_change(ENTRIES, rules_with_defaults(), rules_with_defaults([qbr]))
    assert preview.moves == (Move(Category.INTERNAL, Category.PROACTIVE, 2),)
    assert (preview.moved, preview.examined) == (2, 4)


def test_an_unchanged_rule_list_moves_nothing() -> None:
    preview = preview_change(ENTRIES, rules_with_defaults(), rules_with_defaults())
    assert (preview.moves, preview.moved, preview.renamed) == ((), 0, 0)


def test_a_rule_giving_the_same_category_only_renames() -> None:
    sync = Rule("syncs are internal", Category.INTERNAL, keywords_any=("sync",))
    preview = preview_change(ENTRIES, rules_with_defaults(), rules_with_defaults([sync]))
    assert (preview.moved, preview.renamed) == (0, 1)


def test_moves_are_counted_per_pair_largest_first() -> None:
    everything = Rule("all reactive", Category.REACTIVE, account=False)
    preview = preview_change(ENTRIES, rules_with_defaults(), rules_with_defaults([everything]))
    assert preview.moves == (Move(Category.INTERNAL, Category.REACTIVE, 3),)
