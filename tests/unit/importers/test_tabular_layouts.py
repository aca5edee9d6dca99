"""Layout detection, forced layouts, generic mappings, and row errors that skip only their row."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import pytest

from pillars.errors import ConfigError, ImportFileError
from pillars.importers.profiles import ACTIVITIES, load_profiles
from pillars.importers.tabular import detect_layout, known_layouts

from .tabular_support import CRM, read, utc

EXPECTED_LAYOUTS = {
    "dynamics365-activitypointer.csv": "dynamics365-activitypointer",
    "espocrm-call.csv": "espocrm-call",
    "google-calendar-import.csv": "google-calendar-csv",
    "hubspot-calls.csv": "hubspot-calls",
    "hubspot-companies.csv": "hubspot-companies",
    "hubspot-deals.csv": "hubspot-deals",
    "hubspot-meetings.csv": "hubspot-meetings",
    "hubspot-tasks.csv": "hubspot-tasks",
    "odoo-calendar-event.csv": "odoo-calendar-event",
    "odoo-crm-lead.csv": "odoo-crm-lead",
    "odoo-mail-activity.csv": "odoo-mail-activity",
    "outlook-calendar-en.csv": "outlook-csv",
    "outlook-calendar-es-cp1252.csv": "outlook-csv-es",
    "pipedrive-activities.csv": "pipedrive-activities",
    "pipedrive-deals.csv": "pipedrive-deals",
    "quirks-es-excel-semicolon-bom.csv": "spreadsheet-es",
    "salesforce-Account.csv": "salesforce-account",
    "salesforce-Event.csv": "salesforce-event",
    "salesforce-Opportunity.csv": "salesforce-opportunity",
    "salesforce-Task.csv": "salesforce-task",
    "salesforce-activities-report.csv": "salesforce-report",
    "salesforce-dataloader-Task.csv": "salesforce-dataloader-task",
    "suitecrm-calls.csv": "suitecrm-calls",
    "twenty-opportunity.csv": "twenty-opportunity",
    "twenty-task.csv": "twenty-task",
    "zoho-calls.csv": "zoho-calls",
    "zoho-deals.csv": "zoho-deals",
}

SF_EVENT_HEADER = (
    "Id,Subject,ActivityDateTime,ActivityDate,DurationInMinutes,IsAllDayEvent,OwnerId,IsDeleted"
)


def header_of(name: str) -> list[str]:
    encoding = "cp1252" if "cp1252" in name else "utf-8-sig"
    with (CRM / name).open(encoding=encoding, newline="") as handle:
        return next(csv.reader(handle, delimiter=";" if "semicolon" in name else ","))


@pytest.mark.parametrize(("name", "layout"), sorted(EXPECTED_LAYOUTS.items()))
def test_each_export_is_recognised_by_its_header(name: str, layout: str) -> None:
    assert detect_layout(header_of(name)) == layout


def test_known_layouts_lists_every_bundled_profile() -> None:
    layouts = known_layouts()
    assert set(EXPECTED_LAYOUTS.values()) <= set(layouts)
    assert {"outlook-csv-de", "outlook-csv-fr"} <= set(layouts)


def test_every_activity_layout_requires_a_column_it_reads_a_date_from() -> None:
    for profile in load_profiles().values():
        if profile.records != ACTIVITIES:
            continue
        dated = {
            column
            for timing in profile.timings
            for key in ("start", "date", "end", "end_date")
            for column in timing.columns.get(key, ())
        }
        assert {c.casefold() for c in dated} & {c.casefold() for c in profile.required}, (
            profile.name
        )


def test_an_unknown_header_names_the_known_layouts() -> None:
    with pytest.raises(
        ImportFileError, match="unknown column layout; known layouts: .*hubspot-calls"
    ):
        detect_layout(["Name", "Colour"])


def test_a_nearly_matching_header_says_which_columns_are_missing() -> None:
    with pytest.raises(
        ImportFileError, match="HubSpot calls export .* lacks .*'Call duration'"
    ) as caught:
        detect_layout(["Record ID", "Call Title", "Activity date", "Activity assigned to"])
    assert caught.value.column == "Call duration"


def test_a_forced_layout_needs_its_columns() -> None:
    body = b"Record ID,Call Title,Activity date\n1,Call,2024-10-01 10:00\n"
    with pytest.raises(ImportFileError, match="needs the columns 'Call duration'"):
        read(body, layout="hubspot-calls")


def test_a_forced_layout_wins_over_detection() -> None:
    rows, _ = read("salesforce-Task.csv", layout="salesforce-dataloader-task")
    assert len(rows) == 5 and rows[0].source == "salesforce-task"


def test_an_unknown_forced_layout_is_refused() -> None:
    with pytest.raises(ImportFileError, match="unknown layout 'nope'"):
        read("hubspot-calls.csv", layout="nope")


def test_a_bad_duration_skips_only_its_row_and_says_what_was_expected() -> None:
    body = (
        f"{SF_EVENT_HEADER}\n"
        "E1,Demo,2024-10-09 08:00:00,2024-10-09,60,0,U1,0\n"
        "E2,Visit,2024-10-10 12:30:00,2024-10-10,1h30,0,U1,0\n"
        "E3,Call,2024-10-11 12:30:00,2024-10-11,30,0,U1,0\n"
    )
    rows, log = read(body.encode(), name="Event.csv")
    assert [a.source_id for a in rows] == ["E1", "E3"]
    (error,) = log.errors
    assert str(error) == (
        "Event.csv, line 3, column 'DurationInMinutes' (E2): expected minutes, got '1h30'"
    )


@pytest.mark.parametrize(
    ("cells", "column", "expected"),
    [
        ("2024-13-09 08:00:00,2024-10-09,60,0", "ActivityDateTime", "expected a date"),
        ("2024-10-09 08:00:00,2024-10-09,60,maybe", "IsAllDayEvent", "expected true or false"),
        ("2024-10-09 08:00:00,2024-10-09,-5,0", "DurationInMinutes", "between 0 and 31 days"),
    ],
)
def test_unreadable_cells_are_row_errors(cells: str, column: str, expected: str) -> None:
    body = f"{SF_EVENT_HEADER}\nE1,Demo,{cells},U1,0\nE2,Ok,2024-10-09 08:00:00,,30,0,U1,0\n"
    rows, log = read(body.encode())
    assert [a.source_id for a in rows] == ["E2"]
    assert log.errors[0].column == column and expected in log.errors[0].message


def test_an_end_before_the_start_is_a_row_error() -> None:
    body = (
        "Record ID,Meeting name,Meeting start time,Meeting end time\n"
        "1,Backwards,2024-10-09 11:00,2024-10-09 10:00\n"
    )
    rows, log = read(body.encode())
    assert rows == [] and log.errors[0].column == "Meeting end time"


def test_deleted_salesforce_rows_are_not_imported() -> None:
    body = f"{SF_EVENT_HEADER}\nE1,Demo,2024-10-09 08:00:00,,60,0,U1,1\nE2,Ok,2024-10-09 09:00:00,,60,0,U1,0\n"
    rows, log = read(body.encode())
    assert [a.source_id for a in rows] == ["E2"] and log.error_count == 0


def test_only_rows_touching_the_window_are_yielded() -> None:
    window = (datetime(2024, 10, 9, 8, 30, tzinfo=UTC), datetime(2024, 10, 15, 15, 0, tzinfo=UTC))
    rows, _ = read("salesforce-Event.csv", window=window)
    # 09 08:00-09:00 overlaps; 10th and 14th inside; 15 15:00 starts at the end: out.
    assert [a.source_id[-6:] for a in rows] == ["T01AAA", "T02AAA", "T03AAA"]


def test_a_zero_minute_task_at_the_window_start_is_inside() -> None:
    window = (utc("2024-10-02 14:03:10"), utc("2024-10-03 00:00"))
    rows, _ = read("salesforce-Task.csv", window=window)
    assert [a.source_id for a in rows] == ["00T1x00000TSK02AAA"]


def test_reimporting_a_file_gives_the_same_keys() -> None:
    for name in (
        "outlook-calendar-en.csv",
        "quirks-es-excel-semicolon-bom.csv",
        "hubspot-calls.csv",
    ):
        first, _ = read(name)
        second, _ = read(name)
        assert [(a.source, a.source_id) for a in first] == [(a.source, a.source_id) for a in second]
        assert len({a.source_id for a in first}) == len(first)


def test_a_header_only_file_yields_nothing() -> None:
    rows, log = read(b"Record ID,Call Title,Activity date,Call duration\n")
    assert rows == [] and log.error_count == 0


def test_blank_lines_between_rows_are_skipped_outside_reports() -> None:
    body = "Record ID,Call Title,Activity date,Call duration\n\n1,A,2024-10-01 10:00,0\n\n2,B,2024-10-01 11:00,0\n"
    rows, _ = read(body.encode())
    assert [(a.source_id, a.line) for a in rows] == [("1", 3), ("2", 5)]


def test_contradicting_date_orders_in_one_column_are_reported() -> None:
    body = "Asunto;Tipo;Fecha;Duración\nA;Llamada;13/10/2024;10\nB;Llamada;10/13/2024;10\nC;Llamada;14/10/2024;5\n"
    rows, log = read(body.encode())
    assert [a.summary for a in rows] == ["A", "C"]
    assert any("day-first and month-first" in w.message for w in log.warnings)
    assert log.errors[0].line == 3 and log.errors[0].column == "Fecha"


class TestGenericMapping:
    BODY = (
        b"Ref;Title;When;Minutes;Who;Client;Labels\n"
        b"A-1;Call Acme;01/10/2024 10:00;30;ana@example.com;Acme;Proactive, Plan\n"
        b"A-2;Visit Beta;2024-10-02 15:00;1,5;ana@example.com;Beta;\n"
    )
    MAPPING = {
        "id": "Ref", "summary": "Title", "start": "When", "duration": "Minutes",
        "owner": "Who", "account": "Client", "tags": "Labels",
    }  # fmt: skip

    def test_reads_any_layout_through_the_mapping(self) -> None:
        rows, log = read(self.BODY, mapping=self.MAPPING)
        assert log.error_count == 0
        first, second = rows
        assert (first.source, first.source_id, first.owner) == ("generic", "A-1", "ana@example.com")
        assert first.start == utc("2024-10-01 08:00") and first.minutes == 30
        assert first.tags == ("Proactive", "Plan") and second.minutes == 1.5

    def test_duration_unit_and_date_order_are_options(self) -> None:
        mapping = {**self.MAPPING, "duration_unit": "hours", "date_order": "mdy"}
        rows, _ = read(self.BODY, mapping=mapping)
        assert rows[0].start == utc("2024-01-10 09:00") and rows[1].minutes == 90

    def test_a_mapped_column_missing_from_the_file_fails_the_file(self) -> None:
        with pytest.raises(ImportFileError, match="'Duration'"):
            read(self.BODY, mapping={**self.MAPPING, "duration": "Duration"})

    def test_a_mapping_without_a_date_is_a_configuration_error(self) -> None:
        with pytest.raises(ConfigError, match="'start' or 'date'"):
            read(self.BODY, mapping={"summary": "Title"})

    def test_an_unknown_mapping_field_is_a_configuration_error(self) -> None:
        with pytest.raises(ConfigError, match="unknown mapping fields"):
            read(self.BODY, mapping={"start": "When", "colour": "Labels"})

    def test_rows_without_an_id_get_a_content_hash(self) -> None:
        mapping = {k: v for k, v in self.MAPPING.items() if k != "id"}
        rows, _ = read(self.BODY, mapping=mapping)
        assert all(a.source_id.startswith("h:") for a in rows)
        assert rows[0].source_id != rows[1].source_id


def test_an_unproven_day_month_order_is_read_by_the_layout_default_and_said() -> None:
    rows, log = read("salesforce-activities-report.csv")
    assert rows[1].start == utc("2024-10-09 08:00")  # 10/9/2024 read month-first
    assert any(w.column == "Date" and "month-first" in w.message for w in log.warnings)


def test_a_mapping_with_an_unknown_date_order_is_refused() -> None:
    with pytest.raises(ConfigError, match="date_order"):
        read(b"When\n01/02/2024\n", mapping={"start": "When", "date_order": "ymd"})


OUTLOOK_EN = (
    '"Subject","Start Date","Start Time","End Date","End Time","All day event",'
    '"Reminder on/off","Categories","Show time as"\n'
)


def test_english_outlook_with_uk_dates_is_read_day_first_when_a_date_proves_it() -> None:
    body = OUTLOOK_EN + (
        '"A","09/10/2024","10:00:00","09/10/2024","11:00:00","False","False","","2"\n'
        '"B","13/10/2024","10:00:00","13/10/2024","11:00:00","False","False","","2"\n'
    )
    rows, _ = read(body.encode())
    assert [a.start for a in rows] == [utc("2024-10-09 08:00"), utc("2024-10-13 08:00")]


def test_a_localised_outlook_export_keys_its_rows_like_the_english_one() -> None:
    english = (
        OUTLOOK_EN
        + '"Demo","10/9/2024","10:00:00 AM","10/9/2024","11:00:00 AM","False","True","","2"\n'
    )
    spanish = (
        '"Asunto","Fecha de comienzo","Comienzo","Fecha de finalización","Finalización",'
        '"Todo el día","Aviso activado/desactivado","Categorías","Mostrar horas como"\n'
        '"Demo","09/10/2024","10:00:00","09/10/2024","11:00:00","Falso","Verdadero","","2"\n'
    )
    (en,), _ = read(english.encode())
    (es,), _ = read(spanish.encode("cp1252"))
    assert (en.source, en.source_id, en.start) == (es.source, es.source_id, es.start)


def test_a_minimal_google_import_csv_is_recognised_and_its_end_defaults() -> None:
    body = b"Subject,Start Date,Start Time,End Date,End Time\nDemo,10/09/2024,10:00 AM,,\n"
    (event,), log = read(body)
    assert event.source == "google-calendar-csv" and event.minutes == 0
    assert event.start == utc("2024-10-09 08:00")


TRIMMED_OUTLOOK = (
    "Subject,Start Date,Start Time,End Date,End Time,All day event,Meeting Organizer,"
    "Required Attendees,Categories,Show time as\n"
    "Demo,10/9/2024,10:00 AM,10/9/2024,11:00 AM,False,ana@acme.example,bob@client.example,"
    "Proactive,2\n"
)


def test_a_trimmed_outlook_export_is_outlook_and_keeps_its_outlook_columns() -> None:
    assert detect_layout(TRIMMED_OUTLOOK.partition("\n")[0].split(",")) == "outlook-csv"
    (event,), log = read(TRIMMED_OUTLOOK.encode())
    assert event.source == "outlook-csv" and log.error_count == 0
    assert event.tags == ("Proactive",) and event.busy_status == "BUSY"
    assert event.organizer == "ana@acme.example" and event.attendees == ("bob@client.example",)


@pytest.mark.parametrize(
    ("header", "layout"),
    [
        # Google's own columns only: nothing Outlook-specific, Google's layout as before.
        (["Subject", "Start Date", "Start Time", "End Date", "End Time"], "google-calendar-csv"),
        (
            ["Subject", "Start Date", "Start Time", "End Date", "End Time", "All Day Event"]
            + ["Description", "Location", "Private"],
            "google-calendar-csv",
        ),
        # A German Outlook export without its reminder and category columns.
        (
            ["Betreff", "Beginnt am", "Beginnt um", "Endet am", "Endet um"]
            + ["Ganztägiges Ereignis", "Zeitspanne zeigen als"],
            "outlook-csv-de",
        ),
        # A Salesforce weekly Task export holds every column of a Data Loader Task export.
        (
            ["Id", "Subject", "ActivityDate", "Status", "OwnerId", "CallDurationInSeconds"]
            + ["IsDeleted", "SystemModstamp"],
            "salesforce-task",
        ),
    ],
)
def test_detection_prefers_the_layout_that_reads_more_of_the_header(
    header: list[str], layout: str
) -> None:
    assert detect_layout(header) == layout


def test_a_header_with_only_two_of_a_layouts_columns_is_not_taken_for_it() -> None:
    with pytest.raises(ImportFileError, match="unknown column layout"):
        detect_layout(["Subject", "Start Date", "Owner", "Minutes"])
