"""Every CRM fixture that holds activities imports with the vendor's own duration unit and zone.

Times are read in Europe/Madrid (UTC+2 in October 2024 until the 27th) unless the layout is
known to write UTC. Rows with a day but no time are placed from 09:00 local time.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from pillars.domain.records import Activity
from pillars.errors import ImportFileError

from .tabular_support import CRM, MADRID, by_id, read, utc


def check(activity: Activity, start: str, minutes: float, owner: str) -> None:
    assert activity.start == utc(start)
    assert activity.minutes == pytest.approx(minutes, abs=0.01)
    assert activity.owner == owner


def test_salesforce_event_export_is_utc_with_minutes_and_all_day_days() -> None:
    rows, log = read("salesforce-Event.csv")
    assert len(rows) == 5 and log.error_count == 0
    events = by_id(rows)
    check(events["00U1x00000EVT01AAA"], "2024-10-09 08:00", 60, "0051x00000REPaAAAA")
    check(events["00U1x00000EVT02AAA"], "2024-10-10 12:30", 90, "0051x00000REPbAAAA")
    check(events["00U1x00000EVT04AAA"], "2024-10-15 15:00", 30, "0051x00000REPaAAAA")
    check(events["00U1x00000EVT05AAA"], "2024-10-16 07:30", 45, "0051x00000REPbAAAA")
    fair = events["00U1x00000EVT03AAA"]
    assert fair.all_day and fair.start == datetime(2024, 10, 14, tzinfo=MADRID)
    assert fair.end == datetime(2024, 10, 15, tzinfo=MADRID)
    assert fair.transparent and fair.busy_status == "FREE"
    assert events["00U1x00000EVT04AAA"].kind == "call"
    assert events["00U1x00000EVT01AAA"].account == "0011x00000ACMEaAAA"
    assert {a.source for a in rows} == {"salesforce-event"}


def test_salesforce_task_export_uses_call_seconds_ending_at_completion() -> None:
    rows, log = read("salesforce-Task.csv")
    tasks = by_id(rows)
    assert len(rows) == 5
    check(tasks["00T1x00000TSK01AAA"], "2024-10-01 09:12:44", 9, "0051x00000REPaAAAA")
    assert tasks["00T1x00000TSK01AAA"].kind == "call"
    assert tasks["00T1x00000TSK01AAA"].direction == "outbound"
    check(tasks["00T1x00000TSK02AAA"], "2024-10-02 14:03:10", 0, "0051x00000REPaAAAA")
    assert tasks["00T1x00000TSK02AAA"].kind == "email"
    # An open task has only its due day: placed at 09:00 Madrid, zero minutes.
    check(tasks["00T1x00000TSK03AAA"], "2024-10-08 07:00", 0, "0051x00000REPbAAAA")
    assert tasks["00T1x00000TSK03AAA"].status == "planned"
    check(tasks["00T1x00000TSK05AAA"], "2024-10-07 10:15", 0, "0051x00000REPbAAAA")
    # The last task has no date at all: not a time entry, a warning and no row.
    assert "00T1x00000TSK06AAA" not in tasks
    assert any(w.line == 7 for w in log.warnings)
    assert log.error_count == 0


def test_salesforce_data_loader_export_matches_upper_case_headers_and_shares_ids() -> None:
    rows, log = read("salesforce-dataloader-Task.csv")
    tasks = by_id(rows)
    assert len(rows) == 5 and log.error_count == 0
    assert {a.source for a in rows} == {"salesforce-task"}
    check(tasks["00T1x00000TSK01AAA"], "2024-10-01 09:12:44", 9, "0051x00000REPaAAAA")
    check(tasks["00T1x00000TSK04AAA"], "2024-10-04 11:30", 0, "0051x00000REPbAAAA")
    check(tasks["00T1x00000TSK03AAA"], "2024-10-08 07:00", 0, "0051x00000REPbAAAA")
    assert tasks["00T1x00000TSK02AAA"].kind == "email"


def test_salesforce_report_stops_at_its_footer_and_reads_local_times() -> None:
    rows, log = read("salesforce-activities-report.csv")
    assert len(rows) == 5
    assert log.error_count == 0
    demo, visit = (a for a in rows if a.kind == "meeting")
    check(demo, "2024-10-09 08:00", 60, "Rep A")
    check(visit, "2024-10-10 12:30", 90, "Rep B")
    call = rows[0]
    check(call, "2024-10-01 07:00", 9, "Rep A")  # 540 call seconds on a day without time
    assert call.kind == "call" and call.status == "done" and call.line == 2
    assert demo.line == 4  # the first row's comment spans two lines
    assert len({a.source_id for a in rows}) == 5


def test_hubspot_calls_use_milliseconds_in_local_time() -> None:
    rows, log = read("hubspot-calls.csv")
    calls = by_id(rows)
    assert len(rows) == 5 and log.error_count == 0
    check(calls["51001"], "2024-10-01 09:12", 9, "Rep A")
    check(calls["51002"], "2024-10-08 07:00", 0, "Rep B")
    check(calls["51003"], "2024-10-09 14:20", 185 / 60, "Rep A")
    check(calls["51004"], "2024-10-15 15:00", 30, "Rep A")
    check(calls["51005"], "2024-10-16 06:05", 0.75, "Rep B")
    assert calls["51003"].direction == "inbound" and calls["51004"].direction == "outbound"
    assert calls["51001"].account == "ACME Industrial" and calls["51001"].kind == "call"
    assert calls["51002"].line == 4  # after the two-line note of the first call


def test_hubspot_meetings_take_end_minus_start_and_outcome_as_status() -> None:
    rows, _ = read("hubspot-meetings.csv")
    meetings = by_id(rows)
    assert len(rows) == 5
    check(meetings["61001"], "2024-10-09 08:00", 60, "Rep A")
    check(meetings["61002"], "2024-10-10 12:30", 90, "Rep B")
    check(meetings["61003"], "2024-10-16 07:30", 45, "Rep B")
    assert meetings["61001"].crm_type == "Demo" and meetings["61001"].status == "done"
    assert meetings["61003"].status == "planned"
    assert meetings["61004"].status == "cancelled"  # no show
    assert meetings["61005"].status == "cancelled"  # rescheduled


def test_hubspot_tasks_are_zero_minute_entries_at_completion_or_due_time() -> None:
    rows, _ = read("hubspot-tasks.csv")
    tasks = by_id(rows)
    assert len(rows) == 5
    check(tasks["71001"], "2024-10-04 09:30", 0, "Rep B")  # completed 11:30 Madrid
    check(tasks["71002"], "2024-10-08 07:00", 0, "Rep B")  # due 09:00 Madrid
    check(tasks["71004"], "2024-10-18 15:00", 0, "Rep A")
    assert tasks["71002"].kind == "call" and tasks["71003"].kind == "email"
    assert tasks["71004"].kind == "task" and tasks["71004"].status == "planned"


def test_pipedrive_activities_are_utc_with_hh_mm_durations() -> None:
    rows, _ = read("pipedrive-activities.csv")
    acts = by_id(rows)
    assert len(rows) == 6
    check(acts["301"], "2024-10-01 09:00", 15, "Rep A")
    check(acts["302"], "2024-10-09 08:00", 60, "Rep A")
    check(acts["305"], "2024-10-10 12:30", 90, "Rep B")
    check(acts["303"], "2024-10-08 07:00", 0, "Rep B")  # a due day only: 09:00 Madrid
    assert acts["303"].status == "planned" and acts["301"].status == "done"
    assert acts["302"].kind == "meeting" and acts["306"].kind == "email"


def test_dynamics_prefers_actual_times_over_scheduled_ones() -> None:
    rows, _ = read("dynamics365-activitypointer.csv")
    acts = {a.summary: a for a in rows}
    assert len(rows) == 6
    check(acts["Discovery call ACME Industrial"], "2024-10-01 09:12:44", 9, "Rep A")
    check(acts["Demo ACME Industrial"], "2024-10-09 08:00", 60, "Rep A")
    check(acts["Send price list"], "2024-10-04 11:00", 30, "Rep B")
    check(acts["Proposal ACME Industrial"], "2024-10-02 14:03:10", 0, "Rep A")
    assert acts["Cancelled visit Iberia Foods"].status == "cancelled"
    assert acts["Proactive follow-up Nordic Parts"].status == "planned"
    assert acts["Discovery call ACME Industrial"].kind == "call"
    assert acts["Demo ACME Industrial"].crm_type == "appointment"


def test_espocrm_calls_are_utc_with_seconds() -> None:
    rows, _ = read("espocrm-call.csv")
    calls = by_id(rows)
    assert len(rows) == 5
    check(calls["6705f1a2b3c4d5e6f"], "2024-10-01 09:12", 9, "Rep A")
    check(calls["6705f1a2b3c4d5e70"], "2024-10-08 07:00", 15, "Rep B")
    check(calls["6705f1a2b3c4d5e71"], "2024-10-09 14:20", 5, "Rep A")
    assert calls["6705f1a2b3c4d5e73"].status == "cancelled"  # Not Held
    assert calls["6705f1a2b3c4d5e71"].direction == "inbound"


def test_suitecrm_calls_add_hours_and_minutes() -> None:
    rows, _ = read("suitecrm-calls.csv")
    calls = {a.summary: a for a in rows}
    assert len(rows) == 5
    check(calls["Discovery call"], "2024-10-01 09:12", 15, "Rep A")
    check(calls["Site visit debrief"], "2024-10-10 14:00", 90, "Rep B")
    check(calls["Intro call"], "2024-10-22 06:00", 30, "Rep B")
    assert calls["Intro call"].status == "cancelled"


def test_odoo_calendar_events_use_float_hours_and_split_tags() -> None:
    rows, _ = read("odoo-calendar-event.csv")
    events = {a.summary: a for a in rows}
    assert len(rows) == 5
    check(events["Demo ACME Industrial"], "2024-10-09 08:00", 60, "Rep A")
    check(events["On-site visit Nordic Parts"], "2024-10-10 12:30", 90, "Rep B")
    check(events["Kick-off Iberia Foods"], "2024-10-16 07:30", 45, "Rep B")
    assert events["Demo ACME Industrial"].tags == ("Demo", "Proactive")
    fair = events["Trade fair"]
    assert fair.all_day and fair.end - fair.start == datetime(2024, 10, 15) - datetime(2024, 10, 14)
    assert all(a.source_id.startswith("h:") for a in rows)  # no id column


def test_odoo_activities_have_a_deadline_day_only() -> None:
    rows, log = read("odoo-mail-activity.csv")
    assert len(rows) == 5
    first = rows[0]
    check(first, "2024-10-08 07:00", 0, "Rep B")
    check(rows[4], "2024-10-30 08:00", 0, "Rep A")  # 09:00 Madrid after the DST change
    assert first.kind == "call" and first.status == "planned"
    assert log.warning_count == 1


def test_twenty_tasks_read_iso_utc_and_skip_undated_ones() -> None:
    rows, log = read("twenty-task.csv")
    assert len(rows) == 4
    check(rows[0], "2024-10-08 07:00", 0, "Rep B")
    check(rows[1], "2024-10-04 06:00", 0, "Rep B")
    assert rows[1].status == "done"
    assert [w.line for w in log.warnings] == [6]


def test_zoho_calls_use_seconds_and_call_type_as_direction() -> None:
    rows, _ = read("zoho-calls.csv")
    calls = by_id(rows)
    assert len(rows) == 6
    check(calls["5735001000000520001"], "2024-10-01 09:12", 9, "Rep A")
    check(calls["5735001000000520002"], "2024-10-09 14:20", 185 / 60, "Rep A")
    check(calls["5735001000000520005"], "2024-10-15 15:00", 30, "Rep A")
    assert calls["5735001000000520002"].direction == "inbound"
    assert calls["5735001000000520004"].direction == "inbound"  # missed
    assert calls["5735001000000520002"].crm_type == "Support"
    assert calls["5735001000000520003"].tags == ("Proactive", "Follow-up")
    assert calls["5735001000000520006"].status == "planned"


def test_zoho_calls_fall_back_to_the_mm_ss_duration_column() -> None:
    rows, _ = read(read_zoho_without_seconds(), name="zoho.csv")
    assert [round(a.minutes, 2) for a in rows] == [9.0, 3.08, 0.0, 0.0, 30.0, 0.0]


def read_zoho_without_seconds() -> bytes:
    lines = (CRM / "zoho-calls.csv").read_text(encoding="utf-8").splitlines()
    kept = []
    for line in lines:
        cells = line.split('","')
        del cells[8]  # "Call Duration (in seconds)"
        kept.append('","'.join(cells))
    return "\n".join(kept).encode()


def test_outlook_csv_reads_local_times_categories_and_show_time_as() -> None:
    rows, log = read("outlook-calendar-en.csv")
    events = {a.summary: a for a in rows}
    assert len(rows) == 6 and log.error_count == 0
    demo = events["Demo ACME Industrial"]
    assert demo.start == utc("2024-10-09 08:00") and demo.minutes == 60
    assert demo.tags == ("Proactive", "Customer Visit") and demo.busy_status == "BUSY"
    assert events["Follow-up call Iberia Foods"].minutes == 15
    fair = events["Trade fair"]
    assert fair.all_day and fair.start == datetime(2024, 10, 14, tzinfo=MADRID)
    assert fair.end == datetime(2024, 10, 15, tzinfo=MADRID) and fair.busy_status == "OOF"
    assert events["Dentist"].private
    assert events["Internal pipeline review"].start == utc("2024-10-18 11:00")
    assert events["On-site visit Nordic Parts"].line == 4


def test_google_calendar_csv_reads_am_pm_times_and_all_day_rows() -> None:
    rows, _ = read("google-calendar-import.csv")
    events = {a.summary: a for a in rows}
    assert len(rows) == 5
    assert events["On-site visit Nordic Parts"].start == utc("2024-10-10 12:30")
    assert events["On-site visit Nordic Parts"].minutes == 90
    assert events["Follow-up call Iberia Foods"].minutes == 15
    assert events["Trade fair"].all_day
    assert events["Trade fair"].end == datetime(2024, 10, 15, tzinfo=MADRID)
    assert events["Dentist"].private and not events["Demo ACME Industrial"].private


def test_rows_without_an_id_column_get_the_same_content_id_on_every_import() -> None:
    outlook, _ = read("outlook-calendar-en.csv")
    again, _ = read("outlook-calendar-en.csv")
    assert [a.source_id for a in outlook] == [a.source_id for a in again]


def test_spanish_excel_file_resolves_day_first_and_every_duration_form() -> None:
    rows, log = read("quirks-es-excel-semicolon-bom.csv")
    assert log.error_count == 0
    assert [a.summary for a in rows][0] == "Llamada ACME Industrial"  # BOM stripped
    assert [a.start.astimezone(MADRID).date().isoformat() for a in rows] == [
        "2024-10-03", "2024-03-10", "2024-10-13", "2024-10-14", "2024-10-14",
    ]  # fmt: skip
    assert [a.minutes for a in rows] == [90, 90, 90, 90, 45]
    assert [a.kind for a in rows] == ["call", "meeting", "meeting", "task", "call"]
    # Two rows on 14/10 without a time: one after the other from 09:00 Madrid.
    assert rows[3].start == utc("2024-10-14 07:00") and rows[4].start == utc("2024-10-14 08:30")
    assert rows[1].line == 4  # the first row's note spans two lines


def test_spanish_excel_file_imports_through_a_generic_mapping() -> None:
    mapping = {"summary": "Asunto", "type": "Tipo", "date": "Fecha", "duration": "Duración",
               "account": "Cuenta"}  # fmt: skip
    rows, log = read("quirks-es-excel-semicolon-bom.csv", mapping=mapping)
    assert log.error_count == 0
    assert [a.minutes for a in rows] == [90, 90, 90, 90, 45]
    assert rows[2].start.astimezone(MADRID).date().isoformat() == "2024-10-13"
    assert {a.source for a in rows} == {"generic"}


@pytest.mark.parametrize(
    "name",
    [
        "hubspot-companies.csv", "hubspot-deals.csv", "salesforce-Account.csv",
        "salesforce-Opportunity.csv", "pipedrive-deals.csv", "zoho-deals.csv",
        "odoo-crm-lead.csv", "twenty-opportunity.csv",
    ],
)  # fmt: skip
def test_accounts_and_deals_exports_are_refused_as_activities(name: str) -> None:
    with pytest.raises(
        ImportFileError, match="looks like an accounts/deals export, not activities"
    ):
        read(name)
