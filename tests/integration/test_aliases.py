"""CRM names (aliases): who may say which owner names are a person's, and what they change."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from pillars.domain.window import dates_window
from pillars.errors import ConfigError
from pillars.importers.base import ReadOptions
from pillars.teams.actions import add_aliases, remove_aliases
from pillars.timeuse.actions import import_activities
from pillars.timeuse.models import Activity
from tests.integration.conftest import Cast

SHARED_EXPORT = """Record ID,Call Title,Activity date,Activity assigned to,Call duration,Call direction
1,Discovery call,2026-11-16 10:00,Rita R.,1800000,Outbound
2,Discovery call,2026-11-16 11:00,Tom T.,1800000,Outbound
3,Follow-up,2026-11-17 09:00,Rita R.,900000,Outbound
"""


def url(cast: Cast) -> str:
    return f"/users/{cast.rep.pk}/aliases/"


def test_manager_adds_and_removes_a_reps_crm_name(client: Client, cast: Cast) -> None:
    client.force_login(cast.manager.user)
    assert client.post(url(cast), {"alias": "  Rita   R. "}).status_code == 302
    assert list(cast.rep.aliases.values_list("alias", flat=True)) == ["rita r."]
    assert "rita r." in client.get(url(cast)).content.decode()
    assert client.post(url(cast), {"remove": "rita r."}).status_code == 302
    assert not cast.rep.aliases.exists()


def test_a_name_that_already_names_a_colleague_is_refused(client: Client, cast: Cast) -> None:
    add_aliases(person=cast.teammate, aliases=["CRM-7"])
    client.force_login(cast.manager.user)
    for taken in ("crm-7", "Tom Teammate", cast.teammate.email.upper()):
        response = client.post(url(cast), {"alias": taken})
        assert response.status_code == 200
        assert "already names Tom Teammate" in response.content.decode()
    assert not cast.rep.aliases.exists()


def test_the_rep_cannot_claim_names_for_themself(client: Client, cast: Cast) -> None:
    client.force_login(cast.rep.user)
    assert client.post(url(cast), {"alias": "Tom T."}).status_code == 404
    assert not cast.rep.aliases.exists()


def test_an_alias_decides_whose_rows_of_a_shared_export_are_imported(
    cast: Cast, tmp_path: Path
) -> None:
    path = tmp_path / "hubspot-calls.csv"
    path.write_text(SHARED_EXPORT, encoding="utf-8")
    tz = ZoneInfo("Europe/Madrid")
    options = ReadOptions(window=dates_window(date(2026, 11, 16), date(2026, 11, 22), tz), tz=tz)
    before = import_activities(person=cast.rep, path=path, options=options)
    assert before.created == 0 and "Rita R." in str(before.problems)
    add_aliases(person=cast.rep, aliases=["Rita R."])
    add_aliases(person=cast.teammate, aliases=["Tom T."])
    after = import_activities(person=cast.rep, path=path, options=options)
    assert (after.created, after.skipped) == (2, 1)
    assert set(Activity.objects.filter(person=cast.rep).values_list("source_id", flat=True)) == {
        "1",
        "3",
    }


def test_action_refuses_a_clash_and_adds_nothing(cast: Cast) -> None:
    add_aliases(person=cast.teammate, aliases=["CRM-7"])
    with pytest.raises(ConfigError, match="already names Tom Teammate"):
        add_aliases(person=cast.rep, aliases=["Rita R.", "CRM-7"])
    assert not cast.rep.aliases.exists()
    assert remove_aliases(person=cast.rep, aliases=["nothing"]) == 0


@pytest.mark.parametrize("taken_by", ["west_rep", "director"])
def test_a_refusal_does_not_name_someone_the_manager_may_not_see(
    client: Client, cast: Cast, taken_by: str
) -> None:
    """Found by QA: the conflict message named (and e-mailed) people of other teams."""
    other = getattr(cast, taken_by)
    client.force_login(cast.manager.user)
    response = client.post(url(cast), {"alias": other.name})
    html = response.content.decode()
    assert response.status_code == 200
    assert "already names someone else in the organisation" in html
    assert f"already names {other.name}" not in html  # the typed value is echoed, no more
    assert other.email not in html
    assert not cast.rep.aliases.exists()
