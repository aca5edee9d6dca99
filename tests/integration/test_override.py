"""POST /entries/<id>/category/: one-click category override from the person page (htmx)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from pillars.teams.models import Person
from pillars.timeuse.actions import import_activities
from pillars.timeuse.models import Activity
from tests.factories import ActivityFactory
from tests.integration.conftest import Cast
from tests.integration.samples import STANDARD_EVENTS, calendar, options_for, write

HTMX = {"HX-Request": "true"}


def entry(person: Person) -> Activity:
    return ActivityFactory(
        person=person,
        start=datetime(2026, 11, 17, 9, tzinfo=UTC),
        summary="<b>Weekly sync</b>",
        category="internal",
        rule="default: internal",
    )


def override(client: Client, viewer: Person, activity: Activity, category: str) -> Any:
    client.force_login(viewer.user)
    return client.post(f"/entries/{activity.pk}/category/", {"category": category}, headers=HTMX)


def test_one_click_returns_the_updated_row_only(client: Client, cast: Cast) -> None:
    activity = entry(cast.rep)
    response = override(client, cast.rep, activity, "proactive")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="entry-{activity.pk}"') and "<html" not in html
    assert '<span class="badge proactive">proactive</span>' in html
    assert "overridden" in html and "(rule said internal)" in html
    assert 'value="proactive" aria-pressed="true"' in html
    assert "&lt;b&gt;Weekly sync&lt;/b&gt;" in html
    assert "Tue 17 Nov 10:00" in html  # shown in the person's zone (Madrid)
    # The week's split comes along, swapped out of band: 1 h proactive now.
    oob = html.split('<template><div id="split-2026-W47" hx-swap-oob="true">')[1]
    assert '<span class="badge proactive">proactive</span></td><td class="num">1.0 h' in oob
    activity.refresh_from_db()
    assert activity.override_category == "proactive"


WINDOW = {"from": "2026-11-16", "to": "2026-11-29"}
TOTAL_OOB = '<section class="card" id="window-total" hx-swap-oob="true">'


def split_table(html: str, marker: str) -> str:
    """The first category table after `marker` (an element's id or its out-of-band opening)."""
    rest = html.split(marker, 1)[1]
    return rest[rest.index('<table class="split">') : rest.index("</table>")]


def test_the_override_brings_back_every_figure_the_entry_counts_in(
    client: Client, cast: Cast
) -> None:
    activity = entry(cast.rep)  # 1 h internal in 2026-W47
    ActivityFactory(
        person=cast.rep,
        start=datetime(2026, 11, 24, 9, tzinfo=UTC),
        end=datetime(2026, 11, 24, 11, tzinfo=UTC),
        category="proactive",
    )  # 2 h proactive in 2026-W48
    client.force_login(cast.rep.user)
    page = f"/people/{cast.rep.pk}/?from=2026-11-16&to=2026-11-29"
    before = client.get(page).content.decode()
    # The swap targets are on the page, and each entry's form posts the page's window.
    assert 'id="window-total"' in before and 'id="split-2026-W47"' in before
    row = before.split(f'<tr id="entry-{activity.pk}"')[1].split("</tr>")[0]
    assert '<input type="hidden" name="from" value="2026-11-16">' in row
    assert '<input type="hidden" name="to" value="2026-11-29">' in row

    url = f"/entries/{activity.pk}/category/"
    html = client.post(url, {"category": "proactive", **WINDOW}, headers=HTMX).content.decode()
    proactive = '<span class="badge proactive">proactive</span></td><td class="num">'
    assert f"{proactive}3.0 h" in split_table(html, TOTAL_OOB)  # the window: 1 h + 2 h
    assert "16 Nov 2026 – 29 Nov 2026" in html.split(TOTAL_OOB)[1]
    week_oob = '<div id="split-2026-W47" hx-swap-oob="true">'
    assert f"{proactive}1.0 h" in split_table(html, week_oob)
    # The same figures as a reload shows, the chart included.
    after = client.get(page).content.decode()
    assert split_table(after, 'id="window-total"') == split_table(html, TOTAL_OOB)
    assert split_table(after, 'id="split-2026-W47"') == split_table(html, week_oob)
    chart = after.split('<div class="chart">')[1].split("</svg>")[0]
    assert chart in html.split(TOTAL_OOB)[1]


def test_without_htmx_the_override_comes_back_to_the_same_window(
    client: Client, cast: Cast
) -> None:
    activity = entry(cast.rep)
    client.force_login(cast.rep.user)
    response = client.post(f"/entries/{activity.pk}/category/", {"category": "reactive", **WINDOW})
    assert response["Location"] == (
        f"/people/{cast.rep.pk}/?from=2026-11-16&to=2026-11-29#entry-{activity.pk}"
    )


def test_clearing_the_override_restores_the_rules_category(client: Client, cast: Cast) -> None:
    activity = entry(cast.rep)
    override(client, cast.rep, activity, "reactive")
    html = override(client, cast.rep, activity, "").content.decode()
    assert '<span class="badge internal">internal</span>' in html and "overridden" not in html
    activity.refresh_from_db()
    assert activity.override_category == "" and activity.effective_category == "internal"


def test_the_person_page_offers_the_override_with_csrf(client: Client, cast: Cast) -> None:
    activity = entry(cast.rep)
    client.force_login(cast.rep.user)
    html = client.get(f"/people/{cast.rep.pk}/?from=2026-11-16&to=2026-11-22").content.decode()
    assert f'hx-post="/entries/{activity.pk}/category/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert " style=" not in html.split('<table class="entries">')[1]


def test_the_override_needs_the_csrf_token(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    activity = entry(cast.rep)
    assert override(client, cast.rep, activity, "proactive").status_code == 403


def test_without_htmx_the_form_posts_and_comes_back_to_the_page(client: Client, cast: Cast) -> None:
    activity = entry(cast.rep)
    client.force_login(cast.rep.user)
    response = client.post(f"/entries/{activity.pk}/category/", {"category": "reactive"})
    assert response.status_code == 302
    assert response["Location"] == f"/people/{cast.rep.pk}/#entry-{activity.pk}"


def test_unlogged_or_unknown_categories_are_refused(client: Client, cast: Cast) -> None:
    activity = entry(cast.rep)
    assert override(client, cast.rep, activity, "unlogged").status_code == 400
    assert override(client, cast.rep, activity, "fun").status_code == 400
    assert client.get(f"/entries/{activity.pk}/category/").status_code == 405


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("rep", 200),
        ("manager", 200),
        ("director", 200),
        ("teammate", 404),
        ("other_manager", 404),
        ("west_rep", 404),
        ("outside_director", 404),
    ],
)
def test_who_may_override_a_reps_entry(
    client: Client, cast: Cast, viewer: str, status: int
) -> None:
    activity = entry(cast.rep)
    assert override(client, getattr(cast, viewer), activity, "proactive").status_code == status
    activity.refresh_from_db()
    assert activity.override_category == ("proactive" if status == 200 else "")


def test_anonymous_is_sent_to_log_in(client: Client, cast: Cast) -> None:
    activity = entry(cast.rep)
    response = client.post(f"/entries/{activity.pk}/category/", {"category": "proactive"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_override_survives_re_import_and_counts_in_the_report(
    client: Client, rita: Person, tmp_path: Path
) -> None:
    path = write(tmp_path, "cal.ics", calendar(*STANDARD_EVENTS))
    import_activities(person=rita, path=path, options=options_for(rita))
    meeting = Activity.objects.get(source_id="b@test")
    assert meeting.category == "internal"
    override(client, rita, meeting, "proactive")
    changed = calendar(*STANDARD_EVENTS).replace("Team meeting", "Team meeting (moved)")
    run = import_activities(
        person=rita, path=write(tmp_path, "cal.ics", changed), options=options_for(rita)
    )
    assert run.updated == 1
    meeting.refresh_from_db()
    assert (meeting.summary, meeting.category) == ("Team meeting (moved)", "internal")
    assert meeting.override_category == "proactive"
    client.force_login(rita.user)
    html = client.get(f"/people/{rita.pk}/?from=2024-09-30&to=2024-10-06").content.decode()
    assert "overridden" in html and "(rule said internal)" in html
