"""Invariants of import_activities over generated calendars (hypothesis)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pillars.teams.models import Person
from pillars.timeuse.actions import import_activities
from pillars.timeuse.models import Activity, ImportRun
from tests.integration.samples import calendar, event, options_for, snapshot

WORDS = ["Demo", "support", "Team sync", "urgente", "Propuesta", "#proactive", "ACME", "review"]
EXTRAS = ["", "STATUS:CANCELLED\r\n", "TRANSP:TRANSPARENT\r\n", "CATEGORIES:Internal\r\n"]

events = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=30),  # uid number
        st.integers(min_value=1, max_value=18),  # day of October 2024
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
        st.sampled_from(EXTRAS),
    ),
    max_size=25,
    unique_by=lambda e: e[0],
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(entries=events)
def test_reimport_is_idempotent(rita: Person, entries: list[tuple[int, int, str, str]]) -> None:
    Activity.objects.all().delete()
    ImportRun.objects.all().delete()
    text = calendar(*(event(f"{n}@gen", day, summary, extra) for n, day, summary, extra in entries))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.ics"
        path.write_text(text, encoding="utf-8")
        first = import_activities(person=rita, path=path, options=options_for(rita))
        before = snapshot()
        second = import_activities(person=rita, path=path, options=options_for(rita))
    assert snapshot() == before
    assert first.created == len(entries) == Activity.objects.count()
    assert (second.created, second.updated, second.unchanged) == (0, 0, len(entries))
