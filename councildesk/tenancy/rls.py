"""Row-level security for tenancy, on PostgreSQL only (ADR 0015).

Every table in the schema with a ``council_id`` column gets ENABLE and FORCE ROW LEVEL SECURITY and one policy,
``council_isolation``: a row is visible and writable only when its ``council_id`` equals the connection's
``app.council_id`` setting, or when ``app.rls_bypass`` is ``on``. With neither set, a query returns nothing.
A table without a council column that reaches its council through another row (an enquiry's notes, a request's
decisions) gets the same policy through that row: ``EXISTS`` the parent row, which its own policy then filters.
Both kinds are found by introspection (``protected_tables``), so a new table is covered at the next ``migrate``.

Two narrower policies sit beside it, read-only:
- ``own_roles`` on ``people_role``: a person's own roles in every council are readable once ``app.person_id``
  names them (the access gate finds a person's councils, and a Monitoring Officer's standing in a council their
  principal council serves, before any council is chosen);
- ``principal_side`` on ``people_monitoringarrangement``: the principal council sees the arrangements by which
  it serves other councils.

- ``council_scope(id)`` sets ``app.council_id``; the middleware does it for every request under a council's URL.
- ``person_scope(id)`` sets ``app.person_id``; the middleware does it for the signed-in person, the API for the
  token's holder.
- ``bypass(reason)`` sets ``app.rls_bypass`` for the few paths that must span councils, each named in ADR 0015:
  the sweep, mail intake, signing in, the pages in ``middleware.SPANNING`` and the console script's own
  commands (``operator_process``). Nothing else sets it.

The settings are plain custom settings that any SQL the application sends could change: row-level security here
is a second wall against an application query that forgets its council filter, not against SQL injection (the
ORM's parameters are the wall for that). The runtime role (``audit/roles.py``) owns nothing and has no
BYPASSRLS, so the policies apply to it; the owner is held to them as well (FORCE), and superusers are not.

``COUNCILDESK_RLS`` (on by default; SQLite ignores it) turns it on: migrations install the policies, and
connections start without the bypass. Off, migrations take the policies away again and connections start with
the bypass, so nothing changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

log = logging.getLogger(__name__)
_operator = False  # set by the console script: its main thread spans councils (migrate, verify, checkpoint, ...)

POLICY = "council_isolation"
OWN_ROLES = "own_roles"
PRINCIPAL_SIDE = "principal_side"
COUNCIL_SETTING = "app.council_id"
PERSON_SETTING = "app.person_id"
BYPASS_SETTING = "app.rls_bypass"
SETTINGS = (COUNCIL_SETTING, PERSON_SETTING, BYPASS_SETTING)
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

COUNCIL_TABLES_SQL = """
SELECT c.table_name
FROM information_schema.columns c
JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE c.table_schema = current_schema() AND c.column_name = 'council_id' AND t.table_type = 'BASE TABLE'
ORDER BY c.table_name
"""

# Every NOT NULL single-column foreign key in the schema: (table, column, referenced table, referenced column).
FOREIGN_KEYS_SQL = """
SELECT cl.relname, a.attname, rf.relname, ra.attname
FROM pg_constraint con
JOIN pg_class cl ON cl.oid = con.conrelid
JOIN pg_namespace n ON n.oid = cl.relnamespace
JOIN pg_class rf ON rf.oid = con.confrelid
JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = con.confkey[1]
WHERE con.contype = 'f' AND n.nspname = current_schema() AND cardinality(con.conkey) = 1 AND a.attnotnull
  AND cl.relkind = 'r'
