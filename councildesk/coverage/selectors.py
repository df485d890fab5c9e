"""The inputs of the coverage report: the councils' profiles (installed, or shipped when none is installed),
the registry filled by every registering module, and the committed test map."""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from councildesk.councils.models import Council
from councildesk.councils.profiles import Profile, load_profile

from . import report, sources, testmap


def profiles(slug: str | None = None) -> dict[str, Profile]:
    """Slug -> profile for the installed councils, or for the shipped profiles where none is installed yet.
    An unknown slug gives an empty mapping."""
    migrated = Council._meta.db_table in connection.introspection.table_names()
    installed = {c.slug: c.profile for c in Council.objects.order_by("slug")} if migrated else {}
    if not installed:
        installed = {p.stem: load_profile(p) for p in sorted(settings.COUNCILDESK_PROFILES_DIR.glob("*.toml"))}
    if slug is not None:
        return {slug: installed[slug]} if slug in installed else {}
    return installed


def coverage_for(chosen: dict[str, Profile]) -> list[report.RuleCoverage]:
    sources.load()
    return report.build(chosen, testmap.committed())
