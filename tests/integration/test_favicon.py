"""The site's icon: an SVG in static, linked from every page, so no /favicon.ico 404."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client

from tests.integration.conftest import Cast


def test_every_page_links_the_svg_icon(client: Client, cast: Cast) -> None:
    link = f'<link rel="icon" href="{static("pillars/favicon.svg")}" type="image/svg+xml">'
    assert link in client.get("/accounts/login/").content.decode()
    client.force_login(cast.rep.user)
    assert link in client.get(f"/people/{cast.rep.pk}/").content.decode()


def test_the_icon_is_a_small_svg_in_static() -> None:
    path = finders.find("pillars/favicon.svg")
    assert path is not None
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not any("style" in element.attrib for element in root.iter())  # the CSP
