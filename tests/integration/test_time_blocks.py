"""Time blocks: next week's proposal on the person page and as an .ics that imports back."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client

from pillars.importers.base import ReadOptions
from pillars.teams.models import Person
from pillars.timeuse.actions import import_activities
from pillars.timeuse.models import Activity, Target
from pillars.timeuse.queries_plans import block_plan
from tests.factories import ActivityFactory
from tests.integration.conftest import Cast

ROLES = ["director", "manager", "other_manager", "rep", "teammate", "outside_director", None]
WEEK = "2026-W48"  # Monday 23 to Sunday 29 November 2026; Madrid is UTC+1


def as_(client: Client, who: Person | None) -> Client:
    if who is not None:
        client.force_login(who.user)
    return client


def utc(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


@pytest.fixture
def planned(cast: Cast) -> Person:
    """The rep: 10 h a week target, a proactive hour and a long internal meeting planned."""
    rep = cast.rep
    Target.objects.create(person=rep, hours_per_week=Decimal("10"))
    ActivityFactory(person=rep, start=utc(23, 8), end=utc(23, 9), category="proactive")
    ActivityFactory(person=rep, start=utc(24, 8), end=utc(24, 12), category="internal")
    return rep


@pytest.mark.parametrize(
    ("who", "status"), list(zip(ROLES, [200, 200, 404, 200, 404, 404, 302], strict=True))
)
def test_who_may_see_and_download_the_reps_blocks(
    client: Client, cast: Cast, who: str | None, status: int
) -> None:
    as_(client, getattr(cast, who) if who else None)
    assert client.get(f"/people/{cast.rep.pk}/blocks/").status_code == status
    assert client.get(f"/people/{cast.rep.pk}/blocks.ics").status_code == status


def test_the_proposal_fills_the_target_less_what_is_planned(planned: Person) -> None:
    plan = block_plan(planned, datetime(2026, 11, 23).date())
    assert (plan.target_hours, plan.planned_hours, plan.hours_needed) == (10.0, 1.0, 9.0)
    assert plan.proposed_hours == 9.0
    starts = [(b.start.strftime("%a %H:%M"), b.end.strftime("%H:%M")) for b in plan.blocks]
    assert starts[0] == ("Mon 10:00", "12:00")  # after the planned 09:00-10:00 hour
    assert ("Tue 13:00", "14:00") not in starts and starts[1][0] != "Tue 09:00"


def test_the_page_lists_the_blocks_and_links_the_download(client: Client, planned: Person) -> None:
    html = as_(client, planned).get(f"/people/{planned.pk}/blocks/?week={WEEK}").content.decode()
    assert "Proactive time blocks · 2026-W48" in html
    assert "Still to place: 9.0 h" in html
    assert f"/people/{planned.pk}/blocks.ics?week={WEEK}" in html
    assert "Monday 23 Nov" in html and "10:00" in html


def test_the_download_is_an_ics_with_the_blocks(client: Client, planned: Person) -> None:
    response = as_(client, planned).get(f"/people/{planned.pk}/blocks.ics?week={WEEK}")
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="proactive-blocks-2026-W48.ics"' in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == len(block_plan(planned, datetime(2026, 11, 23).date()).blocks)
    assert [z["TZID"] for z in calendar.walk("VTIMEZONE")] == ["Europe/Madrid"]
    assert {str(e["SUMMARY"]) for e in events} == {"Proactive block"}


def test_imported_blocks_count_as_planned_next_time(
    client: Client, planned: Person, tmp_path: Path
) -> None:
    data = as_(client, planned).get(f"/people/{planned.pk}/blocks.ics?week={WEEK}").content
    path = tmp_path / "blocks.ics"
    path.write_bytes(data)
    window = (utc(23, 0), utc(30, 0))
    run = import_activities(
        person=planned, path=path, options=ReadOptions(window, ZoneInfo(planned.timezone))
    )
    assert run.created == 5
    assert set(
        Activity.objects.filter(source="ics", import_run=run).values_list("category", flat=True)
    ) == {"proactive"}
    again = block_plan(planned, datetime(2026, 11, 23).date())
    assert (again.planned_hours, again.blocks) == (10.0, ())
    # Importing the same file again changes nothing: UIDs are stable.
    assert (
        import_activities(
            person=planned, path=path, options=ReadOptions(window, ZoneInfo(planned.timezone))
        ).created
        == 0
    )


def test_without_a_target_nothing_is_proposed(client: Client, cast: Cast) -> None:
    cast.rep.proactive_target = Decimal("0")
    cast.rep.save()
    html = as_(client, cast.rep).get(f"/people/{cast.rep.pk}/blocks/?week={WEEK}").content
    assert b"No proactive target is set" in html


def test_person_page_links_blocks_checkup_and_downloads(client: Client, cast: Cast) -> None:
    html = as_(client, cast.rep).get(f"/people/{cast.rep.pk}/").content.decode()
    for url in ("blocks/", "checkup/", "note/", "report.csv", "report.xlsx", "entries.csv"):
        assert f"/people/{cast.rep.pk}/{url}" in html
    manager = as_(Client(), cast.manager).get(f"/people/{cast.rep.pk}/").content.decode()
    assert f"/people/{cast.rep.pk}/note/" not in manager


def test_a_target_above_what_blocks_may_hold_says_the_true_limit(
    client: Client, cast: Cast
) -> None:
    Target.objects.create(person=cast.rep, hours_per_week=Decimal("24"))  # an empty week
    html = as_(client, cast.rep).get(f"/people/{cast.rep.pk}/blocks/?week={WEEK}").content.decode()
    assert "Still to place: 24.0 h" in html
    assert (
        "Proposed 20.0 h: at most one block (1–2 h) per morning and afternoon: 20.0 h this week."
        in html
    )
    assert "the free time of the week holds no more" not in html


def test_a_proposal_that_reaches_the_target_gives_no_reason(
    client: Client, planned: Person
) -> None:
    html = as_(client, planned).get(f"/people/{planned.pk}/blocks/?week={WEEK}").content.decode()
    assert "Proposed 9.0 h." in html


def test_a_day_off_is_left_out_of_the_reason_too(client: Client, cast: Cast) -> None:
    """A vacation day is no block's place: the limit is four days' mornings and afternoons,
    and the day is not counted as one with too little free time."""
    Target.objects.create(person=cast.rep, hours_per_week=Decimal("40"))
    ActivityFactory(
        person=cast.rep,
        summary="Vacation",
        all_day=True,
        start=datetime(2026, 11, 24, tzinfo=ZoneInfo("Europe/Madrid")),
        end=datetime(2026, 11, 25, tzinfo=ZoneInfo("Europe/Madrid")),
        busy_status="OOF",
    )
    plan = block_plan(cast.rep, datetime(2026, 11, 23).date())
    assert plan.days_off == frozenset({datetime(2026, 11, 24).date()})
    html = as_(client, cast.rep).get(f"/people/{cast.rep.pk}/blocks/?week={WEEK}").content.decode()
    assert "16.0 h this week." in html
    assert "no free hour" not in html
