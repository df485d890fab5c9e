"""PostgreSQL row-level security for tenancy (COUNCILDESK_RLS, on by default): every council table, and every
table that reaches its council through another row, has the policy; under the runtime role a query without the
council setting returns nothing, and one with it returns that council's rows only; the bypass is explicit; a
request under a council's URL sees that council only.

Roles and extra tables are made inside the test's transaction (DDL is transactional in PostgreSQL): nothing
outlives the test.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client

from councildesk.audit import roles
from councildesk.people.models import Role, Ward, WardMembership
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


def as_runtime_role() -> str:
    """Switch this connection to a fresh role like the runtime role (no superuser, no BYPASSRLS, owns nothing),
    with no council, no person and no bypass. The test's transaction takes it all back."""
    name = f"councildesk_runtime_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS")
        cursor.execute(roles.runtime_grants(name))
        cursor.execute(f"SET ROLE {name}")
    rls.restore(("", "", ""))
    return name


@pytest.fixture
def runtime(two) -> Iterator[str]:
    saved = rls.current()
    name = as_runtime_role()
    try:
        yield name
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
        rls.restore(saved)


def test_on_by_default(settings):
    assert rls.enabled()


def test_every_council_table_and_every_table_reaching_one_has_the_policy(db):
    """The meta-test: a new table with a council column, or one whose council is on a parent row, and no policy
    fails here. migrate (the owner) installs them."""
    protected = {p.table: p for p in rls.protected_tables()}
    assert {"people_role", "enquiries_enquiry", "audit_auditevent", "documents_document"} <= set(protected)
    # Tables whose council is on the parent: through the parent's own policy.
    assert protected["enquiries_enquirynote"].parent == "enquiries_enquiry"
    assert protected["enquiries_enquiryattachment"].parent == "enquiries_enquiry"
    assert protected["documents_decision"].parent == "documents_accessrequest"
    assert protected["correspondence_attachment"].parent == "correspondence_message"  # two rows away
    assert rls.unprotected() == []
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE tenancy_probe (id serial PRIMARY KEY, council_id bigint NOT NULL)")
        cursor.execute(
            "CREATE TABLE tenancy_probe_child (id serial PRIMARY KEY, "
            "enquiry_id bigint NOT NULL REFERENCES enquiries_enquiry (id))"
        )
    assert rls.unprotected() == ["tenancy_probe", "tenancy_probe_child"]
    rls.apply()
    assert rls.unprotected() == []


def test_turning_it_off_takes_the_policies_away_at_the_next_migrate(db, settings):
    settings.COUNCILDESK_RLS = False
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the audit triggers' pending checks run before the DDL
    call_command("migrate", verbosity=0, interactive=False)
    assert not rls.installed()
    settings.COUNCILDESK_RLS = True
    call_command("migrate", verbosity=0, interactive=False)
    assert rls.unprotected() == []


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


def test_a_row_whose_council_is_on_its_parent_follows_the_parent(runtime, two):
    sandon, district, a, b = two
    with rls.council_scope(sandon.pk):
        north = ward_create(actor=None, council=sandon, name="North")
        WardMembership.objects.create(ward=north, person=a, start=dt.date(2023, 5, 8))
        assert WardMembership.objects.count() == 1
    assert WardMembership.objects.count() == 0  # no council set: nothing
    with rls.council_scope(district.pk):
        assert WardMembership.objects.count() == 0
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            WardMembership.objects.create(ward_id=north.pk, person=b, start=dt.date(2023, 5, 8))


def test_a_write_into_another_council_is_refused(runtime, two):
    sandon, district, _, _ = two
    with rls.council_scope(sandon.pk), pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
        Ward.objects.create(council=district, name="Smuggled")


def test_a_persons_own_roles_are_readable_in_every_council_and_nobody_elses(runtime, two):
    sandon, district, a, b = two
    rls.set_person(a.pk)
    assert set(Role.objects.values_list("council_id", flat=True)) == {sandon.pk}
    assert not Role.objects.filter(person=b).exists()
    with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
        Role.objects.create(person=a, council=district, kind="councillor", start=dt.date(2023, 5, 8))  # read only


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
    assert rls.current() == rls.baseline()  # the request put back the connection's starting settings


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
