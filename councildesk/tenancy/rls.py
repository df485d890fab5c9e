"""Row-level security for tenancy, on PostgreSQL only.

Every table in the schema with a ``council_id`` column gets ENABLE and FORCE ROW LEVEL SECURITY and one policy,
``council_isolation``: a row is visible and writable only when its ``council_id`` equals the connection's
``app.council_id`` setting, or when ``app.rls_bypass`` is ``on``. With neither set, a query returns nothing.

- ``council_scope(id)`` sets ``app.council_id``; the middleware does it for every request under a council's URL.
- ``bypass(reason)`` sets ``app.rls_bypass`` for the few paths that must span councils: the sweep, signing in
  (its events go to every council of the person), the account pages and the list of one's councils
  (``middleware.SPANNING``), and the console script's own commands (``operator_process``). Nothing else sets it.

The settings are plain custom settings that any SQL the application sends could change: row-level security here
is a second wall against an application query that forgets its council filter, not against SQL injection (the
ORM's parameters are the wall for that). The runtime role (``audit/roles.py``) owns nothing and has no
BYPASSRLS, so the policies apply to it; the owner is held to them as well (FORCE), and superusers are not.

``COUNCILDESK_RLS`` (off by default) turns it on: migrations then install the policies, and connections start
without the bypass. While it is off, no policy is installed and nothing changes.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

log = logging.getLogger(__name__)
_operator = False  # set by the console script: its main thread spans councils (migrate, verify, checkpoint, ...)

POLICY = "council_isolation"
COUNCIL_SETTING = "app.council_id"
BYPASS_SETTING = "app.rls_bypass"
_TABLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

COUNCIL_TABLES_SQL = """
SELECT c.table_name
FROM information_schema.columns c
JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE c.table_schema = current_schema() AND c.column_name = 'council_id' AND t.table_type = 'BASE TABLE'
ORDER BY c.table_name
"""

POLICY_CHECK = (
    "(council_id::text = current_setting('app.council_id', true) OR current_setting('app.rls_bypass', true) = 'on')"
)


def enabled() -> bool:
    return bool(getattr(settings, "COUNCILDESK_RLS", False))


def is_postgresql(conn: BaseDatabaseWrapper | None = None) -> bool:
    return (conn or default_connection).vendor == "postgresql"


def council_tables(conn: BaseDatabaseWrapper | None = None) -> list[str]:
    """Every table in the schema with a council column."""
    with (conn or default_connection).cursor() as cursor:
        cursor.execute(COUNCIL_TABLES_SQL)
        return [row[0] for row in cursor.fetchall()]


def policy_sql(table: str) -> list[str]:
    if not _TABLE.match(table):
        raise ValueError(f"{table!r} is not a plain table name")
    return [
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY',
        f'DROP POLICY IF EXISTS {POLICY} ON "{table}"',
        f'CREATE POLICY {POLICY} ON "{table}" USING {POLICY_CHECK} WITH CHECK {POLICY_CHECK}',
    ]


def apply(conn: BaseDatabaseWrapper | None = None) -> list[str]:
    """Install (or refresh) the policy on every council table. Run as the tables' owner. Returns the tables."""
    conn = conn or default_connection
    tables = council_tables(conn)
    with conn.cursor() as cursor:
        for table in tables:
            for sql in policy_sql(table):
                cursor.execute(sql)
    return tables


def remove(conn: BaseDatabaseWrapper | None = None) -> None:
    """Take the policies off again (turning COUNCILDESK_RLS off on a database that had them)."""
    conn = conn or default_connection
    with conn.cursor() as cursor:
        for table in council_tables(conn):
            cursor.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
            cursor.execute(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
            cursor.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')


def unprotected(conn: BaseDatabaseWrapper | None = None) -> list[str]:
    """Council tables without RLS enabled and forced and the policy: what the meta-test fails on."""
    conn = conn or default_connection
    tables = council_tables(conn)
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relrowsecurity AND c.relforcerowsecurity "
            "AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = %s)",
            [POLICY],
        )
        protected = {row[0] for row in cursor.fetchall()}
    return [t for t in tables if t not in protected]


# Setting the council -----------------------------------------------------------------------------------------


def _set(name: str, value: str, conn: BaseDatabaseWrapper | None = None) -> None:
    conn = conn or default_connection
    if not is_postgresql(conn):
        return
    with conn.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [name, value])


def set_council(council_id: int | None, conn: BaseDatabaseWrapper | None = None) -> None:
    """Make ``council_id`` the connection's council (or none: then council tables show nothing)."""
    _set(COUNCIL_SETTING, "" if council_id is None else str(int(council_id)), conn)


def set_bypass(on: bool, conn: BaseDatabaseWrapper | None = None) -> None:
    _set(BYPASS_SETTING, "on" if on else "", conn)


@contextlib.contextmanager
def council_scope(council_id: int) -> Iterator[None]:
    """Run the block with ``council_id`` as the connection's council, then restore none."""
    set_council(council_id)
    try:
        yield
    finally:
        set_council(None)


@contextlib.contextmanager
def bypass(reason: str) -> Iterator[None]:
    """Run the block across councils. Only for the paths named in this module's docstring; ``reason`` is logged."""
    if not enabled() or not is_postgresql():
        yield
        return
    log.debug("row-level security bypassed: %s", reason)
    set_bypass(True)
    try:
        yield
    finally:
        set_bypass(False)


# Signals ----------------------------------------------------------------------------------------------------


def operator_process() -> None:
    """The console script's commands work across councils (migrations, audit verify and checkpoint, backups, the
    demo's loading): their main thread's connections start with the bypass. The server's request threads and
    the sweep thread are other threads, so they do not."""
    global _operator
    _operator = True


def on_connect(sender: Any, connection: BaseDatabaseWrapper, **_: Any) -> None:
    """While RLS is off, a connection starts with the bypass on, so a database that still has policies works as
    before; while it is on, a connection starts with no council and no bypass, and sees no council's rows (except
    an operator command's main thread, see ``operator_process``)."""
    operator = _operator and threading.current_thread() is threading.main_thread()
    if is_postgresql(connection) and (not enabled() or operator):
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [BYPASS_SETTING])


def after_migrate(sender: Any, using: str = "default", **_: Any) -> None:
    from django.db import connections

    conn = connections[using]
    if not (is_postgresql(conn) and enabled()):
        return
    with conn.cursor() as cursor:  # the runtime role (serve's own migrate) owns nothing and cannot add policies
        cursor.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tableowner <> current_user "
            "AND tablename = ANY(%s)",
            [council_tables(conn)],
        )
        not_mine = cursor.fetchone()[0]
    if not_mine:
        if missing := unprotected(conn):
            log.warning("row-level security: no policy on %s (run migrate as the owner role)", ", ".join(missing))
        return
    tables = apply(conn)
    log.info("row-level security on %s council tables", len(tables))
