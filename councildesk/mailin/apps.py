from django.apps import AppConfig


class MailinConfig(AppConfig):
    name = "councildesk.mailin"
    default_auto_field = "django.db.models.BigAutoField"
