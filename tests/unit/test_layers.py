"""The pure layers stay pure: domain/ and importers/ never import Django; domain/ never imports importers/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "pillars"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def python_files(layer: str) -> list[Path]:
    files = sorted((SRC / layer).rglob("*.py"))
    assert files, f"no Python files under {layer}"
    return files


@pytest.mark.parametrize("layer", ["domain", "importers", "exporters"])
def test_pure_layer_does_not_import_django(layer: str) -> None:
    offenders = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in python_files(layer)
        for name in imported_modules(path)
        if name == "django"
        or name.startswith("django.")
        or name.startswith("pillars.teams")
        or name.startswith("pillars.timeuse")
    ]
    assert offenders == []


def test_domain_does_not_import_importers() -> None:
    offenders = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in python_files("domain")
        for name in imported_modules(path)
        if name.startswith("pillars.importers") or name.startswith("pillars.exporters")
    ]
    assert offenders == []


def test_the_check_catches_a_django_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from django.db import models\n", encoding="utf-8")
    assert "django.db" in imported_modules(sample)
