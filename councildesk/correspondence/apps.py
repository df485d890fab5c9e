from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "councildesk.correspondence"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the "thread" and "consent" reply handlers with notifications.replyto at startup, so mail
        # intake can place a reply without importing this app.
        from . import replies  # noqa: F401
