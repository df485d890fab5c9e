"""``committed_db``: a database whose writes really commit, so other threads see them, on SQLite and PostgreSQL.

pytest-django's ``transactional_db`` empties the tables with TRUNCATE after the test, which the audit log's
append-only triggers refuse on PostgreSQL. Here the teardown switches the session to replica mode (no user
triggers fire) just for that TRUNCATE; Django closes the connection right after, so later tests get a fresh
session with every trigger back in force. It needs a superuser, as the test database already does.
"""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.fixture
def committed_db(transactional_db):
    yield
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
