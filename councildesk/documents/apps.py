from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "councildesk.documents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every module that registers an ACCESS_* rule, imported once at start-up, so a citation knows from the
        # first request which rules the product applies as a baseline where a protocol is silent.
        from . import need_to_know, onward, request_views, rules, statutory  # noqa: F401
