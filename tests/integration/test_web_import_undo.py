"""Undo an import: it removes what it created, restores what it changed; redo and refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from pillars.customers.models import Account, ActivityLink
from pillars.timeuse.actions import import_activities, override_category
from pillars.timeuse.imports import ImportRefused, import_again, undo_import
from pillars.timeuse.models import Activity, ImportChange, ImportRun
from tests.factories import ImportRunFactory
from tests.integration.conftest import Cast
from tests.integration.samples import calendar, event, options_for, write
from tests.integration.web_import import upload, uploads

__all__ = ["uploads"]
FIRST = calendar(event("a@test", 1, "Demo for ACME"), event("b@test", 2, "Team meeting"))
SECOND = calendar(
    event("a@test", 1, "Demo for ACME"),
    event("b@test", 2, "Urgent support request"),  # changed: now reactive
    event("c@test", 3, "Pipeline review"),  # new
)


def state() -> list[tuple[object, ...]]:
    """What a person sees of the stored entries (ids and run links aside)."""
    return list(
        Activity.objects.order_by("source_id").values_list(
            "source_id", "summary", "category", "rule", "override_category", "start", "end"
        )
    )


def run_file(person: Any, tmp_path: Path, name: str, text: str) -> ImportRun:
    return import_activities(
        person=person, path=write(tmp_path, name, text), options=options_for(person)
    )


def test_undo_removes_what_the_import_created_and_restores_what_it_changed(
    rita: Any, tmp_path: Path
) -> None:
    first = run_file(rita, tmp_path, "first.ics", FIRST)
    before = state()
    second = run_file(rita, tmp_path, "second.ics", SECOND)
    assert (second.created, second.updated, second.unchanged) == (1, 1, 1)
    assert ImportChange.objects.filter(run=second).count() == 1
    assert undo_import(run=second) == (1, 1)
    assert state() == before
    assert set(Activity.objects.values_list("import_run", flat=True)) == {first.pk}
    second.refresh_from_db()
    assert second.status == "undone" and not second.changes.exists()


def test_undo_redo_cycles_end_where_they_started(client: Client, cast: Cast, uploads: Path) -> None:
    upload(client, cast.rep, cast.rep, FIRST, name="first.ics")
    before = state()
    upload(client, cast.rep, cast.rep, SECOND, name="second.ics")
    after = state()
    second = ImportRun.objects.get(file_name="second.ics")
    for _ in range(3):
        undo_import(run=second)
        assert state() == before
        second = import_again(run=second, started_by=cast.rep.user)
        second.refresh_from_db()
        assert (second.status, second.created, second.updated) == ("done", 1, 1)
        assert state() == after


def test_undoing_an_older_import_after_a_newer_one_touched_its_rows_is_refused(
    rita: Any, tmp_path: Path
) -> None:
    first = run_file(rita, tmp_path, "first.ics", FIRST)
    second = run_file(rita, tmp_path, "second.ics", SECOND)
    with pytest.raises(ImportRefused, match=r"a newer import changed .* undo second.ics"):
        undo_import(run=first)
    assert first.status == "done" and Activity.objects.count() == 3
    undo_import(run=second)
    undo_import(run=first)
    assert not Activity.objects.exists()


def test_a_newer_import_that_left_the_rows_unchanged_does_not_block_undo(
    rita: Any, tmp_path: Path
) -> None:
    first = run_file(rita, tmp_path, "first.ics", FIRST)
    again = run_file(rita, tmp_path, "again.ics", FIRST)
    assert again.unchanged == 2
    assert undo_import(run=first) == (2, 0)


def test_undo_keeps_overrides_on_restored_entries_and_drops_created_ones(
    rita: Any, tmp_path: Path
) -> None:
    run_file(rita, tmp_path, "first.ics", FIRST)
    second = run_file(rita, tmp_path, "second.ics", SECOND)
    override_category(activity=Activity.objects.get(source_id="b@test"), category="proactive")
    override_category(activity=Activity.objects.get(source_id="c@test"), category="reactive")
    undo_import(run=second)
    restored = Activity.objects.get(source_id="b@test")
    assert (restored.summary, restored.override_category) == ("Team meeting", "proactive")
    assert not Activity.objects.filter(source_id="c@test").exists()


def test_an_import_cannot_be_undone_twice_nor_one_from_before_undo_existed(
    rita: Any, tmp_path: Path
) -> None:
    run = run_file(rita, tmp_path, "first.ics", FIRST)
    undo_import(run=run)
    with pytest.raises(ImportRefused, match="this one is Undone"):
        undo_import(run=run)
    legacy = ImportRunFactory(person=rita, undoable=False)
    with pytest.raises(ImportRefused, match="recorded before undo existed"):
        undo_import(run=legacy)


def test_the_undo_page_asks_first_then_undoes(client: Client, cast: Cast, uploads: Path) -> None:
    upload(client, cast.manager, cast.rep, FIRST)
    run = ImportRun.objects.get()
    override_category(activity=Activity.objects.get(source_id="a@test"), category="reactive")
    html = client.get(f"/imports/{run.pk}/undo/").content.decode()
    assert "removes the 2 entries it created, 1 of them with a category you set by hand" in html
    response = client.post(f"/imports/{run.pk}/undo/", follow=True)
    assert "Undone: 2 entries removed, 0 restored." in response.content.decode()
    assert not Activity.objects.exists()


def test_the_undo_page_says_why_it_cannot_undo(client: Client, cast: Cast, uploads: Path) -> None:
    upload(client, cast.rep, cast.rep, FIRST, name="first.ics")
    upload(client, cast.rep, cast.rep, SECOND, name="second.ics")
    first = ImportRun.objects.get(file_name="first.ics")
    html = client.get(f"/imports/{first.pk}/undo/").content.decode()
    assert "cannot be undone now" in html and "undo second.ics" in html
    response = client.post(f"/imports/{first.pk}/undo/", follow=True)
    assert "Not undone: a newer import changed" in response.content.decode()
    assert Activity.objects.count() == 3


@pytest.mark.parametrize(("viewer", "status"), [("rep", 302), ("teammate", 404)])
def test_who_may_undo_and_import_again(
    client: Client, cast: Cast, uploads: Path, viewer: str, status: int
) -> None:
    upload(client, cast.manager, cast.rep, FIRST)
    run = ImportRun.objects.get()
    client.force_login(getattr(cast, viewer).user)
    assert client.post(f"/imports/{run.pk}/undo/").status_code == status
    assert client.post(f"/imports/{run.pk}/again/").status_code == status
    assert ImportRun.objects.count() == (2 if status == 302 else 1)


def test_undo_counts_the_entries_it_removed_not_what_went_with_them(
    rita: Any, tmp_path: Path
) -> None:
    first = run_file(rita, tmp_path, "first.ics", FIRST)
    acme = Account.objects.create(
        organization=rita.organization, owner=rita, source="t", source_id="acme", name="ACME"
    )
    for entry in Activity.objects.filter(created_by_run=first):
        ActivityLink.objects.create(activity=entry, account=acme, how="name")
    assert undo_import(run=first) == (2, 0)
    assert not ActivityLink.objects.exists()
