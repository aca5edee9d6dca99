"""`pillars import` and `pillars time report --person` without files: the database path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pillars.cli import app
from pillars.demo import demo_dir
from pillars.timeuse.models import Activity, ImportRun

runner = CliRunner()
PERSON = "lucia.romero@northwind.example"
WINDOW = ["--tz", "Europe/Madrid", "--from", "2026-11-16", "--to", "2026-11-29"]
pytestmark = pytest.mark.django_db


def import_json(*args: str) -> dict:
    result = runner.invoke(app, ["import", *args, "--person", PERSON, *WINDOW, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_import_creates_then_reimport_changes_nothing() -> None:
    calendar = str(demo_dir() / "outlook-lucia.ics")
    first = import_json(calendar)["imports"][0]
    rows = list(Activity.objects.order_by("pk").values())
    second = import_json(calendar)["imports"][0]
    assert first["created"] > 0
    assert (second["created"], second["updated"]) == (0, 0)
    assert second["unchanged"] == first["created"]
    assert list(Activity.objects.order_by("pk").values()) == rows


def test_report_from_the_database_matches_the_report_from_the_file() -> None:
    calendar = str(demo_dir() / "outlook-lucia.ics")
    import_json(calendar)
    stored = runner.invoke(app, ["time", "report", "--person", PERSON, *WINDOW, "--format", "json"])
    direct = runner.invoke(
        app,
        [
            "time",
            "report",
            calendar,
            "--person",
            PERSON,
            *WINDOW,
            "--format",
            "json",
            "--target",
            "40%",
        ],
    )
    assert stored.exit_code == 0, stored.output
    assert direct.exit_code == 0, direct.output
    weeks = lambda out: [  # noqa: E731
        {k: w[k] for k in ("week", "hours", "available_hours", "merged_minutes")}
        for w in json.loads(out)["people"][0]["weeks"]
    ]
    assert weeks(stored.stdout) == weeks(direct.stdout)


def test_strict_import_of_a_file_with_a_bad_row_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "calls.csv"
    shutil.copy(demo_dir() / "hubspot-calls.csv", bad)
    lines = bad.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].split(",")
    fields[2] = "not a date"
    lines[1] = ",".join(fields)
    bad.write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "--person", PERSON, *WINDOW, "--strict"])
    assert result.exit_code == 2
    assert "calls.csv" in result.output and "line 2" in result.output
    assert Activity.objects.count() == 0
    assert ImportRun.objects.count() == 0


def test_a_file_that_is_not_an_export_imports_nothing(tmp_path: Path) -> None:
    junk = tmp_path / "notes.csv"
    junk.write_text("hello,world\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(junk), "--person", PERSON, *WINDOW])
    assert result.exit_code == 2
    assert "notes.csv" in result.output
    assert Activity.objects.count() == 0


def test_report_for_someone_unknown_says_so() -> None:
    result = runner.invoke(app, ["time", "report", "--person", "nobody@example.com"])
    assert result.exit_code == 2
    assert "nobody@example.com" in result.output


def test_report_from_the_database_names_people_by_email_like_the_file_report() -> None:
    import_json(str(demo_dir() / "outlook-lucia.ics"))
    stored = runner.invoke(app, ["time", "report", "--person", PERSON, *WINDOW, "--format", "json"])
    assert stored.exit_code == 0, stored.output
    assert [p["person"] for p in json.loads(stored.stdout)["people"]] == [PERSON]


def test_an_unmigrated_database_gets_one_line_saying_what_to_run(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PILLARS_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "pillars.cli", "time", "report", "--person", PERSON],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert message.startswith(f"error: no Pillars database at {tmp_path / 'pillars.sqlite3'}: ")
    assert "PILLARS_DATA_DIR" in message and "python manage.py migrate" in message


@pytest.mark.parametrize("bad_first", [False, True])
def test_a_refused_file_neither_hides_nor_stops_the_others(tmp_path: Path, bad_first: bool) -> None:
    """Found by QA: a bad second file hid the first one's (committed) result, and a bad
    first file stopped the second from being tried."""
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x00\x01\x02 not text \xff" * 20)
    calendar = str(demo_dir() / "outlook-lucia.ics")
    files = [str(binary), calendar] if bad_first else [calendar, str(binary)]
    result = runner.invoke(app, ["import", *files, "--person", PERSON, *WINDOW, "-f", "json"])
    assert result.exit_code == 2
    rows = {row["file"]: row for row in json.loads(result.stdout)["imports"]}
    assert rows["outlook-lucia.ics"]["created"] > 0 and rows["outlook-lucia.ics"]["error"] is None
    assert "binary" in rows["binary.csv"]["error"]
    assert result.stderr.strip().startswith("error: binary.csv")
    assert Activity.objects.exists()


def test_a_folder_is_refused_with_what_to_give(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(tmp_path), "--person", PERSON])
    assert result.exit_code == 2 and "a folder, not a file" in result.stderr


def test_entries_from_the_database_match_the_entries_from_the_file() -> None:
    calendar = str(demo_dir() / "outlook-lucia.ics")
    import_json(calendar)
    args = ["time", "entries", "--person", PERSON, *WINDOW, "--format", "json"]
    stored = runner.invoke(app, args)
    direct = runner.invoke(app, [*args[:2], calendar, *args[2:]])
    assert stored.exit_code == 0, stored.output
    assert direct.exit_code == 0, direct.output
    keys = ("source_id", "start", "end", "category", "rule")
    rows = lambda out, kind: sorted(  # noqa: E731
        tuple(row.get(k) for k in (*keys, "reason")) for row in json.loads(out)[kind]
    )
    assert rows(stored.stdout, "entries") == rows(direct.stdout, "entries")
    assert rows(stored.stdout, "excluded") == rows(direct.stdout, "excluded")
    assert json.loads(stored.stdout)["entries"]


def test_a_correction_shows_in_the_stored_entries() -> None:
    import_json(str(demo_dir() / "outlook-lucia.ics"))
    args = ["time", "entries", "--person", PERSON, *WINDOW, "--format", "json"]
    before = json.loads(runner.invoke(app, args).stdout)["entries"]
    internal = next(row for row in before if row["category"] == "internal")
    Activity.objects.filter(source_id=internal["source_id"]).update(override_category="proactive")
    after = json.loads(runner.invoke(app, args).stdout)["entries"]
    row = next(r for r in after if r["source_id"] == internal["source_id"])
    assert (row["category"], row["rule"]) == ("proactive", "override")


def test_the_demo_report_make_run_prints() -> None:
    """`make run` ends with `pillars time report --demo`: everyone with entries, the demo weeks."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    result = runner.invoke(app, ["time", "report", "--demo", "--format", "json"])
    assert result.exit_code == 0, result.output
    people = json.loads(result.stdout)["people"]
    assert len(people) == 4
    assert {week["week"] for week in people[0]["weeks"]} == {"2026-W47", "2026-W48"}


