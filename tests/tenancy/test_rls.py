"""PostgreSQL row-level security for tenancy (COUNCILDESK_RLS): every table with a council column has the policy;
under the runtime role a query without the council setting returns nothing, and one with it returns that council's
rows only; the bypass is explicit; a request under a council's URL sees that council only.

Policies and roles are made inside the test's transaction (DDL is transactional in PostgreSQL): nothing outlives
the test.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client

from councildesk.audit import roles
from councildesk.people.models import Role, Ward
from councildesk.people.services import ward_create
from councildesk.tenancy import rls
from tests import factories

pytestmark = pytest.mark.postgres


@pytest.fixture
def two(db):
    sandon, district = factories.council("sandon-burston"), factories.council("district-annex")
    a = factories.person_with_role(sandon, "councillor")
    b = factories.person_with_role(district, "councillor")
    return sandon, district, a, b


@pytest.fixture
def runtime(two, settings) -> Iterator[str]:
    settings.COUNCILDESK_RLS = True
    name = f"councildesk_runtime_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS")
        cursor.execute(roles.runtime_grants(name))
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the audit triggers' pending checks run before the DDL
    rls.apply()
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {name}")
    rls.set_bypass(False)
    rls.set_council(None)
    try:
        yield name
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
        rls.set_bypass(True)  # as the rest of the suite expects (the setting is off there)


def test_every_table_with_a_council_column_has_the_policy(db, settings):
    """The meta-test: a new table with a council column and no policy fails here."""
    tables = rls.council_tables()
    assert {"people_role", "enquiries_enquiry", "audit_auditevent", "documents_document"} <= set(tables)
    assert rls.unprotected() == tables  # off by default: no policy installed
    settings.COUNCILDESK_RLS = True
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("migrate", verbosity=0, interactive=False)  # migrate, run by the owner, installs them
    assert rls.unprotected() == []
    with connection.cursor() as cursor:  # a table made later without the policy is caught
        cursor.execute("CREATE TABLE tenancy_probe (id serial PRIMARY KEY, council_id bigint NOT NULL)")
    assert rls.unprotected() == ["tenancy_probe"]


def test_without_the_council_setting_the_runtime_role_sees_nothing(runtime, two):
    assert Role.objects.count() == 0
    assert Ward.objects.count() == 0


def test_with_the_setting_it_sees_that_council_only(runtime, two):
    sandon, district, a, b = two
    with rls.council_scope(sandon.pk):
        assert set(Role.objects.values_list("person_id", flat=True)) == {a.pk}
        assert not Role.objects.filter(council=district).exists()  # another council's rows: as if none existed
        ward_create(actor=None, council=sandon, name="North")  # a write, with its audit event, in scope
    with rls.council_scope(district.pk):
        assert set(Role.objects.values_list("person_id", flat=True)) == {b.pk}
        assert not Ward.objects.filter(name="North").exists()


def test_a_write_into_another_council_is_refused(runtime, two):
    sandon, district, _, _ = two
    with rls.council_scope(sandon.pk), pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
        Ward.objects.create(council=district, name="Smuggled")


def test_the_bypass_is_explicit(runtime, two):
    with rls.bypass("test: the sweep"):
        assert Role.objects.count() == 2
    assert Role.objects.count() == 0


def test_a_request_under_a_council_sees_that_council(runtime, two):
    sandon, district, a, _ = two
    client = Client()
    client.force_login(a)
    assert client.get(f"/c/{sandon.slug}/people/").status_code == 200
    assert client.get(f"/c/{district.slug}/people/").status_code == 404
    assert Role.objects.count() == 0  # the request cleared its council when it finished


def test_an_api_request_under_a_council_sees_that_council(runtime, two):
    from councildesk.api.tokens import token_issue

    sandon, district, a, _ = two
    with rls.bypass("test: issuing a token"):
        _, key = token_issue(actor=a, name="rls")
    headers = {"Authorization": f"Bearer {key}"}
    people = Client().get(f"/api/v1/councils/{sandon.slug}/people", headers=headers)
    assert people.status_code == 200, people.content
    assert a.username in people.content.decode()
    assert Client().get(f"/api/v1/councils/{district.slug}/people", headers=headers).status_code == 404
