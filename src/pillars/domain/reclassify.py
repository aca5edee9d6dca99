"""What a change to the rules would do to entries already classified (the rules preview).

Each entry is classified with the rule list before the change and with the list after it;
the preview counts the entries whose category would move, by (from, to). Entries a person
overrode by hand keep their category whatever the rules say, so the caller leaves them out
(and can show how many were left out).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pillars.domain.classify import ClassifyContext, Rule, classify, rule_matches
from pillars.domain.records import Activity, Category, Classified


@dataclass(frozen=True)
class Move:
    """How many entries a change moves from one category to another."""

    before: Category
    after: Category
    count: int


@dataclass(frozen=True)
class Preview:
    """The moves of a change, the entries looked at and the rule names that would change."""

    moves: tuple[Move, ...]
    examined: int
    renamed: int  # entries keeping their category but credited to another rule

    @property
    def moved(self) -> int:
        return sum(move.count for move in self.moves)


def preview_change(
    entries: Iterable[tuple[Activity, ClassifyContext]],
    before: Sequence[Rule],
    after: Sequence[Rule],
) -> Preview:
    """Classify every entry with both rule lists and count the category moves.

    The rules both lists share at their start and at their end (the shipped defaults) are
    tried once per entry, not twice: a preview of a whole organisation stays quick.
    """
    head = _common_prefix(before, after)
    tail = _common_prefix(before[head:][::-1], after[head:][::-1])
    shared_head, shared_tail = before[:head], before[len(before) - tail :]
    only_before, only_after = before[head : len(before) - tail], after[head : len(after) - tail]
    moves: Counter[tuple[Category, Category]] = Counter()
    examined = renamed = 0
    for activity, context in entries:
        examined += 1
        if _first_match(activity, shared_head, context) is not None:
            continue
        old = _first_match(activity, only_before, context)
        new = _first_match(activity, only_after, context)
        if old is None or new is None:
            rest = classify(activity, shared_tail, context)
            old, new = old or rest, new or rest
        if old.category != new.category:
            moves[(old.category, new.category)] += 1
        elif old.rule != new.rule:
            renamed += 1
    ordered = sorted(moves.items(), key=lambda item: (-item[1], item[0][0], item[0][1]))
    return Preview(
        tuple(Move(before, after, count) for (before, after), count in ordered),
        examined,
        renamed,
    )


def _first_match(
    activity: Activity, rules: Sequence[Rule], context: ClassifyContext
) -> Classified | None:
    for rule in rules:
        if rule_matches(rule, activity, context):
            return Classified(activity, rule.category, rule.name)
    return None


def _common_prefix(a: Sequence[Rule], b: Sequence[Rule]) -> int:
    count = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        count += 1
    return count
