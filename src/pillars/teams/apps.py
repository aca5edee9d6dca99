from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "pillars.teams"
    default_auto_field = "django.db.models.BigAutoField"
