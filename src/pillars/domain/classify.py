"""Which category each logged entry falls in, and the rule that put it there (DOMAIN §1).

Rules are tried in order and the first one whose conditions all hold decides. A user's rules
come before the shipped defaults (`default_rules.toml`, English and Spanish words), so any
default can be overridden. The rule's name is kept with the entry: users see it as "why".
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from pillars.domain.records import Activity, Category, Classified
from pillars.errors import ConfigError

DEFAULT_RULE_NAME = "default: internal"
DIRECTIONS = ("inbound", "outbound")
ORGANIZERS = ("self", "external", "internal")
RULE_CATEGORIES = (Category.PROACTIVE, Category.REACTIVE, Category.INTERNAL)
LIST_KEYS = ("tags_any", "keywords_any", "kinds_any", "crm_types_any")
BOOL_KEYS = ("external_attendees", "account")
RULE_KEYS = ("name", "category", *LIST_KEYS, "direction", "organizer", *BOOL_KEYS)

_Fail = Callable[[str, str], ConfigError]


@dataclass(frozen=True)
class Rule:
    """A named condition set and the category it gives.

    Every condition given must hold (AND); a list holds when any of its values matches (OR).
    A rule without conditions matches everything.
    """

    name: str
    category: Category
    tags_any: tuple[str, ...] = ()
    keywords_any: tuple[str, ...] = ()
    kinds_any: tuple[str, ...] = ()
    crm_types_any: tuple[str, ...] = ()
    direction: str | None = None
    organizer: str | None = None
    external_attendees: bool | None = None
    account: bool | None = None

    def __post_init__(self) -> None:
        if self.direction is not None and self.direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {DIRECTIONS}, got {self.direction!r}")
        if self.organizer is not None and self.organizer not in ORGANIZERS:
            raise ValueError(f"organizer must be one of {ORGANIZERS}, got {self.organizer!r}")


@dataclass(frozen=True)
class ClassifyContext:
    """Who the entries belong to. The owner's own e-mail domain is always internal.

    `owner_aliases` are other e-mails or names the owner appears under as organiser.
    """

    owner_email: str
    internal_domains: frozenset[str] = frozenset()
    owner_aliases: frozenset[str] = frozenset()

    def domains(self) -> frozenset[str]:
        own = self.owner_email.rpartition("@")[2].strip().lower()
        extra = {d.strip().lower().lstrip("@") for d in self.internal_domains}
        return frozenset(d for d in {own, *extra} if d)

    def is_internal(self, email: str) -> bool:
        """An e-mail at one of the internal domains or a subdomain of one."""
        domain = email.rpartition("@")[2].strip().lower()
        return any(domain == d or domain.endswith("." + d) for d in self.domains())

    def is_owner(self, who: str) -> bool:
        key = fold(who)
        return key == fold(self.owner_email) or key in {fold(a) for a in self.owner_aliases}


# ---------------------------------------------------------------- matching


# Rule values and repeated subjects (recurring meetings) are folded again for every entry;
# caching the pure function makes a re-classification of a whole organisation several times
# faster.
@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, accents removed, whitespace collapsed: 'Reclamación ' -> 'reclamacion'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


@lru_cache(maxsize=4096)
def _compact(text: str) -> str:
    """CRM type values compare without spaces and punctuation: 'Phone Call' == 'phonecall'."""
    return re.sub(r"[\W_]+", "", fold(text))


_HASHTAG = re.compile(r"(?<![\w#])#(\w[\w-]*)")


def summary_hashtags(summary: str) -> tuple[str, ...]:
    """Hashtags written in a summary ('#proactive call' -> ('proactive',)), folded."""
    return tuple(_HASHTAG.findall(fold(summary)))


@lru_cache(maxsize=512)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted({fold(k) for k in keywords if fold(k)}, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def organizer_role(activity: Activity, context: ClassifyContext) -> str:
    """'self', 'internal', 'external', or '' when the organiser cannot be told.

    An entry without an organiser is the owner's own appointment. An organiser written as a
    name (not an e-mail) that is not one of the owner's aliases cannot be placed.
    """
    organizer = activity.organizer.strip()
    if not organizer or context.is_owner(organizer):
        return "self"
    if "@" not in organizer:
        return ""
    return "internal" if context.is_internal(organizer) else "external"


def has_external_attendee(activity: Activity, context: ClassifyContext) -> bool:
    """At least one attendee e-mail outside the internal domains (names alone do not count)."""
    return any(
        "@" in a and not context.is_internal(a) and not context.is_owner(a)
        for a in activity.attendees
    )


def rule_matches(rule: Rule, activity: Activity, context: ClassifyContext) -> bool:
    """Whether every condition of `rule` holds for `activity`."""
    if rule.tags_any:
        tags = {fold(t) for t in activity.tags} | set(summary_hashtags(activity.summary))
        if tags.isdisjoint(fold(t) for t in rule.tags_any):
            return False
    if rule.keywords_any and not _keyword_pattern(rule.keywords_any).search(fold(activity.summary)):
        return False
    if rule.kinds_any and fold(activity.kind) not in {fold(k) for k in rule.kinds_any}:
        return False
    if rule.crm_types_any and _compact(activity.crm_type) not in {
        _compact(t) for t in rule.crm_types_any
    }:
        return False
    if rule.direction is not None and fold(activity.direction) != rule.direction:
        return False
    if rule.organizer is not None and organizer_role(activity, context) != rule.organizer:
        return False
    if rule.external_attendees is not None and (
        has_external_attendee(activity, context) != rule.external_attendees
    ):
        return False
    return rule.account is None or bool(activity.account.strip()) == rule.account


def classify(activity: Activity, rules: Sequence[Rule], context: ClassifyContext) -> Classified:
    """The category of the first rule that matches; internal when none does."""
    for rule in rules:
        if rule_matches(rule, activity, context):
            return Classified(activity, rule.category, rule.name)
    return Classified(activity, Category.INTERNAL, DEFAULT_RULE_NAME)


def classify_all(
    activities: Iterable[Activity], rules: Sequence[Rule], context: ClassifyContext
) -> list[Classified]:
    """`classify` for each activity, in the order given."""
    decide = memoized_classifier(rules, context)
    return [decide(activity) for activity in activities]


def decision_key(activity: Activity) -> tuple[object, ...]:
    """Everything of an entry that any rule condition reads, and nothing else."""
    return (
        activity.tags,
        activity.summary,
        activity.kind,
        activity.crm_type,
        activity.direction,
        activity.organizer,
        activity.attendees,
        bool(activity.account.strip()),
    )


def memoized_classifier(
    rules: Sequence[Rule], context: ClassifyContext, limit: int = 100_000
) -> Callable[[Activity], Classified]:
    """`classify` bound to rules and context, remembering each decision by `decision_key`.

    Exports repeat the same subjects, types and attendees across thousands of rows, so a big
    import decides each distinct combination once. The memory is dropped when it holds
    `limit` decisions, which bounds it on files where every row differs.
    """
    rules = tuple(rules)
    decided: dict[tuple[object, ...], tuple[Category, str]] = {}

    def decide(activity: Activity) -> Classified:
        key = decision_key(activity)
        found = decided.get(key)
        if found is None:
            result = classify(activity, rules, context)
            if len(decided) >= limit:
                decided.clear()
            decided[key] = (result.category, result.rule)
            return result
        return Classified(activity, found[0], found[1])

    return decide


# ---------------------------------------------------------------- rule sets


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    """The shipped rules in DOMAIN §1 order, ending with the 'default: internal' catch-all."""
    text = resources.files("pillars.domain").joinpath("default_rules.toml").read_text("utf-8")
    return tuple(parse_rules_toml(text, source="default_rules.toml", catch_all_allowed=True))


def rules_with_defaults(user_rules: Iterable[Rule] = ()) -> tuple[Rule, ...]:
    """The user's rules first, so they override any default, then the defaults."""
    return (*user_rules, *default_rules())


