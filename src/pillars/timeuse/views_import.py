"""Imports from the web: upload, progress, result, bad rows as CSV, history, undo, redo."""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pillars.exporters.report import neutralise_cell
from pillars.teams.access import get_person_for_user
from pillars.timeuse.access import get_import_run_for_user
from pillars.timeuse.forms_import import ImportForm, megabytes
from pillars.timeuse.imports import (
    ImportRefused,
    default_read_dates,
    import_again,
    queue_import,
    rows_read,
    save_upload,
    undo_import,
    undo_refusal,
)
from pillars.timeuse.models import ImportRun

HISTORY = 50
PROBLEM_COLUMNS = ("file", "line", "column", "level", "message", "record_id")


@login_required
@require_http_methods(["GET", "POST"])
def person_imports(request: HttpRequest, person_id: int) -> HttpResponse:
    """Upload a file for this person (queued for the worker) and their import history."""
    person = get_person_for_user(request.user, person_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        read = (form.cleaned_data["from"], form.cleaned_data["to"])
        run = queue_import(
            person=person,
            upload=save_upload(upload),
            file_name=upload.name,
            started_by=request.user,
            read=read if read[0] else default_read_dates(person),
        )
        return redirect("import-run", run_id=run.pk)
    runs = ImportRun.objects.filter(person=person).select_related("started_by")
    context = {
        "person": person,
        "form": form,
        "runs": runs.order_by("-created_at", "-pk")[:HISTORY],
    }
    context["limit"] = megabytes(settings.PILLARS_MAX_UPLOAD_BYTES)
    return render(
        request, "timeuse/import_person.html", context, status=400 if form.errors else 200
    )


@login_required
@require_GET
def import_run(request: HttpRequest, run_id: int) -> HttpResponse:
    """One import: its progress while it runs, then what it did and every bad row."""
    run = get_import_run_for_user(request.user, run_id)
    context = {"run": run, "person": run.person, "rows_read": rows_read(run)}
    return render(request, "timeuse/import_run.html", context)


@login_required
@require_GET
def import_progress(request: HttpRequest, run_id: int) -> HttpResponse:
    """The status partial the run page polls every second until the import has finished."""
    run = get_import_run_for_user(request.user, run_id)
    return render(request, "timeuse/_import_status.html", {"run": run, "rows_read": rows_read(run)})


@login_required
@require_GET
def import_problems_csv(request: HttpRequest, run_id: int) -> HttpResponse:
    """Every kept bad row and warning of an import, as a CSV safe to open in a spreadsheet."""
    run = get_import_run_for_user(request.user, run_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-problems.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(PROBLEM_COLUMNS)
    for problem in run.problems:
        writer.writerow(
            [
                neutralise_cell("" if problem.get(k) is None else str(problem.get(k)))
                for k in PROBLEM_COLUMNS
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_undo(request: HttpRequest, run_id: int) -> HttpResponse:
    """Ask, then remove what the import created and restore what it changed."""
    run = get_import_run_for_user(request.user, run_id)
    if request.method == "POST":
        try:
            removed, restored = undo_import(run=run)
        except ImportRefused as exc:
            messages.error(request, f"Not undone: {exc}")
        else:
            messages.success(request, f"Undone: {removed} entries removed, {restored} restored.")
        return redirect("import-run", run_id=run.pk)
    context = {"run": run, "person": run.person, "refusal": undo_refusal(run)}
    context["created_count"] = run.created_activities.count()
    context["overridden"] = run.created_activities.exclude(override_category="").count()
    return render(request, "timeuse/import_undo.html", context)


@login_required
@require_POST
def import_run_again(request: HttpRequest, run_id: int) -> HttpResponse:
    """Queue the same kept file again (redo after an undo)."""
    run = get_import_run_for_user(request.user, run_id)
    try:
        new = import_again(run=run, started_by=request.user)
    except ImportRefused as exc:
        messages.error(request, str(exc))
        return redirect("import-run", run_id=run.pk)
    return redirect("import-run", run_id=new.pk)
