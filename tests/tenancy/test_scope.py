"""Under row-level security, the paths outside any one council each read what they should: the API's /me and
/councils (the token holder's own roles), the sweep and mail intake (an explicit bypass), and the pages named
in ``middleware.SPANNING``. Each test runs on a connection switched to a runtime-like role, with nothing set."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from councildesk.enquiries.models import Enquiry
from councildesk.mailin import listener
from councildesk.mailin.models import InboundEmail
from councildesk.people.services import role_grant
from councildesk.sweep.runner import sweep
from councildesk.tenancy import middleware, rls
from tests import factories
from tests.enquiries.conftest import cast_for
from tests.enquiries.conftest import frozen as frozen  # the fixture

from .test_rls import as_runtime_role

pytestmark = pytest.mark.postgres


def test_every_spanning_page_is_a_page_and_says_why():
    arguments = {"passkey_remove": [1]}  # a page about one passkey
    for name, reason in middleware.SPANNING.items():
        assert reverse(name, args=arguments.get(name, [])).startswith("/")
        assert len(reason) > 20


def test_the_api_outside_a_council_sees_the_holders_own_councils(db):
    from councildesk.api.tokens import token_issue

    sandon, district = factories.council("sandon-burston"), factories.council("district-annex")
    a = factories.person_with_role(sandon, "councillor")
    role_grant(actor=None, council=district, person=a, kind="councillor", start=dt.date(2023, 5, 8))
    factories.person_with_role(district, "officer")  # someone else's role, never shown
    _, key = token_issue(actor=a, name="rls")
    headers = {"Authorization": f"Bearer {key}"}
    saved = rls.current()
    as_runtime_role()
    try:
        me = Client().get("/api/v1/me", headers=headers)
        assert me.status_code == 200, me.content
        assert set(me.json()["councils"]) == {sandon.slug, district.slug}
        councils = Client().get("/api/v1/councils", headers=headers)
        assert councils.status_code == 200, councils.content
        assert {c["slug"] for c in councils.json()} == {sandon.slug, district.slug}
        assert rls.current() == rls.baseline()  # the request put back the connection's starting settings
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
        rls.restore(saved)


def test_the_pages_outside_a_council_see_the_persons_councils(db):
    sandon = factories.council("sandon-burston")
    a = factories.person_with_role(sandon, "councillor")
    client = Client()
    client.force_login(a)
    saved = rls.current()
    as_runtime_role()
    try:
        councils = client.get("/councils/")
        assert councils.status_code == 200
        assert sandon.name in councils.content.decode()
        assert client.get("/").status_code == 302  # home sends the person to their one council
        assert client.get("/accounts/").status_code == 200
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
        rls.restore(saved)


def test_the_sweep_spans_councils_by_its_own_bypass(db):
    factories.council("sandon-burston")
    saved = rls.current()
    as_runtime_role()
    try:
        report = sweep()
        failed = [r for r in report.results if r.error]
        assert report.results
        assert not failed, failed
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
        rls.restore(saved)


@pytest.mark.usefixtures("frozen")
def test_mail_intake_stores_and_places_by_its_own_bypass(db, monkeypatch):
    from tests.mailin.conftest import message

    cast = cast_for("sandon-burston")
    monkeypatch.setattr(listener, "close_old_connections", lambda: None)  # the test's own transaction stays open
    saved = rls.current()
    as_runtime_role()
    try:
        listener._ingest(message(), "cllr@example.org", ["sandon-burston@localhost"])
        assert InboundEmail.objects.count() == 0  # stored and placed, yet nothing shows without a council
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
        rls.restore(saved)
    row = InboundEmail.objects.get()
    assert row.status == InboundEmail.Status.PLACED
    assert Enquiry.objects.get().raised_by == cast.councillor
