from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "councildesk.complaints"
    default_auto_field = "django.db.models.BigAutoField"
