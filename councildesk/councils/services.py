"""Writes for councils: create or update a council from its profile file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.db import transaction

from councildesk.audit import events
from councildesk.audit.services import record

from .models import Council
from .profiles import Profile, load_profile


def council_sync_from_profile(*, path: Path) -> tuple[Council, bool]:
    """Create the council a profile describes, or update it when the file changed. Returns (council, changed)."""
    profile = load_profile(path)
    return council_sync(profile=profile, sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def council_sync(*, profile: Profile, sha256: str) -> tuple[Council, bool]:
    data = profile.model_dump(mode="json")
    with transaction.atomic():
        council = Council.objects.select_for_update().filter(slug=profile.slug).first()
        if council is None:
            council = Council.objects.create(
                slug=profile.slug,
                name=profile.name,
                kind=profile.kind,
                nation=profile.nation,
                profile_data=data,
                profile_sha256=sha256,
            )
            record(
                council=council,
                actor=None,
                action=events.COUNCIL_CREATED,
                subject=council,
                data={"name": profile.name, "profile_sha256": sha256},
            )
            return council, True
        if council.profile_sha256 == sha256:
            return council, False
        council.name, council.kind, council.nation = profile.name, profile.kind, profile.nation
        council.profile_data, council.profile_sha256 = data, sha256
        council.save(update_fields=["name", "kind", "nation", "profile_data", "profile_sha256"])
        council.__dict__.pop("profile", None)
        record(
            council=council,
            actor=None,
            action=events.COUNCIL_PROFILE_UPDATED,
            subject=council,
            data={"profile_sha256": sha256},
        )
        return council, True