def parse_rules_toml(
    text: str, source: str = "rules.toml", *, catch_all_allowed: bool = False
) -> list[Rule]:
    """User rules from `[[rule]]` tables; ConfigError names the file, rule, key and expectation.

    A rule without a condition would catch every entry: refused, as on the rules page, but
    for the shipped rules' last one (`catch_all_allowed`).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"rule"})
    if unknown:
        raise ConfigError(
            f"{source}: unknown top-level key {unknown[0]!r}: expected only [[rule]] tables"
        )
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{source}: 'rule' must be written as [[rule]] tables")
    rules = [rule_from_mapping(table, source=source, index=i) for i, table in enumerate(tables, 1)]
    for index, rule in enumerate(rules, 1):
        if not catch_all_allowed and not has_conditions(rule):
            raise ConfigError(
                f"{source}, rule {index} ({rule.name!r}): give at least one condition: a rule "
                "without one would catch every entry"
            )
    return rules


def has_conditions(rule: Rule) -> bool:
    """Whether the rule says anything about an entry (else it matches them all)."""
    lists = (rule.tags_any, rule.keywords_any, rule.kinds_any, rule.crm_types_any)
    flags = (rule.direction, rule.organizer, rule.external_attendees, rule.account)
    return any(lists) or any(flag is not None for flag in flags)


def rule_from_mapping(data: Mapping[str, Any], *, source: str, index: int) -> Rule:
    """One rule from a TOML table or a stored conditions dict (same keys)."""
    name = data.get("name")
    label = f"{source}, rule {index}" + (f" ({name!r})" if isinstance(name, str) else "")

    def fail(key: str, expected: str) -> ConfigError:
        got = f", got {data[key]!r}" if key in data else ""
        return ConfigError(f"{label}: key '{key}': expected {expected}{got}")

    unknown = sorted(set(data) - set(RULE_KEYS))
    if unknown:
        raise ConfigError(
            f"{label}: unknown key '{unknown[0]}': expected one of {', '.join(RULE_KEYS)}"
        )
    if not isinstance(name, str) or not name.strip():
        raise fail("name", "a non-empty text")
    category = data.get("category")
    if category not in {c.value for c in RULE_CATEGORIES}:
        raise fail("category", "one of " + ", ".join(c.value for c in RULE_CATEGORIES))
    return Rule(
        name=name.strip(),
        category=Category(category),
        tags_any=_text_list(data, "tags_any", fail),
        keywords_any=_text_list(data, "keywords_any", fail),
        kinds_any=_text_list(data, "kinds_any", fail),
        crm_types_any=_text_list(data, "crm_types_any", fail),
        direction=_choice(data, "direction", DIRECTIONS, fail),
        organizer=_choice(data, "organizer", ORGANIZERS, fail),
        external_attendees=_flag(data, "external_attendees", fail),
        account=_flag(data, "account", fail),
    )


def rule_to_mapping(rule: Rule) -> dict[str, Any]:
    """The rule as a TOML table / stored conditions dict: only the conditions it sets."""
    data: dict[str, Any] = {"name": rule.name, "category": rule.category.value}
    for key in RULE_KEYS[2:]:
        value = getattr(rule, key)
        if value not in ((), None):
            data[key] = list(value) if isinstance(value, tuple) else value
    return data


def _text_list(data: Mapping[str, Any], key: str, fail: _Fail) -> tuple[str, ...]:
    if key not in data:
        return ()
    value = data[key]
    if isinstance(value, str):
        value = [value]
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise fail(key, 'a non-empty list of texts, e.g. ["demo", "proposal"]')
    return tuple(v.strip() for v in value)


def _choice(data: Mapping[str, Any], key: str, allowed: tuple[str, ...], fail: _Fail) -> str | None:
    if key not in data:
        return None
    value = data[key]
    if not isinstance(value, str) or value.strip().lower() not in allowed:
        raise fail(key, "one of " + ", ".join(repr(a) for a in allowed))
    return value.strip().lower()


def _flag(data: Mapping[str, Any], key: str, fail: _Fail) -> bool | None:
    if key not in data:
        return None
    if not isinstance(data[key], bool):
        raise fail(key, "true or false")
    return bool(data[key])
