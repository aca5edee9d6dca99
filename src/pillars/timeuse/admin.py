"""Admin screens for looking at imports and fixing rules by hand."""

from django.contrib import admin

from pillars.timeuse.models import Activity, DailyNote, ImportRun, Rule, Target


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


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "category", "organization", "active"]
    list_filter = ["organization", "active"]


admin.site.register(Target)
admin.site.register(DailyNote)
