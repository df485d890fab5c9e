"""Write benchmark: enquiries raised per second against a bare INSERT+COMMIT per second on the same connection.

- ``write_ratio``: ``enquiries.services.enquiry_raise`` (each in its own transaction, as a request makes it:
  access gate, routing, clock, the enquiry row, its audit event and the notifications) per second, divided by a
  bare INSERT of one row and its COMMIT per second, on the same connection with the same pragmas (SQLite: WAL,
  ``synchronous=FULL``) or the same PostgreSQL server. Target >= 0.2, then >= 0.4.
- ``api_write_ratio``, beside it: the same raise through the API (``POST /api/v1/councils/<slug>/enquiries`` with a
  bearer token, in process through Django's test client, no HTTP server) against the same baseline.

Each pair is timed back to back and its ratio kept; the printed ratios are medians of three pairs, so load on the
machine weighs on both sides. The last line is ``write_ratio=...``. SQLite by default (a fresh file); set
DATABASE_URL to a PostgreSQL database whose name starts with ``bench`` (dropped and created) to run there.

    .venv/bin/python bench/writes.py [--writes 300] [--pairs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    ratios, api_ratios = [], []
    for pair in range(1, args.pairs + 1):
        svc, bare_svc = product(args.writes), bare(args.writes)
        over_api, bare_api = api(args.writes), bare(args.writes)
        ratios.append(svc / bare_svc)
        api_ratios.append(over_api / bare_api)
        print(
            f"pair {pair}: enquiry_raise {svc:.0f}/s vs bare INSERT+COMMIT {bare_svc:.0f}/s "
            f"(ratio {svc / bare_svc:.3f}); "
            f"API {over_api:.0f}/s vs bare {bare_api:.0f}/s (ratio {over_api / bare_api:.3f})"
        )
    print(f"api_write_ratio={statistics.median(api_ratios):.3f}")
    print(f"write_ratio={statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
