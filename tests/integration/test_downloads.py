"""Report downloads as CSV and XLSX: who may, what is in them, typed text never a formula."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from django.test import Client
from openpyxl import load_workbook

from pillars.exporters.entries import ENTRY_COLUMNS
from pillars.exporters.report import CSV_COLUMNS
from pillars.teams.models import Person
from tests.factories import ActivityFactory
from tests.integration.conftest import Cast

ROLES = ["director", "manager", "other_manager", "rep", "teammate", "outside_director", None]
WEEK_47 = "?from=2026-11-16&to=2026-11-22"
HOSTILE = '=HYPERLINK("http://x","y")'
PERSON_URLS = ("report.csv", "report.xlsx", "entries.csv")


def as_(client: Client, who: Person | None) -> Client:
    if who is not None:
        client.force_login(who.user)
    return client


def rows(response: object) -> list[dict[str, str]]:
    text = response.content.decode()  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def hostile(cast: Cast) -> Person:
    rep = cast.rep
    ActivityFactory(
        person=rep,
        summary=HOSTILE,
        account="@Globex",
        start=datetime(2026, 11, 16, 9, tzinfo=UTC),
        end=datetime(2026, 11, 16, 11, tzinfo=UTC),
        category="proactive",
    )
    ActivityFactory(
        person=rep,
        summary="-12",
        account="+34 600",
        start=datetime(2026, 11, 17, 9, tzinfo=UTC),
        end=datetime(2026, 11, 17, 9, 30, tzinfo=UTC),
        category="reactive",
    )
    return rep


@pytest.mark.parametrize(
    ("who", "status"), list(zip(ROLES, [200, 200, 404, 200, 404, 404, 302], strict=True))
)
def test_who_may_download_the_reps_report(
    client: Client, cast: Cast, who: str | None, status: int
) -> None:
    as_(client, getattr(cast, who) if who else None)
    for url in PERSON_URLS:
        assert client.get(f"/people/{cast.rep.pk}/{url}{WEEK_47}").status_code == status


@pytest.mark.parametrize(
    ("who", "status"), list(zip(ROLES, [200, 200, 200, 200, 200, 200, 302], strict=True))
)
def test_everyone_downloads_the_report_of_the_people_they_see(
    client: Client, cast: Cast, who: str | None, status: int
) -> None:
    as_(client, getattr(cast, who) if who else None)
    for url in ("report.csv", "report.xlsx"):
        assert client.get(f"/{url}{WEEK_47}").status_code == status


def test_person_csv_is_the_weekly_report(client: Client, hostile: Person) -> None:
    response = as_(client, hostile).get(f"/people/{hostile.pk}/report.csv{WEEK_47}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.decode().splitlines()[0] == ",".join(CSV_COLUMNS)
    (week,) = rows(response)
    assert (week["person"], week["week"]) == ("rita@northwind.example", "2026-W47")
    assert (week["proactive_hours"], week["reactive_hours"]) == ("2.0", "0.5")


def test_entries_csv_neutralises_typed_text_and_keeps_numbers(
    client: Client, hostile: Person
) -> None:
    response = as_(client, hostile).get(f"/people/{hostile.pk}/entries.csv{WEEK_47}")
    first, second = rows(response)
    assert (first["summary"], first["account"]) == ("'" + HOSTILE, "'@Globex")
    assert (second["summary"], second["account"]) == ("-12", "'+34 600")
    assert (first["hours"], second["hours"]) == ("2.0", "0.5")
    assert first["start"] == "2026-11-16T10:00"  # Madrid wall clock


def test_person_xlsx_has_weeks_and_entries_text_as_text(client: Client, hostile: Person) -> None:
    response = as_(client, hostile).get(f"/people/{hostile.pk}/report.xlsx{WEEK_47}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Weeks", "Entries"]
    weeks = book["Weeks"]
    hours = weeks.cell(2, CSV_COLUMNS.index("proactive_hours") + 1)
    assert (hours.value, hours.data_type) == (2.0, "n")
    entries = book["Entries"]
    summary = ENTRY_COLUMNS.index("summary") + 1
    hostile_cell, negative = entries.cell(2, summary), entries.cell(3, summary)
    assert (hostile_cell.value, hostile_cell.data_type, hostile_cell.quotePrefix) == (
        HOSTILE,
        "s",
        True,
    )
    assert (negative.value, negative.data_type) == ("-12", "s")
    assert entries.cell(3, ENTRY_COLUMNS.index("hours") + 1).value == 0.5


def test_team_report_holds_only_the_people_the_user_sees(client: Client, cast: Cast) -> None:
    manager = rows(as_(client, cast.manager).get(f"/report.csv{WEEK_47}"))
    assert {r["person"] for r in manager} == {
        cast.manager.email,
        cast.rep.email,
        cast.teammate.email,
    }
    director = load_workbook(io.BytesIO(as_(Client(), cast.director).get("/report.xlsx").content))
    people = {row[0].value for row in director["Weeks"].iter_rows(min_row=2)}
    assert cast.west_rep.email in people and cast.outside_director.email not in people
    assert "Entries" not in director.sheetnames


def test_pages_link_the_downloads_for_the_shown_window(client: Client, cast: Cast) -> None:
    html = as_(client, cast.manager).get(f"/{WEEK_47}").content.decode()
    assert "/report.csv?from=2026-11-16&amp;to=2026-11-22" in html
    assert "/report.xlsx?from=2026-11-16&amp;to=2026-11-22" in html


def test_file_name_is_ascii_even_for_an_accented_address(client: Client, cast: Cast) -> None:
    cast.rep.email = "lucía@northwind.example"
    cast.rep.save()
    response = as_(client, cast.rep).get(f"/people/{cast.rep.pk}/report.csv{WEEK_47}")
    assert response["Content-Disposition"] == (
        'attachment; filename="luc-a-2026-11-16-2026-11-22.csv"'
    )
