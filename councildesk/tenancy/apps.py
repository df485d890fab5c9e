from __future__ import annotations

from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "councildesk.tenancy"
    label = "tenancy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import rls

        connection_created.connect(rls.on_connect, dispatch_uid="councildesk.tenancy.on_connect")
        post_migrate.connect(rls.after_migrate, sender=self, dispatch_uid="councildesk.tenancy.after_migrate")
