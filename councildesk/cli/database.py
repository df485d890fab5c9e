"""Checks shared by the commands that only read the database."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import connection


def require_migrated_database() -> None:
    """Refuse, clearly, to read a database that councildesk has not set up yet."""
    if "councils_council" not in connection.introspection.table_names():
        raise CommandError(
            "The database has no councildesk tables yet: run 'councildesk demo --load-only' or "
            "'councildesk serve' once to set it up.",
            returncode=2,
        )
