"""Admin screens for setting up an organisation by hand."""

from django.contrib import admin

from pillars.teams.forms import ThrottledAdminAuthenticationForm
from pillars.teams.models import Organization, Person, PersonAlias, Team

# /admin/login/ would otherwise be a way around the login throttle.
admin.site.login_form = ThrottledAdminAuthenticationForm


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


class AliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "internal_domains"]
    inlines = [TeamInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organization"]
    list_filter = ["organization"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "role", "team", "weekly_hours", "proactive_target"]
    list_filter = ["role", "team"]
    search_fields = ["name", "email", "aliases__alias"]
    raw_id_fields = ["user"]
    inlines = [AliasInline]