@pytest.mark.parametrize("strict", [False, True])
def test_a_refused_import_leaves_no_new_person_behind(tmp_path: Path, strict: bool) -> None:
    """Found by QA: a mistyped --person with a refused file left a person with empty weeks."""
    from pillars.teams.models import Organization, Person

    refused = tmp_path / "garbage.ics"
    refused.write_bytes(bytes(range(256)) * 8)  # not a calendar
    if strict:  # a real export with one bad row, refused whole by --strict
        refused = tmp_path / "calls.csv"
        lines = (demo_dir() / "hubspot-calls.csv").read_text(encoding="utf-8").splitlines()
        cells = lines[1].split(",")
        cells[2] = "31/02/2026 10:00"
        refused.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]), encoding="utf-8")
    organizations = list(Organization.objects.values_list("pk", flat=True))
    args = ["import", str(refused), "--person", "zed@acme.example", *WINDOW]
    result = runner.invoke(app, [*args, *(["--strict"] if strict else [])])
    assert result.exit_code == 2
    assert not Person.objects.filter(email="zed@acme.example").exists()
    assert list(Organization.objects.values_list("pk", flat=True)) == organizations


def test_the_first_file_that_imports_creates_the_person(tmp_path: Path) -> None:
    from pillars.teams.models import Person

    garbage = tmp_path / "garbage.ics"
    garbage.write_bytes(b"not a calendar at all\n")
    calendar = str(demo_dir() / "outlook-lucia.ics")
    args = ["import", str(garbage), calendar, "--person", "New.Rep@acme.example", *WINDOW]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 2  # one file refused
    rows = json.loads(result.stdout)["imports"]
    assert rows[0]["error"] and rows[1]["created"] > 0
    assert Person.objects.get(email="new.rep@acme.example").activities.count() == rows[1]["created"]


def weeks_of(output: str) -> list[dict]:
    return [
        {k: w[k] for k in ("week", "hours", "merged_minutes")}
        for w in json.loads(output)["people"][0]["weeks"]
    ]


def test_duplicate_ids_count_once_from_files_as_from_the_database(tmp_path: Path) -> None:
    """Found by QA: a CSV repeating a record id counted twice without the database, once in it;
    the same export given twice counted twice."""
    calls = tmp_path / "calls.csv"
    lines = (demo_dir() / "hubspot-calls.csv").read_text(encoding="utf-8").splitlines()
    mine = [line for line in lines[1:] if "Lucía Romero" in line]
    edited = mine[0].split(",")
    edited[1] = "Same id edited"
    calls.write_text("\n".join([lines[0], *mine, ",".join(edited)]) + "\n", encoding="utf-8")
    args = ["--person", PERSON, *WINDOW, "--format", "json"]
    imported = runner.invoke(app, ["import", str(calls), *args])
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["imports"][0]["skipped"] == 1
    stored = runner.invoke(app, ["time", "report", *args])
    from_file = runner.invoke(app, ["time", "report", str(calls), *args])
    twice = runner.invoke(app, ["time", "report", str(calls), str(calls), *args])
    assert weeks_of(from_file.stdout) == weeks_of(stored.stdout) == weeks_of(twice.stdout)
    assert any("duplicate id" in w for w in json.loads(from_file.stdout)["warnings"])
