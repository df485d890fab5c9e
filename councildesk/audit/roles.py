"""PostgreSQL roles: an owner that runs migrations and owns every table, and a runtime role that owns nothing.

A table's owner can disable its triggers (``ALTER TABLE ... DISABLE TRIGGER``) and drop them; a role that owns
no table, is not a superuser and cannot set ``session_replication_role`` cannot. The runtime role therefore gets
plain privileges only, and on the audit tables not even those it would need to rewrite history.
docs/deploy.md shows the whole setup; ``councildesk audit grants --role NAME`` prints this SQL.
"""

from __future__ import annotations

import re

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

GRANTS = """\
-- Run as the owner role (the one that ran the migrations), after every migration.
GRANT USAGE ON SCHEMA public TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role};
-- The audit log is append-only for the application even if its triggers were gone.
REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON audit_auditevent FROM {role};
REVOKE DELETE, TRUNCATE, TRIGGER, REFERENCES ON audit_audithead FROM {role};
"""


def runtime_grants(role: str) -> str:
    """The grants for ``role`` (a plain lower-case PostgreSQL name; anything else is refused)."""
    if not _NAME.match(role):
        raise ValueError(f"{role!r} is not a plain PostgreSQL role name (lower-case letters, digits, _)")
    return GRANTS.format(role=role)
