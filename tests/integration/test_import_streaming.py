"""Big files import in bounded memory, and attribution holds across chunks of a file."""

from __future__ import annotations

import csv
import tracemalloc
from pathlib import Path

import pytest

from pillars.teams.models import Person
from pillars.timeuse.actions import import_activities
from pillars.timeuse.models import Activity
from pillars.timeuse.spool import CHUNK
from tests.conftest import FIXTURES
from tests.factories import PersonAliasFactory, PersonFactory
from tests.integration.samples import options_for

# The header of the real HubSpot calls export in the fixtures.
HEADER = next(
    csv.reader((FIXTURES / "crm" / "hubspot-calls.csv").read_text("utf-8-sig").splitlines())
)


def hubspot_calls(path: Path, owners: list[str], rows: int) -> Path:
    """A HubSpot calls export: rows in October 2024, owners taking turns in blocks of CHUNK + 7."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            owner = owners[(n // (CHUNK + 7)) % len(owners)]
            day, minute = 1 + n % 20, n % 600
            when = f"2024-10-{day:02d} {8 + minute // 60:02d}:{minute % 60:02d}"
            writer.writerow(
                [
                    70_000 + n,
                    f"Call {n}",
                    when,
                    owner,
                    300_000,
                    "Outbound",
                    "Connected",
                    "Completed",
                    "",
                    "",
                    "ACME Industrial",
                    "",
                ]
            )
    return path


def test_a_shared_export_is_split_by_owner_across_chunks(rita: Person, tmp_path: Path) -> None:
    PersonAliasFactory(person=rita, alias="Rita Rep")
    PersonFactory(organization=rita.organization, name="Tom Teammate")
    path = hubspot_calls(
        tmp_path / "calls.csv", ["Tom Teammate", "Rita Rep", "Nobody Known"], 3 * (CHUNK + 7)
    )
    run = import_activities(person=rita, path=path, options=options_for(rita))
    assert run.created == CHUNK + 7
    assert set(Activity.objects.values_list("owner", flat=True)) == {"Rita Rep"}
    assert run.skipped == 2 * (CHUNK + 7)
    assert any("Nobody Known" in p["message"] for p in run.problems)


def test_an_export_with_one_unknown_owner_belongs_wholly_to_the_person(
    rita: Person, tmp_path: Path
) -> None:
    path = hubspot_calls(tmp_path / "calls.csv", ["R. Rep (CRM user 42)"], 2 * CHUNK + 3)
    run = import_activities(person=rita, path=path, options=options_for(rita))
    assert (run.created, run.skipped) == (2 * CHUNK + 3, 0)


@pytest.mark.slow
def test_a_big_export_imports_in_bounded_memory(rita: Person, tmp_path: Path) -> None:
    small = hubspot_calls(tmp_path / "small.csv", ["Rita Rep"], 2_000)
    big = hubspot_calls(tmp_path / "big.csv", ["Rita Rep"], 30_000)

    def peak_mib(path: Path) -> float:
        Activity.objects.all().delete()
        tracemalloc.start()
        import_activities(person=rita, path=path, options=options_for(rita))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak / 2**20

    small_peak, big_peak = peak_mib(small), peak_mib(big)
    assert Activity.objects.count() == 30_000
    # Fifteen times the rows may not cost fifteen times the memory: records wait on disk.
    assert big_peak < 3 * small_peak + 8, (small_peak, big_peak)
