"""`pillars time blocks`: the proposal from the database as a table, JSON and an .ics file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from pillars.cli import app
from pillars.timeuse.models import Target
from tests.factories import ActivityFactory, PersonFactory

runner = CliRunner()
pytestmark = pytest.mark.django_db


@pytest.fixture
def ana() -> str:
    person = PersonFactory(email="ana@northwind.example", timezone="Europe/Madrid")
    Target.objects.create(person=person, hours_per_week=Decimal("5"))
    start = datetime(2026, 11, 30, 8, tzinfo=UTC)  # Monday 09:00 in Madrid
    ActivityFactory(person=person, start=start, end=start.replace(hour=10), category="internal")
    return person.email


def test_json_lists_the_blocks_of_the_week(ana: str) -> None:
    args = ["time", "blocks", "--person", ana, "--week", "2026-W49", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["week"], data["target_hours"], data["hours_needed"]) == ("2026-W49", 5.0, 5.0)
    assert data["blocks"][0] == {
        "start": "2026-11-30T11:00:00+01:00",
        "end": "2026-11-30T13:00:00+01:00",
        "hours": 2.0,
    }
    assert sum(b["hours"] for b in data["blocks"]) == 5.0


def test_out_writes_the_ics_and_the_table_is_printed(ana: str, tmp_path: Path) -> None:
    out = tmp_path / "blocks.ics"
    result = runner.invoke(
        app, ["time", "blocks", "--person", ana, "--week", "2026-W49", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Proactive blocks 2026-W49" in result.stdout and "11:00" in result.stdout
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert len(events) == 3


def test_bad_week_or_unknown_person_is_one_line_and_non_zero(ana: str) -> None:
    bad = runner.invoke(app, ["time", "blocks", "--person", ana, "--week", "49"])
    assert bad.exit_code != 0 and "expected an ISO week like 2026-W49" in bad.output
    nobody = runner.invoke(app, ["time", "blocks", "--person", "x@y.example"])
    assert nobody.exit_code != 0 and "no one with e-mail x@y.example" in nobody.output