ORDER BY cl.relname, a.attname
"""

# The settings are read once per statement (current_setting is STABLE), and compared with the column as it is,
# so the council_id index serves the filter.
_COUNCIL = "NULLIF(current_setting('app.council_id', true), '')::bigint"
_PERSON = "NULLIF(current_setting('app.person_id', true), '')::bigint"
_BYPASS = "current_setting('app.rls_bypass', true) = 'on'"
POLICY_CHECK = f"(council_id = {_COUNCIL} OR {_BYPASS})"


@dataclass(frozen=True)
class Protected:
    """A table under the policy: by its own council column, or through ``column`` -> ``parent``.``parent_column``."""

    table: str
    column: str = "council_id"
    parent: str = ""
    parent_column: str = ""

    @property
    def check(self) -> str:
        if not self.parent:
            return POLICY_CHECK
        for name in (self.table, self.column, self.parent, self.parent_column):
            _plain(name)
        parent = f'"{self.parent}" p WHERE p."{self.parent_column}" = "{self.table}"."{self.column}"'
        return f"(EXISTS (SELECT 1 FROM {parent}) OR {_BYPASS})"  # noqa: S608 - plain names from the catalog


def _plain(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"{name!r} is not a plain table name")
    return name


def enabled() -> bool:
    return bool(getattr(settings, "COUNCILDESK_RLS", False))


def is_postgresql(conn: BaseDatabaseWrapper | None = None) -> bool:
    return (conn or default_connection).vendor == "postgresql"


def active(conn: BaseDatabaseWrapper | None = None) -> bool:
    return enabled() and is_postgresql(conn)


def council_tables(conn: BaseDatabaseWrapper | None = None) -> list[str]:
    """Every table in the schema with a council column."""
    with (conn or default_connection).cursor() as cursor:
        cursor.execute(COUNCIL_TABLES_SQL)
        return [row[0] for row in cursor.fetchall()]


def protected_tables(conn: BaseDatabaseWrapper | None = None) -> list[Protected]:
    """The council tables, then every table without a council column whose NOT NULL foreign key reaches one (or
    reaches a table that does, and so on): each through its first such key, by column name."""
    conn = conn or default_connection
    direct = council_tables(conn)
    with conn.cursor() as cursor:
        cursor.execute(FOREIGN_KEYS_SQL)
        keys = cursor.fetchall()
    found: dict[str, Protected] = {t: Protected(t) for t in direct}
    grew = True
    while grew:
        grew = False
        for table, column, parent, parent_column in keys:
            if table not in found and parent in found and table != parent:
                found[table] = Protected(table, column, parent, parent_column)
                grew = True
    return list(found.values())


def policy_sql(table: Protected | str) -> list[str]:
    p = table if isinstance(table, Protected) else Protected(_plain(table))
    name = _plain(p.table)
    check = p.check
    sql = [
        f'ALTER TABLE "{name}" ENABLE ROW LEVEL SECURITY',
        f'ALTER TABLE "{name}" FORCE ROW LEVEL SECURITY',
        f'DROP POLICY IF EXISTS {POLICY} ON "{name}"',
        f'CREATE POLICY {POLICY} ON "{name}" USING {check} WITH CHECK {check}',
    ]
    if name == "people_role":
        sql += [
            f'DROP POLICY IF EXISTS {OWN_ROLES} ON "{name}"',
            f'CREATE POLICY {OWN_ROLES} ON "{name}" FOR SELECT USING (person_id = {_PERSON})',
        ]
    if name == "people_monitoringarrangement":
        sql += [
            f'DROP POLICY IF EXISTS {PRINCIPAL_SIDE} ON "{name}"',
            f'CREATE POLICY {PRINCIPAL_SIDE} ON "{name}" FOR SELECT USING (principal_id = {_COUNCIL})',
        ]
    return [*sql, f"COMMENT ON POLICY {POLICY} ON \"{name}\" IS '{_marker(sql)}'"]


def _marker(sql: list[str]) -> str:
    """What the policy's comment holds: a digest of the statements that made it, so a table whose policy is
    already as it should be is left alone (no DDL, no lock) at the next ``migrate``."""
    return "councildesk " + hashlib.sha256("\n".join(sql).encode()).hexdigest()[:16]


def _markers(conn: BaseDatabaseWrapper) -> dict[str, str]:
    """Each table whose row-level security is enabled and forced, with its policy's comment."""
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, coalesce(obj_description(p.oid, 'pg_policy'), '') FROM pg_policy p "
            "JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND p.polname = %s AND c.relrowsecurity AND c.relforcerowsecurity",
            [POLICY],
        )
        return dict(cursor.fetchall())


def apply(conn: BaseDatabaseWrapper | None = None) -> list[str]:
    """Install (or refresh) the policy on every protected table whose policy is missing or not as this version
    makes it. Run as the tables' owner. Returns the tables changed."""
    conn = conn or default_connection
    have = _markers(conn)
    changed = []
    with conn.cursor() as cursor:
        for table in protected_tables(conn):
            statements = policy_sql(table)
            if have.get(table.table) == statements[-1].rsplit(" IS ", 1)[1].strip("'"):
                continue
            for sql in statements:
                cursor.execute(sql)
            changed.append(table.table)
    return changed


def remove(conn: BaseDatabaseWrapper | None = None) -> None:
    """Take the policies off again (turning COUNCILDESK_RLS off on a database that had them)."""
    conn = conn or default_connection
    with conn.cursor() as cursor:
        for p in protected_tables(conn):
            for policy in (POLICY, OWN_ROLES, PRINCIPAL_SIDE):
                cursor.execute(f'DROP POLICY IF EXISTS {policy} ON "{_plain(p.table)}"')
            cursor.execute(f'ALTER TABLE "{p.table}" NO FORCE ROW LEVEL SECURITY')
            cursor.execute(f'ALTER TABLE "{p.table}" DISABLE ROW LEVEL SECURITY')


def installed(conn: BaseDatabaseWrapper | None = None) -> bool:
    """Whether any table has the policy (so turning the setting off has something to take away)."""
    with (conn or default_connection).cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND p.polname = %s)",
            [POLICY],
        )
        return bool(cursor.fetchone()[0])


def unprotected(conn: BaseDatabaseWrapper | None = None) -> list[str]:
    """Protected tables (by a council column or through a parent) without RLS enabled and forced and the policy:
    what the meta-test fails on."""
    conn = conn or default_connection
    tables = [p.table for p in protected_tables(conn)]
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relrowsecurity AND c.relforcerowsecurity "
            "AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = %s)",
            [POLICY],
        )
        protected = {row[0] for row in cursor.fetchall()}
    return sorted(t for t in tables if t not in protected)


