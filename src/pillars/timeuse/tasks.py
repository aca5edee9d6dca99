"""Background work of the time pillar, run by `manage.py db_worker` (django-tasks)."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from pillars.errors import PillarsError
from pillars.timeuse.actions import import_activities
from pillars.timeuse.imports import read_options, upload_dir
from pillars.timeuse.models import ImportRun, ImportStatus

logger = logging.getLogger(__name__)
MISSING = "the uploaded file is no longer on the server: upload it again"
UNEXPECTED = "the import stopped on an unexpected error; the worker's log has the details"


@task()
def run_import(run_id: int) -> str:
    """Import a queued run's uploaded file; progress and the outcome are kept on the run."""
    run = ImportRun.objects.select_related("person__organization", "started_by").get(pk=run_id)
    if run.status != ImportStatus.QUEUED:
        return str(run.status)  # already taken by another worker, or retried after finishing
    runs = ImportRun.objects.filter(pk=run_id)
    runs.update(status=ImportStatus.RUNNING)
    try:
        import_activities(
            person=run.person,
            path=upload_dir() / run.upload,
            options=read_options(run),
            started_by=run.started_by,
            progress=lambda rows: runs.update(rows_read=rows),
            run=run,
        )
    except PillarsError as exc:
        runs.update(status=ImportStatus.FAILED, error=str(exc), finished_at=timezone.now())
        return ImportStatus.FAILED
    except FileNotFoundError:
        runs.update(status=ImportStatus.FAILED, error=MISSING, finished_at=timezone.now())
        return ImportStatus.FAILED
    except Exception:
        logger.exception("import run %s failed", run_id)
        runs.update(status=ImportStatus.FAILED, error=UNEXPECTED, finished_at=timezone.now())
        raise
    return ImportStatus.DONE
