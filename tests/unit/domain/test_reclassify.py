"""The rules preview: how many entries a change moves, from which category to which."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from pillars.domain.classify import ClassifyContext, Rule, classify, rules_with_defaults
from pillars.domain.reclassify import Move, preview_change
from pillars.domain.records import Activity, Category

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


POOL = [
    Rule("qbr", Category.PROACTIVE, keywords_any=("QBR",)),
    Rule("sync", Category.INTERNAL, keywords_any=("sync",)),
    Rule("support", Category.REACTIVE, keywords_any=("support",)),
    Rule("calls", Category.PROACTIVE, kinds_any=("call",)),
    Rule("no account", Category.REACTIVE, account=False),
]
SUMMARIES = ["QBR with Globex", "Team sync", "Support call", "Demo", "QBR support", ""]


def naive(
    entries: list[tuple[Activity, ClassifyContext]],
    before: tuple[Rule, ...],
    after: tuple[Rule, ...],
) -> Counter[tuple[Category, Category]]:
    moves: Counter[tuple[Category, Category]] = Counter()
    for entry, context in entries:
        old, new = classify(entry, before, context), classify(entry, after, context)
        if old.category != new.category:
            moves[(old.category, new.category)] += 1
    return moves


@settings(max_examples=200, deadline=None)
@given(
    before=st.lists(st.sampled_from(POOL), max_size=4),
    after=st.lists(st.sampled_from(POOL), max_size=4),
    picks=st.lists(
        st.tuples(st.sampled_from(SUMMARIES), st.sampled_from(["call", "meeting"]), st.booleans()),
        max_size=12,
    ),
)
def test_preview_counts_what_classifying_twice_would(
    before: list[Rule], after: list[Rule], picks: list[tuple[str, str, bool]]
) -> None:
    entries = [
        (activity(s, source_id=str(i), kind=k, account="ACME" if a else ""), CONTEXT)
        for i, (s, k, a) in enumerate(picks)
    ]
    old, new = rules_with_defaults(before), rules_with_defaults(after)
    preview = preview_change(entries, old, new)
    assert {(m.before, m.after): m.count for m in preview.moves} == naive(entries, old, new)
    assert preview.examined == len(entries)
