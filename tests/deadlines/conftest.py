"""Councils with the targets, nation and closure days a test needs, set on the stored profile."""

from __future__ import annotations

import pytest

from councildesk.councils.models import Council
from tests.factories import person_with_role


def reshape(council: Council, **changes: object) -> Council:
    """Change the stored profile (as a council's edited profile file would) and return the council."""
    council.profile_data = {**council.profile_data, **changes}
    council.save(update_fields=["profile_data"])
    council.__dict__.pop("profile", None)
    return council


@pytest.fixture
def clerk(sandon):
    return person_with_role(sandon, "clerk")


@pytest.fixture
def signed_in(client, clerk):
    client.force_login(clerk)
    return client
