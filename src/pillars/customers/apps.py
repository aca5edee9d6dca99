from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "pillars.customers"
    default_auto_field = "django.db.models.BigAutoField"
