"""/targets/: proactive targets per person and team, the warning above 70%, who may set them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from pillars.teams.models import Person
from pillars.timeuse.models import Target
from tests.integration.conftest import Cast

ROLES = ["director", "manager", "other_manager", "rep", "teammate", "outside_director", None]


def as_(client: Client, who: Person | None) -> Client:
    if who is not None:
        client.force_login(who.user)
    return client


@pytest.mark.parametrize(
    ("who", "list_status", "set_status"),
    list(
        zip(
            ROLES,
            [200, 200, 200, 200, 200, 200, 302],
            [200, 200, 404, 404, 404, 404, 302],
            strict=True,
        )
    ),
)
def test_who_may_read_and_set_the_reps_and_teams_target(
    client: Client, cast: Cast, who: str | None, list_status: int, set_status: int
) -> None:
    viewer = getattr(cast, who) if who else None
    assert as_(client, viewer).get("/targets/").status_code == list_status
    assert client.get(f"/targets/people/{cast.rep.pk}/").status_code == set_status
    assert client.get(f"/targets/teams/{cast.rep.team_id}/").status_code == set_status


def test_a_target_above_seventy_percent_is_saved_with_a_warning(client: Client, cast: Cast) -> None:
    as_(client, cast.manager)
    response = client.post(f"/targets/people/{cast.rep.pk}/", {"target": "80%"}, follow=True)
    html = response.content.decode()
    assert "Proactive target of Rita Rep: 80%." in html
    assert "above 70% of the week" in html and "never realistic" in html
    assert Target.objects.get(person=cast.rep).share == Decimal("0.800")


def test_hours_per_week_and_the_warning_on_hours(client: Client, cast: Cast) -> None:
    as_(client, cast.director)
    ok = client.post(f"/targets/people/{cast.rep.pk}/", {"target": "16h"}, follow=True)
    assert "above 70%" not in ok.content.decode()
    row = Target.objects.get(person=cast.rep)
    assert (row.share, row.hours_per_week) == (None, Decimal("16.00"))
    high = client.post(f"/targets/people/{cast.rep.pk}/", {"target": "30h"}, follow=True)
    assert "above 70%" in high.content.decode()
    assert Target.objects.filter(person=cast.rep).count() == 1


def test_a_bad_target_is_refused_with_a_message(client: Client, cast: Cast) -> None:
    response = as_(client, cast.manager).post(f"/targets/people/{cast.rep.pk}/", {"target": "40"})
    assert response.status_code == 200
    assert "ambiguous" in response.content.decode()
    assert not Target.objects.exists()


def test_a_team_target_applies_to_members_without_their_own(client: Client, cast: Cast) -> None:
    as_(client, cast.manager)
    client.post(f"/targets/teams/{cast.rep.team_id}/", {"target": "50%"})
    client.post(f"/targets/people/{cast.teammate.pk}/", {"target": "30%"})
    html = client.get("/targets/").content.decode()
    assert "Team East" in html and "Team West" not in html
    rep_row = html[html.index("Rita Rep") :].split("</tr>")[0]
    assert "<td>—</td>" in rep_row and "<td>50%</td>" in rep_row
    # Clearing the person's own target gives them the team's again.
    client.post(f"/targets/people/{cast.teammate.pk}/", {"target": ""})
    assert not Target.objects.filter(person=cast.teammate).exists()
    page = client.get(f"/people/{cast.teammate.pk}/").content.decode()
    assert "proactive target 50%" in page


def test_a_rep_reads_only_their_own_target(client: Client, cast: Cast) -> None:
    Target.objects.create(person=cast.rep, share=Decimal("0.45"))
    Target.objects.create(person=cast.teammate, share=Decimal("0.9"))
    html = as_(client, cast.rep).get("/targets/").content.decode()
    assert "Rita Rep" in html and "45%" in html
    assert "Tom Teammate" not in html and "/targets/people/" not in html


def test_a_director_sets_any_team_a_manager_only_their_own(client: Client, cast: Cast) -> None:
    west = cast.west_rep.team_id
    assert (
        as_(client, cast.manager).post(f"/targets/teams/{west}/", {"target": "40%"}).status_code
        == 404
    )
    assert (
        as_(client, cast.director).post(f"/targets/teams/{west}/", {"target": "40%"}).status_code
        == 302
    )
    assert Target.objects.get(team_id=west, person=None).share == Decimal("0.400")


def test_the_form_shows_the_current_target(client: Client, cast: Cast) -> None:
    Target.objects.create(person=cast.rep, hours_per_week=Decimal("16"))
    html = as_(client, cast.manager).get(f"/targets/people/{cast.rep.pk}/").content.decode()
    assert 'value="16h"' in html
