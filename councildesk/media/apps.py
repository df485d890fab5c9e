from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "councildesk.media"
    default_auto_field = "django.db.models.BigAutoField"
