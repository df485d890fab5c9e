"""Write benchmark: enquiries raised per second against a bare INSERT+COMMIT per second on the same connection.

- ``write_ratio``: ``enquiries.services.enquiry_raise`` (each in its own transaction, as a request makes it:
  access gate, routing, clock, the enquiry row, its audit event and the notifications) per second, divided by a
  bare INSERT of one row and its COMMIT per second, on the same connection with the same pragmas (SQLite: WAL,
  ``synchronous=FULL``) or the same PostgreSQL server. Target >= 0.2, then >= 0.4.
- ``api_write_ratio``, beside it: the same raise through the API (``POST /api/v1/councils/<slug>/enquiries`` with a
  bearer token, in process through Django's test client, no HTTP server) against the same baseline.
- ``sql_floor_ratio``, beside them: the physical limit of this transaction. The statements one raise sends (captured
  from a real raise) are replayed through the database driver's own connection, with no Django and no Python beyond
  the driver calls, in one transaction each, against the same baseline. No product code can be faster than its own
  SQL, so ``write_ratio`` can approach this figure but not pass it; the gap between the two is the Python.

Each pair is timed back to back and its ratio kept; the printed ratios are medians of three pairs, so load on the
machine weighs on both sides. The last line is ``write_ratio=...``. SQLite by default (a fresh file); set
DATABASE_URL to a PostgreSQL database whose name starts with ``bench`` (dropped and created) to run there.

    .venv/bin/python bench/writes.py [--writes 300] [--pairs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import statistics
import sys
import time
from pathlib import Path

# bench/ holds http.py, which would hide the standard library's http package: look in bench/ last, not first.
if sys.path and sys.path[0] and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writes", type=int, default=300, help="writes per side in each pair")
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()

    from _enquiry_data import django_setup

    django_setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client

    from councildesk.api.tokens import token_issue
    from councildesk.councils.services import council_sync_from_profile
    from councildesk.enquiries.services import enquiry_raise
    from councildesk.people import services as people
    from councildesk.people.models import Person

    council, _ = council_sync_from_profile(path=settings.COUNCILDESK_PROFILES_DIR / "sandon-burston.toml")
    start = dt.date(2023, 5, 8)

    def person(username: str, kind: str) -> Person:
        p = Person.objects.create(username=username, first_name=username, last_name="Bench")
        people.role_grant(actor=None, council=council, person=p, kind=kind, start=start)
        return p

    person("bench.clerk", council.profile.roles.head_of_paid_service)
    person("bench.officer", "officer")
    cllr = person("bench.cllr", "councillor")
    _, key = token_issue(actor=cllr, name="bench")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = f"/api/v1/councils/{council.slug}/enquiries"
    with connection.cursor() as cursor:
        ident = "BIGSERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY AUTOINCREMENT"
        cursor.execute(
            f"CREATE TABLE bench_bare_row (id {ident}, council_id BIGINT NOT NULL, raised_by_id BIGINT NOT NULL, "
            "subject VARCHAR(200) NOT NULL, details TEXT NOT NULL, submission_key VARCHAR(64) NOT NULL UNIQUE)"
        )
    bare_sql = (
        "INSERT INTO bench_bare_row (council_id, raised_by_id, subject, details, submission_key) "
        "VALUES (%s, %s, %s, %s, %s)"
    )
    print(f"database: {connection.vendor}")
    counter = 0

    def product(n: int) -> float:
        nonlocal counter
        t = time.perf_counter()
        for _ in range(n):
            counter += 1
            enquiry_raise(
                actor=cllr,
                council=council,
                subject=f"Bench enquiry {counter}",
                details="The bins in Church Lane were not collected on Tuesday.",
                submission_key=f"svc-{counter}",
            )
        return n / (time.perf_counter() - t)

    def api(n: int) -> float:
        nonlocal counter
        t = time.perf_counter()
        for _ in range(n):
            counter += 1
            body = {
                "subject": f"Bench enquiry {counter}",
                "details": "The bins in Church Lane were not collected on Tuesday.",
                "submission_key": f"api-{counter}",
            }
            response = client.post(url, body, content_type="application/json")
            assert response.status_code == 201, response.content
        return n / (time.perf_counter() - t)

    def bare(n: int) -> float:
        nonlocal counter
        t = time.perf_counter()
        for _ in range(n):
            counter += 1
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    bare_sql,
                    (
                        council.pk,
                        cllr.pk,
                        f"Bench enquiry {counter}",
                        "The bins in Church Lane were not collected on Tuesday.",
                        f"bare-{counter}",
                    ),
                )
        return n / (time.perf_counter() - t)

    product(20), api(20), bare(20)  # warm up
    statements: list[tuple[str, tuple[object, ...]]] = []

    def keep(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        product(1)
    replay = _Replay(connection, council.pk, statements)
    print(f"one raise sends {len(statements)} statements")
    replay.run(20)  # warm up
    ratios, api_ratios, floor_ratios = [], [], []
    for pair in range(1, args.pairs + 1):
        svc, bare_svc = product(args.writes), bare(args.writes)
        over_api, bare_api = api(args.writes), bare(args.writes)
        floor, bare_floor = replay.run(args.writes), bare(args.writes)
        ratios.append(svc / bare_svc)
        api_ratios.append(over_api / bare_api)
        floor_ratios.append(floor / bare_floor)
        print(
            f"pair {pair}: enquiry_raise {svc:.0f}/s vs bare INSERT+COMMIT {bare_svc:.0f}/s "
            f"(ratio {svc / bare_svc:.3f}); "
            f"API {over_api:.0f}/s vs bare {bare_api:.0f}/s (ratio {over_api / bare_api:.3f}); "
            f"the raise's own SQL replayed {floor:.0f}/s vs bare {bare_floor:.0f}/s (ratio {floor / bare_floor:.3f})"
        )
    print(f"sql_floor_ratio={statistics.median(floor_ratios):.3f}")
    print(f"api_write_ratio={statistics.median(api_ratios):.3f}")
    print(f"write_ratio={statistics.median(ratios):.3f}")


class _Replay:
    """The statements of one captured raise, sent again through the driver's own connection (``sqlite3`` or
    psycopg), one transaction per raise. Only what must differ to be a new raise differs: the enquiry's number and
    submission key, the notice's dedupe key, and the audit event's place in the chain (next sequence number, the
    head's hash as its previous hash, a fresh hash), so the unique constraints and the head's forward-only guard
    hold as they do for the product."""

    def __init__(self, connection, council_id: int, statements: list[tuple[str, tuple[object, ...]]]) -> None:  # type: ignore[no-untyped-def]
        self.raw = connection.connection
        self.postgres = connection.vendor == "postgresql"
        self.council_id = council_id
        self.steps = []
        for sql, params in statements:
            if sql.startswith("BEGIN"):
                continue  # the replay opens its own transaction
            insert = re.match(r'INSERT INTO "?(\w+)"? \(([^)]*)\)', sql)
            columns = [c.strip().strip('"') for c in insert.group(2).split(",")] if insert else []
            table = insert.group(1) if insert else ""
            text = sql if self.postgres else re.sub(r"(?<!%)%s", "?", sql).replace("%%", "%")
            self.steps.append((text, list(params), table, columns, sql.startswith("UPDATE audit_audithead")))
        self.count = 0

    def run(self, n: int) -> float:
        cursor = self.raw.cursor()
        cursor.execute(f"SELECT seq, hash FROM audit_audithead WHERE council_id = {int(self.council_id)}")
        seq, head = cursor.fetchone()
        begin = "BEGIN" if self.postgres else "BEGIN IMMEDIATE"
        t = time.perf_counter()
        for _ in range(n):
            self.count += 1
            k = self.count
            cursor.execute(begin)
            for sql, params, table, columns, moves_head in self.steps:
                values = list(params)
                if moves_head:
                    values[:2] = [seq, head]
                for i, column in enumerate(columns):
                    if column == "number":
                        values[i] = 10**9 + k
                    elif column in ("submission_key", "dedupe_key"):
                        values[i] = f"{values[i]}-replay-{k}"
                    elif table == "audit_auditevent" and column == "seq":
                        seq += 1
                        values[i] = seq
                    elif table == "audit_auditevent" and column == "prev_hash":
                        values[i] = head
                    elif table == "audit_auditevent" and column == "hash":
                        head = values[i] = hashlib.sha256(f"replay {k}".encode()).hexdigest()
                cursor.execute(sql, values)
                if cursor.description:
                    cursor.fetchall()
            cursor.execute("COMMIT")
        return n / (time.perf_counter() - t)


if __name__ == "__main__":
    main()
