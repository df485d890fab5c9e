from django.apps import AppConfig


class DelegationConfig(AppConfig):
    name = "councildesk.delegation"
    default_auto_field = "django.db.models.BigAutoField"
