"""The daily note (only the person writes it) and the month check-up (whoever sees them)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from pillars.teams.models import Person
from pillars.timeuse.models import DailyNote
from tests.factories import ActivityFactory
from tests.integration.conftest import Cast

ROLES = ["director", "manager", "other_manager", "rep", "teammate", "outside_director", None]
DAY = "2026-11-16"  # a Monday; Madrid is UTC+1


def as_(client: Client, who: Person | None) -> Client:
    if who is not None:
        client.force_login(who.user)
    return client


def utc(hour: int, minute: int = 0, day: int = 16) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def note(decided: str = "yes", hours: str = "2.5", text: str = "", day: str = DAY) -> dict:
    return {"day": day, "decided_my_day": decided, "proactive_hours": hours, "text": text}


@pytest.mark.parametrize(
    ("who", "note_status", "checkup_status"),
    list(
        zip(
            ROLES,
            [404, 404, 404, 200, 404, 404, 302],
            [200, 200, 404, 200, 404, 404, 302],
            strict=True,
        )
    ),
)
def test_only_the_person_writes_their_note_their_managers_read_the_checkup(
    client: Client, cast: Cast, who: str | None, note_status: int, checkup_status: int
) -> None:
    viewer = getattr(cast, who) if who else None
    as_(client, viewer)
    assert client.get(f"/people/{cast.rep.pk}/note/").status_code == note_status
    posted = client.post(f"/people/{cast.rep.pk}/note/", note())
    assert posted.status_code == (302 if note_status == 200 else note_status)
    assert client.get(f"/people/{cast.rep.pk}/checkup/").status_code == checkup_status


def test_proactive_hours_are_prefilled_from_the_days_entries(client: Client, cast: Cast) -> None:
    rep = cast.rep
    ActivityFactory(person=rep, start=utc(8), end=utc(10), category="proactive")
    ActivityFactory(person=rep, start=utc(9), end=utc(11), category="proactive")  # overlap
    ActivityFactory(
        person=rep, start=utc(12), end=utc(13), category="internal", override_category="proactive"
    )
    ActivityFactory(
        person=rep, start=utc(14), end=utc(15), category="proactive", partstat="DECLINED"
    )
    ActivityFactory(person=rep, start=utc(9, day=17), end=utc(11, day=17), category="proactive")
    html = as_(client, rep).get(f"/people/{rep.pk}/note/?day={DAY}").content.decode()
    assert 'value="4.00"' in html  # 08-11 once, plus the overridden hour
    assert "4.0 h of proactive work" in html


def test_one_note_per_day_saving_again_updates_it(client: Client, cast: Cast) -> None:
    as_(client, cast.rep)
    url = f"/people/{cast.rep.pk}/note/"
    first = client.post(url, note("yes", "2.5", "three calls"))
    assert first.status_code == 302 and first["Location"].endswith("?month=2026-11")
    client.post(url, note("no", "1", "fire at Globex"))
    saved = DailyNote.objects.get(person=cast.rep)
    assert (saved.date, saved.decided_my_day, saved.proactive_hours, saved.text) == (
        date(2026, 11, 16),
        False,
        Decimal("1.00"),
        "fire at Globex",
    )
    html = client.get(f"{url}?day={DAY}").content.decode()
    assert 'value="fire at Globex"' in html
    assert re.search(r'value="no"[^>]*checked', html)


def test_a_note_for_a_day_not_started_is_refused(client: Client, cast: Cast) -> None:
    tomorrow = (timezone.now() + timedelta(days=2)).date().isoformat()
    response = as_(client, cast.rep).post(f"/people/{cast.rep.pk}/note/", note(day=tomorrow))
    assert response.status_code == 200 and "today or before" in response.content.decode()
    assert not DailyNote.objects.exists()


def test_bad_hours_are_refused(client: Client, cast: Cast) -> None:
    response = as_(client, cast.rep).post(f"/people/{cast.rep.pk}/note/", note(hours="-1"))
    assert response.status_code == 200 and not DailyNote.objects.exists()


def test_checkup_shows_the_notes_beside_the_measured_weeks(client: Client, cast: Cast) -> None:
    rep = cast.rep
    ActivityFactory(person=rep, start=utc(8), end=utc(11), category="proactive")
    DailyNote.objects.create(
        person=rep,
        date=date(2026, 11, 16),
        decided_my_day=True,
        proactive_hours=Decimal("2.5"),
        text="<b>calls</b>",
    )
    DailyNote.objects.create(
        person=rep, date=date(2026, 11, 17), decided_my_day=False, proactive_hours=Decimal("0.5")
    )
    html = (
        as_(client, cast.manager).get(f"/people/{rep.pk}/checkup/?month=2026-11").content.decode()
    )
    assert "Month check-up · November 2026" in html
    assert "Decided 1 of 2 noted days (50%)" in html
    row = html[html.index(">2026-W47</td>") :].split("</tr>")[0]
    assert ">2<" in row and "1 (50%)" in row and "3.0 h" in row and "3.0 h" in row
    assert "&lt;b&gt;calls&lt;/b&gt;" in html
    assert "edit</a>" not in html  # the manager reads, only the rep edits


def test_checkup_month_navigation(client: Client, cast: Cast) -> None:
    html = as_(client, cast.rep).get(f"/people/{cast.rep.pk}/checkup/?month=2026-12").content
    assert b"?month=2026-11" in html and b"?month=2027-01" in html
    assert b"No daily note this month" in html
