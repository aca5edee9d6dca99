"""Imported accounts and deals, their import runs, qualification answers and activity links."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from pillars.domain.customers_records import FunnelStage, Segment
from pillars.teams.models import Organization, Person
from pillars.timeuse.models import Activity

SEGMENT_CHOICES = [(s.value, s.value.title()) for s in Segment]
FUNNEL_CHOICES = [(s.value, s.value.replace("_", " ")) for s in FunnelStage]


class CustomerImportRun(models.Model):
    """One accounts or deals file brought in: who, when, counts and row problems."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="customer_imports"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=10)  # "accounts" or "deals"
    file_name = models.CharField(max_length=255)
    source_kind = models.CharField(max_length=60, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Account(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="accounts"
    )
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="accounts"
    )
    import_run = models.ForeignKey(
        CustomerImportRun, on_delete=models.SET_NULL, null=True, blank=True
    )
    source = models.CharField(max_length=60)
    source_id = models.CharField(max_length=255)
    name = models.CharField(max_length=255)
    domains = models.JSONField(default=list, blank=True)
    owner_ref = models.CharField(max_length=200, blank=True)  # the owner as the CRM wrote it
    crm_revenue = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    account_type = models.CharField(max_length=100, blank=True)
    line = models.PositiveIntegerField(default=0)
    # Manual decisions: they survive re-import.
    segment_override = models.CharField(max_length=10, choices=SEGMENT_CHOICES, blank=True)
    fully_penetrated = models.BooleanField(default=False)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "source", "source_id"], name="account_source_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Deal(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="deals")
    account = models.ForeignKey(
        Account, on_delete=models.SET_NULL, null=True, blank=True, related_name="deals"
    )
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="deals"
    )
    import_run = models.ForeignKey(
        CustomerImportRun, on_delete=models.SET_NULL, null=True, blank=True
    )
    source = models.CharField(max_length=60)
    source_id = models.CharField(max_length=255)
    name = models.CharField(max_length=255)
    account_ref = models.CharField(max_length=255, blank=True)  # the CRM's account id
    account_name = models.CharField(max_length=255, blank=True)
    owner_ref = models.CharField(max_length=200, blank=True)
    stage = models.CharField(max_length=100, blank=True)
    funnel_stage = models.CharField(max_length=20, choices=FUNNEL_CHOICES, blank=True)
    amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    created = models.DateField(null=True, blank=True)
    close_date = models.DateField(null=True, blank=True)
    closed = models.BooleanField(default=False)
    won = models.BooleanField(default=False)
    deal_type = models.CharField(max_length=100, blank=True)
    line = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-close_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "source", "source_id"], name="deal_source_unique"
            )
        ]


class AccountQualification(models.Model):
    """The questions a prospect must answer before it is pursued (DOMAIN.md §3)."""

    account = models.OneToOneField(Account, on_delete=models.CASCADE, related_name="qualification")
    need = models.TextField("What need does it address?", blank=True)
    urgency = models.TextField("Is the need urgent?", blank=True)
    budget = models.TextField("Is there a budget?", blank=True)
    decision_process = models.TextField("What is the decision process?", blank=True)
    other_deciders = models.TextField("Who else decides?", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    QUESTIONS = ("need", "urgency", "budget", "decision_process", "other_deciders")

    @property
    def answered(self) -> int:
        return sum(1 for name in self.QUESTIONS if getattr(self, name).strip())

    @property
    def complete(self) -> bool:
        return self.answered == len(self.QUESTIONS)


class ActivityLink(models.Model):
    """Which account an imported activity was about, and how that was found."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="account_link")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="activity_links")
    how = models.CharField(max_length=20)  # "crm id", "name" or "domain"
