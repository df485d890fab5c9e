"""The database connection lifetime (ADR 0017) under threads, as waitress serves: each thread keeps one connection
across its requests instead of opening one per request."""

from __future__ import annotations

import threading

from django.core.signals import request_finished, request_started
from django.db import connection, connections


def _requests(count: int, seen: list[int], errors: list[BaseException]) -> None:
    try:
        for _ in range(count):
            request_started.send(sender=None)
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            seen.append(id(connection.connection))
            request_finished.send(sender=None)
    except BaseException as exc:  # reported to the test's thread
        errors.append(exc)
    finally:
        connections.close_all()


def test_each_thread_keeps_its_own_connection_across_requests(db):
    assert connection.settings_dict["CONN_MAX_AGE"] > 0
    seen: dict[int, list[int]] = {n: [] for n in range(6)}
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_requests, args=(4, seen[n], errors)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    for per_thread in seen.values():
        assert len(per_thread) == 4
        assert len(set(per_thread)) == 1  # the same connection for every request of a thread


def test_the_lifetime_is_the_documented_one_and_postgresql_checks_health(db):
    from config.settings import base

    if connection.vendor == "postgresql":
        assert connection.settings_dict["CONN_MAX_AGE"] == base.CONN_MAX_AGE_POSTGRESQL
        assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    else:
        assert connection.settings_dict["CONN_MAX_AGE"] == base.CONN_MAX_AGE_SQLITE
