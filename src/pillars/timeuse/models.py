"""Imported activities, the import runs that brought them, rules, targets and daily notes."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models

from pillars.domain.records import Category
from pillars.teams.models import Organization, Person, Team

CATEGORY_CHOICES = [(c.value, c.value.title()) for c in Category if c != Category.UNLOGGED]


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    UNDONE = "undone", "Undone"


class ImportRun(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="import_runs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    source_kind = models.CharField(max_length=60, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    # Row problems as dicts: file, line, column, message, record_id, level.
    problems = models.JSONField(default=list, blank=True)
    # A web upload runs in the background: its state, how far it got and why it failed.
    # Imports from the command line are done when the row appears.
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default="done")
    rows_read = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # The uploaded file, relative to PILLARS_DATA_DIR/uploads, and the dates it is read for.
    upload = models.CharField(max_length=300, blank=True)
    read_from = models.DateField(null=True, blank=True)
    read_to = models.DateField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Runs recorded before undo existed kept no snapshots: they cannot be undone.
    undoable = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def in_progress(self) -> bool:
        return self.status in {ImportStatus.QUEUED, ImportStatus.RUNNING}


class ActivityQuerySet(models.QuerySet["Activity"]):
    def for_person(self, person: Person) -> ActivityQuerySet:
        return self.filter(person=person)

    def between(self, start: datetime, end: datetime) -> ActivityQuerySet:
        return self.filter(start__lt=end, end__gt=start)


class Activity(models.Model):
    # No index of its own: the unique key and the (person, start) index both lead with it, and
    # every extra index is maintained on each row of a million-row import.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="activities", db_index=False
    )
    # The run that last wrote the row, and the run that created it (undo removes those).
    import_run = models.ForeignKey(ImportRun, on_delete=models.SET_NULL, null=True, blank=True)
    created_by_run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_activities",
    )
    source = models.CharField(max_length=60)
    source_id = models.CharField(max_length=500)
    start = models.DateTimeField()
    end = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    summary = models.TextField(blank=True)
    kind = models.CharField(max_length=30, blank=True)
    crm_type = models.CharField(max_length=100, blank=True)
    direction = models.CharField(max_length=10, blank=True)
    owner = models.CharField(max_length=200, blank=True)
    organizer = models.CharField(max_length=254, blank=True)
    attendees = models.JSONField(default=list, blank=True)
    tags = models.JSONField(default=list, blank=True)
    account = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=20, blank=True)
    partstat = models.CharField(max_length=20, blank=True)
    transparent = models.BooleanField(default=False)
    busy_status = models.CharField(max_length=20, blank=True)
    private = models.BooleanField(default=False)
    line = models.PositiveIntegerField(default=0)
    category = models.CharField(max_length=10, choices=CATEGORY_CHOICES, blank=True)
    rule = models.CharField(max_length=200, blank=True)
    # A person's own correction; survives re-import.
    override_category = models.CharField(max_length=10, choices=CATEGORY_CHOICES, blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "source", "source_id"], name="activity_source_unique"
            )
        ]
        indexes = [models.Index(fields=["person", "start"])]

    @property
    def effective_category(self) -> str:
        return self.override_category or self.category


class ImportChange(models.Model):
    """An entry as it was before an import changed it, so undoing the import restores it."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="changes")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    # The written fields' previous values, JSON-ready (datetimes as ISO text).
    previous = models.JSONField()


class Rule(models.Model):
    """An organisation's own classification rule; runs before the shipped defaults."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=10, choices=CATEGORY_CHOICES)
    # Conditions in the same shape as a rules TOML table (see domain/classify.py).
    conditions = models.JSONField(default=dict)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]


class Target(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True)
    share = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)
    hours_per_week = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)


class DailyNote(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="daily_notes")
    date = models.DateField()
    decided_my_day = models.BooleanField()
    proactive_hours = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    text = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "date"], name="daily_note_unique")]
