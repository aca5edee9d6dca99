"""`pillars time report|entries` on files: the numbers, the formats and the errors a user meets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pillars.cli import app
from pillars.demo import demo_dir

runner = CliRunner()
OWNER = "rep@northwind.example"
WEEK = ["--tz", "Europe/Madrid", "--from", "2026-11-16", "--to", "2026-11-22"]


def calendar(*events: str) -> str:
    body = "".join(events)
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" + body + "END:VCALENDAR\r\n"


def event(uid: str, start: str, end: str, summary: str, extra: str = "") -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n"
        f"DTSTART;TZID=Europe/Madrid:{start}\r\nDTEND;TZID=Europe/Madrid:{end}\r\n"
        f"SUMMARY:{summary}\r\nORGANIZER:mailto:{OWNER}\r\n{extra}END:VEVENT\r\n"
    )


@pytest.fixture
def week_calendar(tmp_path: Path) -> Path:
    """2 h proactive demo, overlapped by 1 h of internal meeting, 1 h support, a declined hour."""
    path = tmp_path / "week.ics"
    path.write_text(
        calendar(
            event(
                "a",
                "20261116T090000",
                "20261116T110000",
                "Demo Globex",
                "ATTENDEE:mailto:buyer@globex.example\r\n",
            ),
            event("b", "20261116T100000", "20261116T113000", "Team sync"),
            event("c", "20261117T090000", "20261117T100000", "Support ticket Initech"),
            event(
                "d",
                "20261118T090000",
                "20261118T100000",
                "Vendor pitch",
                f"ATTENDEE;PARTSTAT=DECLINED:mailto:{OWNER}\r\n",
            ),
        ),
        encoding="utf-8",
    )
    return path


def run_json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_report_counts_overlap_once_under_the_higher_category(week_calendar: Path) -> None:
    data = run_json("time", "report", str(week_calendar), "--person", OWNER, *WEEK)
    [person] = data["people"]
    [week] = person["weeks"]
    assert person["person"] == OWNER
    assert week["week"] == "2026-W47"
    assert week["available_hours"] == 40.0
    assert week["hours"] == {"proactive": 2.0, "reactive": 1.0, "internal": 0.5, "unlogged": 36.5}
    assert week["merged_minutes"] == 60
    assert week["share"]["proactive"] == 0.05


def test_report_json_has_stable_keys(week_calendar: Path) -> None:
    data = run_json(
        "time", "report", str(week_calendar), "--person", OWNER, *WEEK, "--target", "40%"
    )
    assert set(data) == {"people", "warnings"}
    week = data["people"][0]["weeks"][0]
    assert set(week) == {"week", "available_hours", "hours", "share", "merged_minutes", "target"}
    assert (
        set(week["hours"])
        == set(week["share"])
        == {"proactive", "reactive", "internal", "unlogged"}
    )
    assert week["target"]["met"] is False


def test_entries_show_the_rule_and_why_an_entry_is_not_counted(week_calendar: Path) -> None:
    data = run_json("time", "entries", str(week_calendar), "--person", OWNER, *WEEK)
    by_summary = {row["summary"]: row for row in data["entries"]}
    assert by_summary["Demo Globex"]["category"] == "proactive"
    assert by_summary["Support ticket Initech"]["category"] == "reactive"
    assert all(row["rule"] for row in data["entries"])
    assert by_summary["Demo Globex"]["start"] == "2026-11-16T09:00:00+01:00"
    [declined] = data["excluded"]
    assert declined["summary"] == "Vendor pitch" and "DECLINED" in declined["reason"]


ABSENCES = (
    "BEGIN:VEVENT\r\nUID:oof\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261118\r\n"
    "DTEND;VALUE=DATE:20261119\r\nSUMMARY:Vacation\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:carnival\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261119\r\n"
    "DTEND;VALUE=DATE:20261120\r\nSUMMARY:Carnival [Not a public holiday]\r\nEND:VEVENT\r\n"
)


def test_an_absence_is_listed_with_why_it_lowers_the_available_hours(tmp_path: Path) -> None:
    """Found by QA: all-day absences were in neither list, and a 'Not a public holiday'
    entry of a holiday calendar was taken for a day off."""
    path = tmp_path / "away.ics"
    path.write_text(calendar(ABSENCES), encoding="utf-8")
    data = run_json("time", "entries", str(path), "--person", OWNER, *WEEK)
    reasons = {row["summary"]: row["reason"] for row in data["excluded"]}
    assert reasons["Vacation"] == "out of office: lowers the week's available hours"
    assert reasons["Carnival [Not a public holiday]"] == "all-day event carries no hours"
    report = run_json("time", "report", str(path), "--person", OWNER, *WEEK)
    assert report["people"][0]["weeks"][0]["available_hours"] == 32.0


def test_entries_as_csv_neutralise_typed_formulas(tmp_path: Path) -> None:
    path = tmp_path / "f.ics"
    hostile = event("x", "20261117T100000", "20261117T110000", '=HYPERLINK("http://x")')
    path.write_text(calendar(hostile, ABSENCES), encoding="utf-8")
    result = runner.invoke(
        app, ["time", "entries", str(path), "--person", OWNER, *WEEK, "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("counted,start,end,all_day,hours,category,rule,reason")
    assert "'=HYPERLINK" in result.stdout and ",=HYPERLINK" not in result.stdout
    assert sum(line.startswith("no,") for line in lines) == 2


def test_user_rules_come_before_the_defaults(week_calendar: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[rule]]\nname = "syncs are planned"\ncategory = "proactive"\nkeywords_any = ["sync"]\n',
        encoding="utf-8",
    )
    data = run_json(
        "time", "entries", str(week_calendar), "--person", OWNER, *WEEK, "--rules", str(rules)
    )
    sync = next(row for row in data["entries"] if row["summary"] == "Team sync")
    assert (sync["category"], sync["rule"]) == ("proactive", "syncs are planned")


def test_csv_and_html_reports_are_written_to_files(week_calendar: Path, tmp_path: Path) -> None:
    for fmt in ("csv", "html"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(
            app,
            [
                "time",
                "report",
                str(week_calendar),
                "--person",
                OWNER,
                *WEEK,
                "--format",
                fmt,
                "--out",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
        assert "2026-W47" in out.read_text(encoding="utf-8")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html


def test_hostile_summary_is_text_in_the_html_report(tmp_path: Path) -> None:
    path = tmp_path / "x.ics"
    path.write_text(
        calendar(event("x", "20261116T090000", "20261116T100000", "<script>alert(1)</script>")),
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    result = runner.invoke(
        app,
        [
            "time",
            "report",
            str(path),
            "--person",
            OWNER,
            *WEEK,
            "--format",
            "html",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "<script>alert(1)</script>" not in out.read_text(encoding="utf-8")


def test_a_shared_crm_file_is_split_by_alias() -> None:
    files = [str(demo_dir() / "hubspot-calls.csv")]
    person = "lucia.romero@northwind.example"
    window = ["--tz", "Europe/Madrid", "--from", "2026-11-16", "--to", "2026-11-29"]
    without = run_json("time", "entries", *files, "--person", person, *window)
    assert without["entries"] == []
    assert any("Lucía Romero" in w for w in without["warnings"])
    mine = run_json(
        "time", "entries", *files, "--person", person, *window, "--alias", "Lucía Romero"
    )
    assert mine["entries"] and all(e["source"] == "hubspot-calls" for e in mine["entries"])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--from", "2026-11-16"], "--from and --to go together"),
        (["--from", "2026-11-20", "--to", "2026-11-16"], "--to"),
        (["--from", "16/11/2026", "--to", "2026-11-22"], "expected a date"),
        (["--target", "150%"], "target"),
        (["--tz", "Nowhere/City"], "Nowhere/City"),
    ],
)
def test_bad_options_end_in_one_line_and_exit_2(
    week_calendar: Path, args: list[str], expected: str
) -> None:
    result = runner.invoke(app, ["time", "report", str(week_calendar), "--person", OWNER, *args])
    assert result.exit_code == 2
    assert expected in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_file_that_is_not_a_calendar_or_export_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "photo.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = runner.invoke(app, ["time", "report", str(junk), "--person", OWNER, *WEEK])
    assert result.exit_code == 2
    assert "photo.csv" in result.output


def test_person_is_required_with_files(week_calendar: Path) -> None:
    result = runner.invoke(app, ["time", "report", str(week_calendar), *WEEK])
    assert result.exit_code == 2
    assert "--person" in result.output


@pytest.mark.parametrize("command", ["report", "entries"])
def test_the_table_goes_to_out_when_asked(
    week_calendar: Path, tmp_path: Path, command: str
) -> None:
    """Found by QA: --out was ignored with the default table format."""
    out = tmp_path / "report.txt"
    args = ["time", command, str(week_calendar), "--person", OWNER, *WEEK, "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "2026-W47" in text if command == "report" else "Counted entries" in text
    assert "\x1b[" not in text  # plain text, no terminal colours
    assert "2026-W47" not in result.stdout and "Counted entries" not in result.stdout


def test_an_out_path_that_cannot_be_written_is_one_line(
    week_calendar: Path, tmp_path: Path
) -> None:
    args = ["time", "report", str(week_calendar), "--person", OWNER, *WEEK]
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "missing" / "r.txt")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["report", "entries"])
def test_csv_keeps_the_warnings_on_stderr(tmp_path: Path, command: str) -> None:
    """Found by QA: with --format csv every bad-row message was dropped."""
    calls = tmp_path / "calls.csv"
    lines = (demo_dir() / "hubspot-calls.csv").read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1].split(",")
    first[2] = "31/02/2026 10:00"  # Activity date
    calls.write_text("\n".join([header, ",".join(first), *lines[2:]]) + "\n", encoding="utf-8")
    args = ["time", command, str(calls), "--person", "lucia.romero@northwind.example"]
    window = ["--tz", "Europe/Madrid", "--from", "2026-11-16", "--to", "2026-11-29"]
    result = runner.invoke(app, [*args, *window, "--alias", "Lucía Romero", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "warning: calls.csv, line 2" in result.stderr


def test_a_rules_folder_is_named_as_a_folder(week_calendar: Path, tmp_path: Path) -> None:
    args = ["time", "report", str(week_calendar), "--person", OWNER, *WEEK]
    result = runner.invoke(app, [*args, "--rules", str(tmp_path)])
    assert result.exit_code == 2
    assert "a folder, not a rules file" in result.stderr


def test_entries_as_html_names_the_formats_it_has(week_calendar: Path) -> None:
    args = ["time", "entries", str(week_calendar), "--person", OWNER, *WEEK, "--format", "html"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "entries are listed as table, json or csv" in result.stderr
