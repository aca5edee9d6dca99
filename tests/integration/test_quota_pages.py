"""The quota calculator page: worked figures, htmx partial, bad inputs as form errors."""

from __future__ import annotations

import json
import re
from html import unescape
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook
from typer.testing import CliRunner

from pillars.cli import app
from pillars.quota.forms import DEFAULTS
from tests.integration.conftest import Cast


def figure(html: str, name: str) -> str:
    found = re.search(rf'data-figure="{name}">(?:<strong>)?([^<]+)<', html)
    assert found, f"no figure {name}"
    return found.group(1).strip()


def calc(client: Client, cast: Cast, **changes: str) -> Any:
    client.force_login(cast.manager.user)
    return client.get("/quota/", {**DEFAULTS, **changes})


def test_first_visit_shows_the_worked_examples(client: Client, cast: Cast) -> None:
    client.force_login(cast.rep.user)
    html = client.get("/quota/").content.decode()
    assert figure(html, "employee-cost") == "90,000"
    assert figure(html, "saas-quota") == "450,000"
    assert figure(html, "break-even") == "857,143"
    assert figure(html, "industrial-quota") == "1,142,857"
    assert figure(html, "payout-at") == "12,500"
    assert "<svg" in html and "htmx" in html


@pytest.mark.parametrize(("multiplier", "quota"), [("1.5", "450,000"), ("2.0", "600,000")])
def test_saas_quota(client: Client, cast: Cast, multiplier: str, quota: str) -> None:
    assert figure(calc(client, cast, multiplier=multiplier).content.decode(), "saas-quota") == quota


def test_industrial_extra_200k(client: Client, cast: Cast) -> None:
    html = calc(client, cast, extra="200000").content.decode()
    assert figure(html, "industrial-quota") == "1,428,571"


@pytest.mark.parametrize(
    ("revenue", "payout"),
    [("800000", "0"), ("1000000", "12,500"), ("1142857", "25,000"), ("1300000", "45,625")],
)
def test_payout_at_revenue(client: Client, cast: Cast, revenue: str, payout: str) -> None:
    html = calc(client, cast, try_revenue=revenue).content.decode()
    assert figure(html, "payout-at") == payout


def test_sweden_preset_with_other_costs(client: Client, cast: Cast) -> None:
    html = calc(
        client, cast, cost_basis="preset", country="SE", other_costs="19000"
    ).content.decode()
    assert figure(html, "employee-cost") == "97,852"
    assert figure(html, "multiplier") == "1.631"


def test_ramp_first_year_on_600k(client: Client, cast: Cast) -> None:
    html = calc(client, cast, kind="saas", multiplier="2.0").content.decode()
    assert figure(html, "first-year") == "475,000"


def test_sensitivity_table_follows_the_kind(client: Client, cast: Cast) -> None:
    saas = calc(client, cast, kind="saas").content.decode()
    assert "quota by multiplier and units" in saas and "810,000" in saas  # 1.5 x 9 units
    industrial = calc(client, cast).content.decode()
    assert "quota by gross margin and extra" in industrial


def test_htmx_request_gets_only_the_results(client: Client, cast: Cast) -> None:
    client.force_login(cast.manager.user)
    response = client.get(
        "/quota/", {**DEFAULTS, "extra": "200000"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<form" not in html and "1,428,571" in html
    assert "HX-Request" in response["Vary"]


def test_htmx_script_is_served_locally(client: Client, cast: Cast) -> None:
    html = calc(client, cast).content.decode()
    script = re.search(r'<script src="([^"]+)"', html)
    assert script and script.group(1).startswith("/static/django_htmx/")
    assert "<script>" not in html and "cdn" not in html.lower()
    assert 'hx-get="/quota/"' in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"salary": "-60000"}, "Must be more than 0, got -60,000."),
        ({"salary": "0"}, "Must be more than 0"),
        ({"multiplier": "0.9"}, "Must be at least 1"),
        ({"cogs_percent": "100"}, "Cost of goods 100% of list price must be from 0 %"),
        ({"cogs_percent": "-5"}, "below 100 % of list price"),
        ({"extra": "0"}, "the quota must be above the break-even"),
        ({"units_margin": "0"}, "the quota equals the break-even"),
        ({"threshold_percent": "120"}, "120% of quota must be from 0 % to below 100 %"),
        ({"ramp": "0, 250"}, "250% in a month must be from 0 % to 100 %"),
        ({"accelerator": "0.5"}, "a decelerator"),
        ({"try_revenue": "-5"}, "Must be 0 or more, got -5"),
        ({"salary": "lots"}, "expected a number such as 60000 or 0.35"),
        ({"salary": "60,000"}, "(no thousands separators), got '60,000'"),
        ({"salary": "1e30"}, "no exponent"),
        ({"salary": "99999999999999"}, "is too large"),
        ({"multiplier": "1e400"}, "no exponent"),
    ],
)
def test_bad_inputs_are_form_errors(
    client: Client, cast: Cast, changes: dict, message: str
) -> None:
    response = calc(client, cast, **changes)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Check the inputs" in html and message.lower() in html.lower()
    assert 'data-figure="saas-quota"' not in html


