"""Fixtures for the protocol pages: the five councils with their seed documents imported, and a host admin."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from councildesk.people.models import Person
from councildesk.protocol.services import protocol_import

SEED_OF = {
    "sandon-burston": "000",
    "cottingham": "001",
    "district-annex": "002",
    "west-northants-town": "003",
    "mayor-town": "004",
}


@pytest.fixture
def imported(all_councils):
    """Every council, each with its seed protocol imported (skips where the seeds are not beside the checkout)."""
    seeds = settings.COUNCILDESK_SEEDS_DIR
    for slug, council in all_councils.items():
        found = sorted(seeds.glob(f"{SEED_OF[slug]}_*.txt")) if seeds.is_dir() else []
        if not found:
            pytest.skip(f"seed {SEED_OF[slug]} not found in {seeds}")
        protocol_import(actor=None, council=council, data=found[0].read_bytes(), filename=found[0].name)
    return all_councils


@pytest.fixture
def admin_client(db):
    admin = Person.objects.create(username="host.admin", is_host_admin=True)
    client = Client()
    client.force_login(admin)
    return client
