from django.apps import AppConfig


class TimeuseConfig(AppConfig):
    name = "pillars.timeuse"
    default_auto_field = "django.db.models.BigAutoField"
