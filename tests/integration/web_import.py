"""Helpers of the web import tests: an upload directory, the task backends, an upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pillars.teams.models import Person

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
READ = {"from": "2024-09-30", "to": "2024-10-20"}  # the sample calendars' dates


@pytest.fixture
def uploads(settings: Any, tmp_path: Path) -> Path:
    """Uploads go to a temporary directory; imports run at once (the immediate backend)."""
    settings.PILLARS_UPLOAD_DIR = tmp_path / "uploads"
    settings.TASKS = IMMEDIATE
    return tmp_path / "uploads"


def upload(
    client: Client, viewer: Person, person: Person, text: str | bytes, name: str = "cal.ics"
) -> Any:
    """Log in as `viewer` and upload a file for `person`; the response of the POST."""
    client.force_login(viewer.user)
    content = text.encode("utf-8") if isinstance(text, str) else text
    data = {"file": SimpleUploadedFile(name, content), **READ}
    return client.post(f"/people/{person.pk}/imports/", data)
