"""Shared set-up for the enquiry benchmarks: a fresh database in a temporary data directory, one council with
its cast, and N enquiries inserted in bulk by SQL (the services would take hours for a million)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_postgres() -> None:
    """With DATABASE_URL set, drop and create that database so each run starts empty, as SQLite does.

    Only a database whose name starts with ``bench`` is dropped, so a benchmark never empties a real or test one.
    """
    url = os.environ.get("DATABASE_URL")
    if not url:
        return
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("bench"):
        raise SystemExit(f"benchmarks drop their database: give DATABASE_URL a name starting 'bench', not {name!r}")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def django_setup() -> Path:
    """A throwaway data directory (so SQLite starts empty), or a freshly created PostgreSQL database when
    DATABASE_URL is set (its name must start with ``bench``)."""
    data = Path(tempfile.mkdtemp(prefix="councildesk-bench-"))
    os.environ["COUNCILDESK_DATA"] = str(data)
    fresh_postgres()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    call_command("migrate", verbosity=0)
    return data


def build(total: int, due: int, *, slug: str = "sandon-burston", councillors: int = 50) -> dict[str, int]:
    """One council, its head officer, an officer and ``councillors`` councillors; ``total`` enquiries of which
    ``due`` have a notice due today and the rest are answered (no notice) or open with notices far ahead.
    Returns the ids the benchmarks need."""
    from django.conf import settings
    from django.db import connection, transaction

    from councildesk.core import clock
    from councildesk.councils.calendar import calendar_for
    from councildesk.councils.services import council_sync_from_profile
    from councildesk.enquiries.models import CalendarState
    from councildesk.people import services as people
    from councildesk.people.models import Person

    council, _ = council_sync_from_profile(path=settings.COUNCILDESK_PROFILES_DIR / f"{slug}.toml")
    start = dt.date(2023, 5, 8)

    def person(username: str, kind: str) -> Person:
        p = Person.objects.create(
            username=username, first_name=username, last_name="Bench", email=f"{username}@example.org"
        )
        people.role_grant(actor=None, council=council, person=p, kind=kind, start=start)
        return p

    head = person("bench.clerk", council.profile.roles.head_of_paid_service)
    officer = person("bench.officer", "officer")
    cllrs = [person(f"bench.cllr{i}", "councillor") for i in range(councillors)]
    fingerprint = calendar_for(council).fingerprint
    CalendarState.objects.create(council=council, fingerprint=fingerprint)
    today = clock.today()
    now = clock.now()
    open_every = 20  # 5% of the rest are open, with their notices weeks ahead
    # A literal modulo is written %% (the parameter style is %s on both engines); Django turns it back into % for
    # SQLite, psycopg does the same on PostgreSQL.
    sql = f"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s)
        INSERT INTO enquiries_enquiry (
            council_id, direction, category, route, raised_by_id, assignee_id, heading, subject, details,
            on_behalf_of_constituent, constituent_consent, submission_key, status, priority, received_at,
            out_of_hours, answer, decline_code, decline_rule, decline_clause, clock_start, ack_value, ack_unit,
            ack_due, response_value, response_unit, response_due, extra_units, calendar, pause_reason,
            notices_sent, next_notice_on, closed_at, acknowledged_at, active)
        SELECT %s, 'to_officer', 'information', 'head_officer',
            CASE (i %% {councillors}) {" ".join(f"WHEN {k} THEN {c.pk}" for k, c in enumerate(cllrs))} END,
            CASE WHEN i <= %s OR i %% {open_every} = 0 THEN NULL ELSE %s END,
            '', 'Bench enquiry', 'Generated for the benchmark.', FALSE, FALSE, 'bench-' || i,
            CASE WHEN i <= %s OR i %% {open_every} = 0 THEN 'new' ELSE 'answered' END, 0, %s, FALSE,
            '', '', '', '', %s, 2, 'working_days', %s, 10, 'working_days', %s, 0, %s, '',
            CASE WHEN i <= %s THEN 0 ELSE 7 END,
            CASE WHEN i <= %s THEN %s WHEN i %% {open_every} = 0 THEN %s ELSE NULL END,
            CASE WHEN i <= %s OR i %% {open_every} = 0 THEN NULL ELSE %s END, NULL,
            CASE WHEN i <= %s OR i %% {open_every} = 0 THEN 1 ELSE 0 END
        FROM n
    """
    yesterday, later = today - dt.timedelta(days=1), today + dt.timedelta(days=60)
    params = [
        total,
        council.pk,
        due,
        officer.pk,
        due,
        now,
        today,
        yesterday,
        later,
        fingerprint,
        due,
        due,
        yesterday,
        later,
        due,
        now,
        due,
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"council": council.pk, "head": head.pk, "officer": officer.pk, "councillor": cllrs[0].pk}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
