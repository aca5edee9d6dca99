"""No form sends the CSRF token in a URL, where history, logs and shared links keep it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("src/pillars/**/templates/**/*.html"))
FORM = re.compile(r"<form\b(?P<tag>[^>]*)>(?P<body>.*?)</form>", re.DOTALL | re.IGNORECASE)


def forms_with_a_token(text: str) -> list[tuple[str, str]]:
    return [(m["tag"], m["body"]) for m in FORM.finditer(text) if "csrf_token" in m["body"]]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_forms_holding_the_token_never_submit_it_by_get(path: Path) -> None:
    """Found by QA: the quota calculator pushed ?csrfmiddlewaretoken=... into the address bar
    (htmx hx-get with hx-push-url) and its workbook button submitted the form by GET."""
    for tag, body in forms_with_a_token(path.read_text(encoding="utf-8")):
        assert not re.search(r'method="get"', tag, re.IGNORECASE), path
        assert 'formmethod="get"' not in body.lower(), path
        if "hx-get" in tag:
            assert 'hx-params="not csrfmiddlewaretoken"' in tag, path


def test_the_templates_are_found() -> None:
    assert any(p.name == "calculator.html" for p in TEMPLATES)
