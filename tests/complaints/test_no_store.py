"""The most sensitive pages stay out of every cache. The security middleware marks every signed-in page no-store;
complaints, declarations and delegated decisions no longer set it themselves, so this proves they still get it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.complaints.conftest import build

pytestmark = pytest.mark.django_db


def test_complaint_declaration_and_delegation_pages_are_no_store():
    town = build("district-annex")
    client = Client()
    client.force_login(town.officer)
    for name in ("complaints", "complaint_new", "declarations", "declaration_new", "delegation", "delegation_new"):
        response = client.get(reverse(name, kwargs={"slug": town.council.slug}))
        assert response.status_code == 200, name
        assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}, name
