"""Which entries are not working time at all, and why (DOMAIN §1)."""

from __future__ import annotations

import re

from pillars.domain.records import Activity

OUT_OF_OFFICE_WORDS = (
    "out of office",
    "ooo",
    "vacation",
    "holiday",
    "annual leave",
    "pto",
    "sick leave",
    "fuera de la oficina",
    "vacaciones",
    "festivo",
    "ausencia",
    "baja",
)


def exclusion_reason(activity: Activity, *, count_tentative: bool = True) -> str | None:
    """Why this entry is not working time, or None when it counts."""
    if activity.status == "cancelled":
        return "STATUS:CANCELLED"
    if activity.partstat == "DECLINED":
        return "owner PARTSTAT=DECLINED"
    if not count_tentative and activity.partstat in {"TENTATIVE", "NEEDS-ACTION"}:
        return f"owner PARTSTAT={activity.partstat}"
    if activity.transparent or activity.busy_status == "FREE":
        return "free/transparent"
    if activity.all_day and not is_out_of_office(activity):
        return "all-day event carries no hours"
    return None


OUT_OF_OFFICE_REASON = "out of office: lowers the week's available hours"

# Whole words only ("pto" is not in "concepto"), and not after a negation: holiday calendars
# write "Carnival [Not a public holiday]".
_ABSENCE = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(w) for w in OUT_OF_OFFICE_WORDS) + r")(?![\w])"
)
_NEGATED = re.compile(r"(?:\bnot|\bno|\bkein|\bnicht)\s+(?:\w+\s+){0,2}$")


def is_out_of_office(activity: Activity) -> bool:
    """An all-day absence: it lowers the week's available hours instead of adding any."""
    if not activity.all_day:
        return False
    if activity.busy_status == "OOF":
        return True
    text = activity.summary.casefold()
    for found in _ABSENCE.finditer(text):
        if not _NEGATED.search(text[: found.start()]):
            return True
    return any(tag.casefold() in OUT_OF_OFFICE_WORDS for tag in activity.tags)
