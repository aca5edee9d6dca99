"""Shared fixtures: paths to the real-format files copied from the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def forget_remembered_reports() -> None:
    """Person ids repeat across tests (each one's database is rolled back): remembered weekly
    figures of one test must not answer in the next."""
    from django.core.cache import caches

    caches["reports"].clear()
