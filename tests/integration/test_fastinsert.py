"""The import's own INSERT writes what Django's ORM would write, on every database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from pillars.teams.models import Person
from pillars.timeuse.fastinsert import _converter, insert_activities
from pillars.timeuse.models import Activity
from tests.factories import ImportRunFactory

MOMENTS = [
    datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/Madrid")),  # the hour before the DST jump
    datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Madrid")),  # repeated hour
    datetime(2026, 11, 16, 9, 0, 0, 123456, tzinfo=UTC),
    datetime(2026, 11, 16, 23, 59, tzinfo=timezone(timedelta(hours=-5))),
]
LISTS = [[], ["Proactive"], ["ana@acme.example", "ñandú@café.example"], ['a "quoted" tag']]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["start", "end"])
@pytest.mark.parametrize("moment", MOMENTS, ids=str)
def test_datetime_values_are_written_as_django_writes_them(name: str, moment: datetime) -> None:
    field = Activity._meta.get_field(name)
    assert _converter(field)(moment) == field.get_db_prep_save(moment, connection)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["attendees", "tags"])
@pytest.mark.parametrize("value", LISTS, ids=str)
def test_list_values_are_written_as_django_writes_them(name: str, value: list[str]) -> None:
    field = Activity._meta.get_field(name)
    ours, django_value = _converter(field)(value), field.get_db_prep_save(value, connection)
    # PostgreSQL wraps JSON in an adapter object; compare what it would send.
    assert getattr(ours, "obj", ours) == getattr(django_value, "obj", django_value)


@pytest.mark.django_db
def test_naive_datetime_is_refused_not_stored_in_the_wrong_zone() -> None:
    field = Activity._meta.get_field("start")
    with pytest.raises(ValueError, match="naive"):
        _converter(field)(datetime(2026, 11, 16, 9, 0))


@pytest.mark.django_db
def test_inserted_rows_read_back_as_written(rita: Person) -> None:
    run = ImportRunFactory(person=rita)
    rows = [
        {
            "person_id": rita.pk,
            "import_run_id": run.pk,
            "source": "ics",
            "source_id": f"uid-{i}",
            "start": moment,
            "end": moment.astimezone(UTC) + timedelta(minutes=45),
            "summary": "<script>alert(1)</script>" if i == 0 else '=HYPERLINK("x")',
            "attendees": LISTS[i],
            "tags": LISTS[-1 - i],
        }
        for i, moment in enumerate(MOMENTS)
    ]
    insert_activities(rows)
    stored = {a.source_id: a for a in Activity.objects.filter(person=rita)}
    assert len(stored) == len(rows)
    for row in rows:
        activity = stored[row["source_id"]]
        # In UTC: PEP 495 makes a fold=1 time unequal to any other zone's.
        assert activity.start == row["start"].astimezone(UTC)
        assert activity.end == row["end"]
        assert activity.summary == row["summary"]
        assert activity.attendees == row["attendees"]
        assert activity.tags == row["tags"]
