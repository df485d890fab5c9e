from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "councildesk.accounts"
    label = "accounts"
    verbose_name = "Sign-in and accounts"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from .services import record_lockout

        user_locked_out.connect(record_lockout, dispatch_uid="councildesk.accounts.lockout")
