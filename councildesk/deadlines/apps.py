from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "councildesk.deadlines"
    default_auto_field = "django.db.models.BigAutoField"
