"""Which entries are not working time at all, and why (DOMAIN §1)."""

from __future__ import annotations

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


def is_out_of_office(activity: Activity) -> bool:
    """An all-day absence: it lowers the week's available hours instead of adding any."""
    if not activity.all_day:
        return False
    if activity.busy_status == "OOF":
        return True
    text = f" {activity.summary.lower()} "
    return any(word in text for word in OUT_OF_OFFICE_WORDS) or any(
        tag.lower() in OUT_OF_OFFICE_WORDS for tag in activity.tags
    )
