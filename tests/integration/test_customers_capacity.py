"""The capacity pages against the CLI, over the weeks with data, the team's reps, the funnel's
period and out-of-range inputs (QA findings on issue 5)."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from pillars.cli import app
from pillars.customers.models import Deal
from pillars.domain.customers_records import FunnelStage
from pillars.teams.models import Person
from tests.factories import ActivityFactory
from tests.integration.conftest import Cast
from tests.integration.test_customers_pages import WORKED, get, twelve_proactive_hours_a_week

runner = CliRunner()
KEYS = (
    "wins", "proposals", "second_meetings", "first_meetings", "calls", "hours_per_year",
    "hours_per_week", "proactive_hours_per_week", "coverage", "gap_hours_per_week",
)  # fmt: skip


def monday_weeks_back(back: int) -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday(), weeks=back)


def proactive_in_weeks(person: Person, hours: dict[int, float]) -> None:
    """Proactive hours in the given whole weeks back (1 = last week), one block a day."""
    person.timezone = "UTC"
    person.save()
    for back, total in hours.items():
        start = datetime.combine(monday_weeks_back(back), time(9), UTC)
        ActivityFactory(
            person=person, start=start, end=start + timedelta(hours=total), category="proactive"
        )


def page_numbers(page: str) -> dict[str, str]:
    return {key: re.search(rf'data-key="{key}">([^<]*)<', page).group(1) for key in KEYS}  # type: ignore[union-attr]


def cli_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", "capacity", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_weeks_without_data_do_not_count_as_zero(client: Client, cast: Cast) -> None:
    # Data only in the last two whole weeks: the mean of those two, not of four.
    proactive_in_weeks(cast.rep, {1: 16.5, 2: 14.42})
    url = f"/customers/capacity/{cast.rep.pk}/{WORKED}"
    page = get(client, cast.rep, url).content.decode()
    assert 'data-key="proactive_hours_per_week">15.46<' in page
    week = monday_weeks_back(1).isocalendar()
    assert "2 weeks with data" in page and f"{week.year}-W{week.week:02d}" in page
    data = cli_json(*WORKED_ARGS, "--person", cast.rep.email)
    assert data["proactive_hours_per_week"] == data["measured"]["proactive_hours"] == "15.46"
    assert len(data["measured"]["weeks"]) == 2


def test_the_last_four_weeks_with_data_within_twelve(client: Client, cast: Cast) -> None:
    proactive_in_weeks(cast.rep, {1: 10, 3: 20, 6: 30, 9: 40, 11: 1, 13: 99})
    data = cli_json(*WORKED_ARGS, "--person", cast.rep.email)
    assert data["measured"]["proactive_hours"] == "25.00"  # weeks 1, 3, 6 and 9 back
    assert len(data["measured"]["weeks"]) == 4


WORKED_ARGS = ("--new-revenue", "600000", "--deal-size", "50000")


def test_the_cli_and_the_page_agree_with_assumed_rates(client: Client, cast: Cast) -> None:
    # QA: the CLI rounded the seed's rates to 4 decimals: 43/93/186 against the page's 42/90/180.
    proactive_in_weeks(cast.rep, {1: 13.3333, 2: 12, 4: 7.25})
    data = cli_json(*WORKED_ARGS, "--person", cast.rep.email)
    assert data["measured"]["conversion_source"] == ["assumed"] * 4
    url = f"/customers/capacity/{cast.rep.pk}/?new_revenue=600000&deal_size=50000"
    page = page_numbers(get(client, cast.rep, url).content.decode())
    assert page == {key: str(data[key]) for key in KEYS}
    assert (data["second_meetings"], data["first_meetings"], data["calls"]) == (42, 90, 180)


def test_the_team_counts_the_reps_only(client: Client, cast: Cast) -> None:
    twelve_proactive_hours_a_week(cast.rep)
    twelve_proactive_hours_a_week(cast.teammate)
    page = get(client, cast.manager, f"/customers/capacity/{WORKED}").content.decode()
    team = page.split("<tfoot>", 1)[1]
    assert "Team (reps)" in team
    assert ">58.91<" in team and ">24.00<" in team and ">0.407<" in team  # 2 × 29.4545
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "Mara Manager" not in body
    assert "Not in the team total" in page and "Mara Manager</a> (manager)" in page


def _deal(person: Person, n: int, created: date, stage: FunnelStage, won: bool = False) -> Deal:
    return Deal.objects.create(
        organization=person.organization, owner=person, source="t", source_id=str(n),
        name=f"d{n}", created=created, funnel_stage=stage.value, won=won, closed=won,
    )  # fmt: skip


def test_the_funnel_page_and_the_capacity_page_count_the_same_period(
    client: Client, cast: Cast
) -> None:
    today = timezone.localdate()
    for n in range(9):  # old deals: outside the last 12 months on both pages
        _deal(cast.rep, n, today - timedelta(days=500), FunnelStage.SECOND_MEETING)
    for n in range(10, 13):
        _deal(cast.rep, n, today - timedelta(days=30), FunnelStage.PROPOSAL)
    funnel = get(client, cast.rep, "/customers/funnel/").content.decode()
    capacity = get(client, cast.rep, f"/customers/capacity/{cast.rep.pk}/").content.decode()
    for page in (funnel, capacity):
        assert '<td class="num">3 of 3</td>' in page  # first → second meetings
        assert "last 12 months" in page
    assert "first meetings 3 " in funnel


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "new_revenue=10000000000000",
            "new revenue: expected a number from 0 to 1,000,000,000,000",
        ),
        ("conversion=1e-30,0.5,0.5,0.25", "at least 0.001"),
        ("hours=0.1,2.5,3,6,1000000", "hours per activity"),
    ],
)
def test_the_page_refuses_out_of_range_inputs(
    client: Client, cast: Cast, query: str, message: str
) -> None:
    response = get(client, cast.rep, f"/customers/capacity/{cast.rep.pk}/?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()