# Setting the council -----------------------------------------------------------------------------------------


def _set(name: str, value: str, conn: BaseDatabaseWrapper | None = None) -> None:
    conn = conn or default_connection
    if not is_postgresql(conn):
        return
    with conn.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [name, value])


def current(conn: BaseDatabaseWrapper | None = None) -> tuple[str, ...]:
    """The connection's three settings, to put back with ``restore`` (empty strings where unset)."""
    conn = conn or default_connection
    if not is_postgresql(conn):
        return ()
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(current_setting(%s, true), ''), coalesce(current_setting(%s, true), ''), "
            "coalesce(current_setting(%s, true), '')",
            list(SETTINGS),
        )
        return tuple(cursor.fetchone())


def restore(saved: tuple[str, ...], conn: BaseDatabaseWrapper | None = None) -> None:
    conn = conn or default_connection
    if not saved or not is_postgresql(conn):
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT set_config(%s, %s, false), set_config(%s, %s, false), set_config(%s, %s, false)",
            [value for pair in zip(SETTINGS, saved, strict=True) for value in pair],
        )


def baseline() -> tuple[str, ...]:
    """The settings a new connection on this thread starts with (see ``on_connect``): the bypass for an
    operator's main thread or while RLS is off, otherwise nothing."""
    operator = _operator and threading.current_thread() is threading.main_thread()
    return ("", "", "on" if (operator or not enabled()) else "")


def scope(*, slug: str | None, person_id: int | None, spanning: bool) -> None:
    """One statement for a request: the council named by ``slug`` (none if there is no such council), the
    person, and the bypass for a page that spans councils."""
    with default_connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config(%s, coalesce((SELECT id::text FROM councils_council WHERE slug = %s), ''), false), "
            "set_config(%s, %s, false), set_config(%s, %s, false)",
            [
                COUNCIL_SETTING,
                slug,
                PERSON_SETTING,
                "" if person_id is None else str(int(person_id)),
                BYPASS_SETTING,
                "on" if spanning else "",
            ],
        )


def set_council(council_id: int | None, conn: BaseDatabaseWrapper | None = None) -> None:
    """Make ``council_id`` the connection's council (or none: then council tables show nothing)."""
    _set(COUNCIL_SETTING, "" if council_id is None else str(int(council_id)), conn)


def set_person(person_id: int | None, conn: BaseDatabaseWrapper | None = None) -> None:
    """Name the signed-in person, whose own roles (``own_roles``) are then readable in every council."""
    _set(PERSON_SETTING, "" if person_id is None else str(int(person_id)), conn)


def set_bypass(on: bool, conn: BaseDatabaseWrapper | None = None) -> None:
    _set(BYPASS_SETTING, "on" if on else "", conn)


@contextlib.contextmanager
def council_scope(council_id: int) -> Iterator[None]:
    """Run the block with ``council_id`` as the connection's council (and no bypass), then put back what was."""
    if not is_postgresql():
        yield
        return
    saved = current()
    set_council(council_id)
    set_bypass(False)
    try:
        yield
    finally:
        restore(saved)


@contextlib.contextmanager
def bypass(reason: str) -> Iterator[None]:
    """Run the block across councils, then put back what was. Only for the paths named in ADR 0015; ``reason``
    is logged."""
    if not active():
        yield
        return
    log.debug("row-level security bypassed: %s", reason)
    saved = current()
    set_bypass(True)
    try:
        yield
    finally:
        restore(saved)


# Signals ----------------------------------------------------------------------------------------------------


def operator_process() -> None:
    """The console script's commands work across councils (migrations, audit verify and checkpoint, backups, the
    demo's loading): their main thread's connections start with the bypass. The server's request threads, the
    sweep thread and mail intake's worker are other threads, so they do not."""
    global _operator
    _operator = True


def on_connect(sender: Any, connection: BaseDatabaseWrapper, **_: Any) -> None:
    """While RLS is off, a connection starts with the bypass on, so a database that still has policies works as
    before; while it is on, a connection starts with no council and no bypass, and sees no council's rows (except
    an operator command's main thread, see ``operator_process``)."""
    if is_postgresql(connection) and baseline()[2] == "on":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [BYPASS_SETTING])


def after_migrate(sender: Any, using: str = "default", **_: Any) -> None:
    from django.db import connections

    conn = connections[using]
    if not is_postgresql(conn):
        return
    with conn.cursor() as cursor:  # the runtime role (serve's own migrate) owns nothing and cannot add policies
        cursor.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tableowner <> current_user "
            "AND tablename = ANY(%s)",
            [[p.table for p in protected_tables(conn)]],
        )
        not_mine = cursor.fetchone()[0]
    if not_mine:
        if enabled() and (missing := unprotected(conn)):
            log.warning("row-level security: no policy on %s (run migrate as the owner role)", ", ".join(missing))
        return
    if not enabled():
        if installed(conn):
            remove(conn)
            log.info("row-level security taken off (COUNCILDESK_RLS is off)")
        return
    if changed := apply(conn):
        log.info("row-level security installed or refreshed on %s tables", len(changed))
