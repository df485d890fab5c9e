"""Shared fixtures. Tests run on SQLite by default and on PostgreSQL when DATABASE_URL is set."""

from __future__ import annotations

import pytest

from tests import factories


def pytest_configure(config):
    from councildesk.tenancy import rls

    # The suite's own setup (factories, assertions) spans councils, as an operator's command does; requests run
    # as the runtime role under row-level security (tests/rls_runtime.py).
    rls.operator_process()


@pytest.fixture(scope="session", autouse=True)
def _rls_runtime_role(request):
    """On PostgreSQL: the role each request runs as (tests/rls_runtime.py), with the runtime grants."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    request.getfixturevalue("django_db_setup")
    from councildesk.audit import roles
    from tests.rls_runtime import RUNTIME_ROLE

    with request.getfixturevalue("django_db_blocker").unblock(), connection.cursor() as cursor:
        cursor.execute(
            f"DO $$ BEGIN CREATE ROLE {RUNTIME_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
        cursor.execute(roles.runtime_grants(RUNTIME_ROLE))


@pytest.fixture
def sandon(db):
    return factories.council("sandon-burston")


@pytest.fixture
def district(db):
    return factories.council("district-annex")


@pytest.fixture
def all_councils(db):
    return {slug: factories.council(slug) for slug in factories.SLUGS}


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    from councildesk.catalogue.ids import RuleId

    unknown = sorted(
        f"{item.nodeid}: {rule_id}"
        for item in items
        for mark in item.iter_markers("rule")
        for rule_id in mark.args
        if rule_id not in RuleId.__members__
    )
    if unknown:
        raise pytest.UsageError("tests name rules that are not in the catalogue:\n" + "\n".join(unknown))

    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="PostgreSQL-only behaviour: set DATABASE_URL to run it")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)
    # Browser tests run last: Playwright's sync API keeps an event loop on the main thread while its session
    # browser is open, and Django refuses database calls from a thread with a running loop.
    items.sort(key=lambda item: "browser" in item.keywords)
