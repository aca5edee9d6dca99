"""Account and deal exports -> records: every bundled layout, wrong files, bad cells."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pillars.domain.customers_records import AccountRecord, DealRecord, FunnelStage
from pillars.errors import ConfigError, ImportFileError
from pillars.importers.base import ReadLog
from pillars.importers.customer_layouts import customer_layouts
from pillars.importers.customers import CustomerReadLog, domains_of, read_accounts, read_deals
from pillars.importers.tabular import read_table
from tests.unit.importers.tabular_support import CRM, options

DEAL_FILES = (
    "salesforce-Opportunity.csv", "hubspot-deals.csv", "pipedrive-deals.csv", "zoho-deals.csv",
    "odoo-crm-lead.csv", "twenty-opportunity.csv",
)  # fmt: skip


def deals(name: str) -> dict[str, DealRecord]:
    log = ReadLog(name)
    records = read_deals(CRM / name, log)
    assert log.errors == []
    return {r.name: r for r in records}


def accounts(
    source: Path | bytes, name: str = "t.csv", **kw: object
) -> tuple[list[AccountRecord], ReadLog]:
    log = ReadLog(name)
    return read_accounts(source, log, **kw), log  # type: ignore[arg-type]


def test_every_account_and_deal_layout_has_a_customer_table() -> None:
    names = set(customer_layouts())
    assert names == {
        "salesforce-account", "hubspot-companies", "salesforce-opportunity", "hubspot-deals",
        "pipedrive-deals", "zoho-deals", "odoo-crm-lead", "twenty-opportunity",
    }  # fmt: skip


@pytest.mark.parametrize("name", DEAL_FILES)
def test_every_vendor_agrees_on_the_won_service_contract(name: str) -> None:
    deal = deals(name)["Iberia Foods - Service contract"]
    assert (deal.closed, deal.won) == (True, True)
    assert deal.amount == Decimal("48000.50")
    assert deal.funnel_stage == FunnelStage.WIN
    assert deal.close_date == date(2024, 10, 16)


@pytest.mark.parametrize("name", [n for n in DEAL_FILES if n != "twenty-opportunity.csv"])
def test_every_vendor_with_a_lost_state_marks_the_spare_parts_deal_lost(name: str) -> None:
    deal = deals(name)["Nordic Parts - Spare parts"]
    assert deal.lost


def test_salesforce_uses_isclosed_iswon_not_stage_names() -> None:
    rows = deals("salesforce-Opportunity.csv")
    assert rows["ACME Industrial - Line upgrade"].open  # "Negotiation/Review"
    assert rows["ACME Industrial - Line upgrade"].account_id == "0011x00000ACMEaAAA"
    renamed = (CRM / "salesforce-Opportunity.csv").read_bytes().replace(b"Closed Won", b"Gewonnen")
    log = ReadLog("renamed.csv")
    again = {r.name: r for r in read_deals(renamed, log)}
    assert again["Iberia Foods - Service contract"].won


def test_salesforce_keeps_each_rows_currency() -> None:
    rows = deals("salesforce-Opportunity.csv")
    assert rows["Nordic Parts - Spare parts"].currency == "SEK"
    assert rows["ACME Industrial - Training"].currency == "EUR"


def test_odoo_lost_is_inactive_and_leads_are_not_deals() -> None:
    rows = deals("odoo-crm-lead.csv")
    assert rows["Nordic Parts - Spare parts"].lost  # stage "Qualified", Active False
    assert "Inbound web lead" not in rows
    assert rows["ACME Industrial - Line upgrade"].source_id.startswith("h:")


def test_odoo_leads_are_counted_as_skipped_with_a_warning() -> None:
    log = CustomerReadLog("odoo-crm-lead.csv")
    records = read_deals(CRM / "odoo-crm-lead.csv", log)
    assert len(records) == 4
    assert log.skipped_rows == 1
    assert [w.message for w in log.warnings] == [
        "1 lead (type lead) skipped: only opportunities are deals"
    ]
    assert (log.warnings[0].column, log.error_count) == ("Type", 0)


def test_several_skipped_rows_are_counted_in_one_warning() -> None:
    text = (CRM / "odoo-crm-lead.csv").read_text()
    lead = text.splitlines()[-1]
    log = CustomerReadLog("leads.csv")
    read_deals("\n".join([text.rstrip(), lead, lead]).encode(), log, name="leads.csv")
    assert log.skipped_rows == 3
    assert log.warnings[0].message == "3 leads (type lead) skipped: only opportunities are deals"


def test_twenty_amounts_are_micros() -> None:
    rows = deals("twenty-opportunity.csv")
    assert rows["ACME Industrial - Line upgrade"].amount == Decimal("250000.00")
    assert rows["Nordic Parts - Pilot"].amount is None
    assert rows["Nordic Parts - Spare parts"].currency == "SEK"


def test_pipedrive_status_decides_and_stage_says_how_far() -> None:
    rows = deals("pipedrive-deals.csv")
    assert rows["Nordic Parts - Spare parts"].funnel_stage == FunnelStage.PROPOSAL
    assert rows["Nordic Parts - Pilot"].amount == Decimal("0.00")


def test_hubspot_companies_keep_domains_and_revenue() -> None:
    records, log = accounts(CRM / "hubspot-companies.csv")
    acme = records[0]
    assert (acme.source, acme.source_id, acme.name) == (
        "hubspot-companies",
        "9001",
        "ACME Industrial",
    )
    assert acme.domains == ("acme-industrial.example",)
    assert acme.revenue == Decimal("250000.00")
    assert log.errors == []


def test_salesforce_accounts_by_crm_id() -> None:
    records, _ = accounts(CRM / "salesforce-Account.csv")
    assert [r.source_id for r in records][:2] == ["0011x00000ACMEaAAA", "0011x00000NORDbAAA"]
    assert records[1].currency == "SEK"


def test_a_deals_file_given_as_accounts_says_what_it_is() -> None:
    with pytest.raises(ImportFileError, match="deals export.*import it as deals"):
        accounts(CRM / "hubspot-deals.csv")


def test_an_accounts_file_given_as_deals_says_an_accounts_export() -> None:
    with pytest.raises(ImportFileError, match="this is an accounts export .*import it as accounts"):
        read_deals(CRM / "hubspot-companies.csv", ReadLog("hubspot-companies.csv"))


def test_an_activities_file_given_as_deals_is_refused() -> None:
    with pytest.raises(ImportFileError, match="not deals"):
        read_deals(CRM / "hubspot-calls.csv", ReadLog("hubspot-calls.csv"))


def test_accounts_are_still_refused_as_activities() -> None:
    with pytest.raises(ImportFileError, match="accounts/deals"):
        list(read_table(CRM / "hubspot-companies.csv", options(), ReadLog("x")))


def test_a_bad_amount_is_a_row_error_with_line_and_column() -> None:
    text = (CRM / "hubspot-deals.csv").read_text().replace(",48000.5,", ",lots,")
    log = ReadLog("deals.csv")
    records = read_deals(text.encode(), log, name="deals.csv")
    assert len(records) == 4
    (error,) = log.errors
    assert (error.file, error.line, error.column) == ("deals.csv", 3, "Amount")
    assert str(error) == "deals.csv, line 3, column 'Amount' (17002): expected a number, got 'lots'"


def test_a_bad_date_is_a_row_error() -> None:
    text = (CRM / "zoho-deals.csv").read_text().replace('"2024-09-30"', '"someday"')
    log = ReadLog("z.csv")
    assert len(read_deals(text.encode(), log, name="z.csv")) == 4
    assert log.errors[0].column == "Closing Date"


def test_generic_mapping_semicolons_and_decimal_commas() -> None:
    data = "Nr;Firma;Betrag;Währung;Gewonnen;Datum\n1;Acme;1.234,50;eur;ja;31/12/2024\n".encode()
    mapping = {"id": "Nr", "name": "Firma", "amount": "Betrag", "currency": "Währung",
               "won": "Gewonnen", "close_date": "Datum"}  # fmt: skip
    log = ReadLog("g.csv")
    (record,) = read_deals(data, log, mapping=mapping, name="g.csv")
    assert record.amount == Decimal("1234.50")
    assert (record.currency, record.won, record.closed) == ("EUR", True, True)
    assert record.close_date == date(2024, 12, 31)


def test_generic_mapping_needs_a_name_and_known_keys() -> None:
    with pytest.raises(ConfigError, match="needs 'name'"):
        read_accounts(b"a\n1\n", ReadLog("x"), mapping={"id": "a"})
    with pytest.raises(ConfigError, match="unknown keys"):
        read_accounts(b"a\n1\n", ReadLog("x"), mapping={"name": "a", "colour": "b"})


def test_domains_are_cleaned() -> None:
    assert domains_of("https://www.Acme.example/about; acme.es, nope") == (
        "acme.example",
        "acme.es",
    )
