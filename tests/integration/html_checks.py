"""What the Content-Security-Policy forbids, found in template sources and rendered pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pillars

SRC = Path(pillars.__file__).parent

_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")", re.I)
_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
_STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
_STYLE_TAG = re.compile(r"<style\b", re.I)
_JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
_POST_FORM = re.compile(r"<form\b[^>]*method=[\"']?post[^>]*>(.*?)</form>", re.I | re.S)


def template_files() -> list[Path]:
    """Every HTML template of the project (not Django's or third parties')."""
    return sorted(p for p in SRC.rglob("templates/**/*.html") if p.is_file())


def template_problems(text: str) -> list[str]:
    """Inline script, handler attributes, style attributes or tags, javascript: URLs."""
    checks = {
        "inline <script>": _INLINE_SCRIPT,
        "on* handler attribute": _HANDLER,
        "style attribute": _STYLE_ATTR,
        "<style> element": _STYLE_TAG,
        "javascript: URL": _JS_URL,
    }
    return [name for name, pattern in checks.items() if pattern.search(text)]


def forms_without_csrf(text: str) -> int:
    """POST forms in a template source that do not carry {% csrf_token %}."""
    return sum(1 for body in _POST_FORM.findall(text) if "csrf_token" not in body)


class _PageChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name.lower(): value or "" for name, value in attrs}
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in names.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "style":
                self.problems.append(f"<{tag} style=...>")
            if name in {"href", "src", "action"} and value.strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}=javascript:...>")


def page_problems(html: str) -> list[str]:
    """What a rendered page holds that the policy would block."""
    checker = _PageChecker()
    checker.feed(html)
    return checker.problems
