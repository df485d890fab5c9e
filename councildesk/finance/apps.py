from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "councildesk.finance"
    default_auto_field = "django.db.models.BigAutoField"
