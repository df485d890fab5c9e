"""PostgreSQL: the application runs as a role that owns nothing, so it cannot switch the audit triggers off.

The roles are made inside the test's transaction (``CREATE ROLE`` is transactional in PostgreSQL), with the
grants ``councildesk audit grants`` prints and docs/deploy.md uses, so nothing outlives the test.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from councildesk.audit import roles
from councildesk.audit.services import record
from councildesk.audit.verification import verify_council
from tests import factories

pytestmark = pytest.mark.postgres


@pytest.fixture
def runtime(sandon) -> str:
    name = f"councildesk_runtime_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS")
        cursor.execute(roles.runtime_grants(name))
    return name


def _as(role: str) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {role}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def test_the_runtime_role_owns_nothing_and_bypasses_nothing(runtime):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = %s", [runtime]
        )
        assert cursor.fetchone() == (False, False, False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = %s)",
            [runtime],
        )
        assert cursor.fetchone() == (0,)
        cursor.execute(
            "SELECT count(*) FROM pg_proc WHERE proowner = (SELECT oid FROM pg_roles WHERE rolname = %s)", [runtime]
        )
        assert cursor.fetchone() == (0,)


def test_the_application_runs_as_the_runtime_role(runtime, sandon):
    """Writes through the services (a person, a role, their audit events) and verification all work."""
    as_runtime = _as(runtime)
    next(as_runtime)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (runtime,)
        call_command("migrate", verbosity=0, interactive=False)  # what serve does on start: nothing to apply
        factories.person_with_role(sandon, "councillor")
        with transaction.atomic():
            record(council=sandon, actor=None, action="test.recorded", subject=("thing", 1), data={"n": 1})
        assert verify_council(sandon).ok
    finally:
        next(as_runtime, None)


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        ("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only", "must be owner"),
        ("ALTER TABLE audit_auditevent DISABLE TRIGGER ALL", "must be owner"),
        ("ALTER TABLE audit_audithead DISABLE TRIGGER audit_head_forward_only", "must be owner"),
        ("DROP TRIGGER audit_event_append_only ON audit_auditevent", "must be owner"),
        ("ALTER TABLE audit_auditevent OWNER TO CURRENT_USER", "must be owner"),
        (
            "CREATE OR REPLACE FUNCTION councildesk_audit_append_only() RETURNS trigger AS $$ BEGIN RETURN NEW; END; "
            "$$ LANGUAGE plpgsql",
            "permission denied for schema public|must be owner",
        ),
        ("SET session_replication_role = replica", "permission denied"),
        ("UPDATE audit_auditevent SET action = 'x'", "permission denied"),
        ("DELETE FROM audit_auditevent", "permission denied"),
        ("TRUNCATE audit_auditevent CASCADE", "permission denied"),
        ("DELETE FROM audit_audithead", "permission denied"),
        ("UPDATE audit_audithead SET seq = seq - 1", "append-only"),
    ],
)
def test_the_runtime_role_cannot_switch_off_or_bypass_the_audit_triggers(runtime, sandon, sql, refusal):
    as_runtime = _as(runtime)
    next(as_runtime)
    try:
        with pytest.raises(DatabaseError, match=refusal), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        next(as_runtime, None)
    assert verify_council(sandon).ok


def test_grants_refuse_a_role_name_that_is_not_plain():
    with pytest.raises(ValueError, match="not a plain PostgreSQL role name"):
        roles.runtime_grants("app; DROP TABLE audit_auditevent")
