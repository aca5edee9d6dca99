"""/imports/<id>/ after the import: rows read count every data row, an empty read says why."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client

from pillars.timeuse.models import ImportRun
from tests.integration.conftest import Cast
from tests.integration.web_import import upload, uploads

__all__ = ["uploads"]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"  # copied from the corpus
GOOGLE_CSV = (
    "Subject,Start Date,Start Time,End Date,End Time,All Day Event,Description,Location,Private\n"
    "Demo ACME Industrial,10/09/2024,10:00 AM,10/09/2024,11:00 AM,False,,Teams,False\n"
    "Broken date,10/45/2024,10:00 AM,10/45/2024,11:00 AM,False,,,False\n"
    "Team sync,10/10/2024,2:30 PM,10/10/2024,3:00 PM,False,,,False\n"
    "Broken time,10/11/2024,25:99 PM,10/11/2024,11:00 AM,False,,,False\n"
)


def status_line(html: str) -> str:
    """The finished import's first line, tags and runs of spaces removed."""
    line = html.split('class="import-state"', 1)[1].split("</p>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", ">" + line)).strip(" >")


def test_rows_read_counts_the_bad_rows_too(client: Client, cast: Cast, uploads: Path) -> None:
    upload(client, cast.rep, cast.rep, GOOGLE_CSV, name="google.csv")
    run = ImportRun.objects.get(person=cast.rep)
    assert (run.created, run.skipped) == (2, 2)
    for url in (f"/imports/{run.pk}/", f"/imports/{run.pk}/progress/"):
        html = client.get(url).content.decode()
        assert status_line(html).endswith("· 4 rows read"), status_line(html)
        assert "No entry between" not in html


def test_a_calendar_outside_the_dates_read_says_so(
    client: Client, cast: Cast, uploads: Path
) -> None:
    events_of_2008 = (FIXTURES / "ics" / "real" / "icalendar-parsing_error.ics").read_bytes()
    upload(client, cast.rep, cast.rep, events_of_2008, name="2008.ics")
    run = ImportRun.objects.get(person=cast.rep)
    assert (run.status, run.created, run.skipped) == ("done", 0, 0)
    html = client.get(f"/imports/{run.pk}/").content.decode()
    assert "0 rows read" in status_line(html)
    assert (
        "No entry between 30 Sep 2024 and 20 Oct 2024: the entries the file holds, if any,"
        " are outside the dates read." in html
    )
    assert f'<a href="/people/{cast.rep.pk}/imports/">upload it again</a> with them' in html
    assert "No bad rows" not in html


def test_rows_of_other_owners_do_not_read_as_a_cut_list(
    client: Client, cast: Cast, uploads: Path
) -> None:
    shared = (FIXTURES / "crm" / "hubspot-calls.csv").read_bytes()  # Rep A and Rep B
    cast.rep.aliases.create(alias="Rep A")
    upload(client, cast.rep, cast.rep, shared, name="hubspot-calls.csv")
    run = ImportRun.objects.get(person=cast.rep)
    assert run.skipped > len(run.problems) > 0
    html = client.get(f"/imports/{run.pk}/").content.decode()
    assert "Rep B" in html
    assert "are kept" not in html and "not listed" not in html
