from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "councildesk.declarations"
    default_auto_field = "django.db.models.BigAutoField"
