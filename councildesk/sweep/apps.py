from django.apps import AppConfig


class SweepConfig(AppConfig):
    name = "councildesk.sweep"
    default_auto_field = "django.db.models.BigAutoField"
