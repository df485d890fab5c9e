from django.apps import AppConfig


class DigestConfig(AppConfig):
    name = "councildesk.digest"
    label = "digest"
    default_auto_field = "django.db.models.BigAutoField"