def test_web_and_cli_refuse_the_same_extra(client: Client, cast: Cast) -> None:
    """--extra 0 is the break-even as quota: both refuse it, with the same reason."""
    cli = CliRunner().invoke(
        app,
        ["quota", "industrial", "--cost-per-person", "100000", "--extra", "0", "--cogs", "0.65"],
    )
    assert cli.exit_code == 2
    reason = cli.output.split("extra: ", 1)[1].strip()
    html = unescape(calc(client, cast, extra="0").content.decode())
    assert reason[:1].upper() + reason[1:] in html


def page_table(html: str) -> list[tuple[str, str]]:
    """(revenue, payout) of each row of the page's payout table."""
    body = html.split('<th class="num">Of variable</th>', 1)[1].split("</tbody>", 1)[0]
    cells = re.findall(r'<td class="num">([^<]*)</td>', body)
    return [(cells[i + 1], cells[i + 2]) for i in range(0, len(cells), 4)]


def test_cli_json_and_page_show_the_same_payout_table(client: Client, cast: Cast) -> None:
    """The page's default plan, typed into `quota payout` as the page shows it."""
    html = calc(client, cast).content.decode()
    result = CliRunner().invoke(
        app,
        ["quota", "payout", "--break-even", "857143", "--quota", "1142857"]
        + ["--variable", "25000", "--accelerator", "1.5", "--format", "json"],
    )
    rows = json.loads(result.stdout)["rows"]
    assert page_table(html) == [(f"{r['revenue']:,}", f"{r['payout']:,}") for r in rows]
    assert ("1,371,428", "55,000") in page_table(html)  # 120 %: 1.2 x 1,142,857, half up


def test_calculator_workbook_download(client: Client, cast: Cast) -> None:
    client.force_login(cast.rep.user)
    response = client.get("/quota/workbook.xlsx", DEFAULTS)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    assert book["Calculator"]["E15"].value == "=E14/E12"


def test_workbook_with_bad_inputs_is_400(client: Client, cast: Cast) -> None:
    client.force_login(cast.rep.user)
    response = client.get("/quota/workbook.xlsx", {**DEFAULTS, "cogs_percent": "100"})
    assert response.status_code == 400


def test_workbook_with_some_inputs_takes_the_defaults(client: Client, cast: Cast) -> None:
    client.force_login(cast.rep.user)
    response = client.get("/quota/workbook.xlsx", {"salary": "70000"})
    assert response.status_code == 200, response.content
    sheet = load_workbook(BytesIO(response.content))["Calculator"]
    assert sheet["B5"].value == 70000 and sheet["B6"].value == 1.5  # the page's multiplier
    assert sheet["E10"].value == 100000  # the page's extra


def test_workbook_with_a_bad_input_is_400_with_the_reason(client: Client, cast: Cast) -> None:
    client.force_login(cast.rep.user)
    response = client.get("/quota/workbook.xlsx", {"salary": "60,000"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Salary a year: Expected a number" in text and "'60,000'" in text


def test_page_with_some_inputs_takes_the_defaults(client: Client, cast: Cast) -> None:
    client.force_login(cast.rep.user)
    html = client.get("/quota/", {"multiplier": "2.0", "kind": "saas"}).content.decode()
    assert figure(html, "saas-quota") == "600,000"


def test_the_workbook_button_posts_the_inputs(client: Client, cast: Cast) -> None:
    client.force_login(cast.manager.user)
    response = client.post("/quota/workbook.xlsx", {"salary": "60000", "multiplier": "1.5"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('quota-calculator.xlsx"')
