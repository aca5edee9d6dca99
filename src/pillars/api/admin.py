"""API tokens in the admin: listed and revoked (deleted), never shown or edited."""

from django.contrib import admin

from pillars.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created", "last_used"]
    search_fields = ["user__username", "name", "prefix"]
    readonly_fields = ["user", "name", "prefix", "created", "last_used"]
    exclude = ["token_hash"]

    def has_add_permission(self, request: object) -> bool:
        return False  # tokens are created with `pillars token create`: shown once there
