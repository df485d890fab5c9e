from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "councildesk.accounts"
    label = "accounts"
    verbose_name = "Sign-in and accounts"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out
        from django.db.models.signals import post_save

        from councildesk.people.models import Person

        from . import sessions
        from .services import record_lockout

        user_locked_out.connect(record_lockout, dispatch_uid="councildesk.accounts.lockout")
        user_logged_in.connect(sessions.signed_in, dispatch_uid="councildesk.accounts.sessions.in")
        user_logged_out.connect(sessions.signed_out, dispatch_uid="councildesk.accounts.sessions.out")
        # However a person comes to be inactive, their sessions end with it (the service also audits it).
        post_save.connect(sessions.person_saved, sender=Person, dispatch_uid="councildesk.accounts.sessions.saved")
