from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "councildesk.oversight"
    default_auto_field = "django.db.models.BigAutoField"
