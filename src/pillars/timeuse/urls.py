from django.urls import path

from pillars.timeuse import (
    views,
    views_blocks,
    views_dashboard,
    views_downloads,
    views_import,
    views_notes,
    views_override,
    views_rules,
    views_targets,
)

urlpatterns = [
    path("", views.home, name="home"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("dashboard/teams/<int:team_id>/", views_dashboard.dashboard, name="dashboard-team"),
    path(
        "entries/<int:activity_id>/category/",
        views_override.override_entry,
        name="entry-category",
    ),
    path("people/<int:person_id>/imports/", views_import.person_imports, name="person-imports"),
    path("imports/<int:run_id>/", views_import.import_run, name="import-run"),
    path("imports/<int:run_id>/progress/", views_import.import_progress, name="import-progress"),
    path(
        "imports/<int:run_id>/problems.csv",
        views_import.import_problems_csv,
        name="import-problems",
    ),
    path("imports/<int:run_id>/undo/", views_import.import_undo, name="import-undo"),
    path("imports/<int:run_id>/again/", views_import.import_run_again, name="import-again"),
    path("rules/", views_rules.rules_list, name="rules"),
    path("rules/new/", views_rules.rule_form, name="rule-new"),
    path("rules/<int:rule_id>/edit/", views_rules.rule_form, name="rule-edit"),
    path("rules/<int:rule_id>/<str:change>/", views_rules.rule_change, name="rule-change"),
    path("targets/", views_targets.targets, name="targets"),
    path("targets/people/<int:person_id>/", views_targets.target_person, name="target-person"),
    path("targets/teams/<int:team_id>/", views_targets.target_team, name="target-team"),
    path("people/<int:person_id>/note/", views_notes.daily_note, name="daily-note"),
    path("people/<int:person_id>/checkup/", views_notes.checkup, name="checkup"),
    path("people/<int:person_id>/blocks/", views_blocks.blocks, name="blocks"),
    path("people/<int:person_id>/blocks.ics", views_blocks.blocks_ics, name="blocks-ics"),
    path(
        "people/<int:person_id>/report.csv",
        views_downloads.person_download,
        {"fmt": "report.csv"},
        name="person-report-csv",
    ),
    path(
        "people/<int:person_id>/report.xlsx",
        views_downloads.person_download,
        {"fmt": "report.xlsx"},
        name="person-report-xlsx",
    ),
    path(
        "people/<int:person_id>/entries.csv",
        views_downloads.person_download,
        {"fmt": "entries.csv"},
        name="person-entries-csv",
    ),
    path(
        "report.csv", views_downloads.team_download, {"fmt": "report.csv"}, name="team-report-csv"
    ),
    path(
        "report.xlsx",
        views_downloads.team_download,
        {"fmt": "report.xlsx"},
        name="team-report-xlsx",
    ),
]
