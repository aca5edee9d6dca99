"""Admin screens for looking at imports and fixing rules by hand."""

from typing import Any

from django.contrib import admin

from pillars.timeuse.models import Activity, DailyNote, ImportRun, Rule, Target
from pillars.timeuse.week_cache import touch_people


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "person",
        "file_name",
        "created",
        "updated",
        "unchanged",
        "skipped",
    ]
    list_filter = ["source_kind"]
    raw_id_fields = ["person", "started_by"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["start", "person", "summary", "category", "override_category", "rule"]
    list_filter = ["category", "override_category", "source"]
    search_fields = ["summary", "account", "source_id"]
    raw_id_fields = ["person", "import_run"]
    date_hierarchy = "start"

    # Edits here change a person's weeks like an import does: their remembered figures go.
    def save_model(self, request: Any, obj: Activity, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        touch_people([obj.person_id])

    def delete_model(self, request: Any, obj: Activity) -> None:
        super().delete_model(request, obj)
        touch_people([obj.person_id])

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        people = set(queryset.values_list("person_id", flat=True))
        super().delete_queryset(request, queryset)
        touch_people(people)


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "category", "organization", "active"]
    list_filter = ["organization", "active"]


admin.site.register(Target)
admin.site.register(DailyNote)
