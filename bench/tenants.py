"""Tenant benchmark: does a council's page slow down as the installation holds more councils?

Each size runs in its own process on its own fresh PostgreSQL database (``DATABASE_URL`` names the server; a
database per size is made and dropped). One council is set up through the services (its Clerk, ten councillors,
``--enquiries`` enquiries); the other councils are copies of it inserted in bulk (council, people, roles,
enquiries), so every table grows with the number of councils. Then the first council's Clerk opens the council
home page and the enquiry queue ``--requests`` times each, under row-level security (ADR 0015) as a runtime role
would (no superuser, no BYPASSRLS) unless ``COUNCILDESK_RLS=0``.

The last line is ``tenant_latency_ratio=<page p95 at --large councils / p95 at --small>`` for the slower page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/tenants.py [--large 5000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Python puts this script's folder first on the path, where bench/http.py would hide the standard library's http.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]


def child(size: int, enquiries: int, requests: int) -> None:
    sys.path.append(str(HERE))
    from _enquiry_data import django_setup, percentile

    django_setup()
    import datetime as dt

    from django.conf import settings
    from django.db import transaction
    from django.test import Client

    from councildesk.councils.models import Council
    from councildesk.councils.services import council_sync_from_profile
    from councildesk.enquiries.models import Enquiry
    from councildesk.enquiries.services import enquiry_raise
    from councildesk.people import services as people
    from councildesk.people.models import Person, Role

    council, _ = council_sync_from_profile(path=settings.COUNCILDESK_PROFILES_DIR / "sandon-burston.toml")
    start = dt.date(2023, 5, 8)

    def person(username: str, kind: str) -> Person:
        p = Person.objects.create(username=username, first_name=username, last_name="Bench")
        people.role_grant(actor=None, council=council, person=p, kind=kind, start=start)
        return p

    clerk = person("bench.clerk", "clerk")
    cllrs = [person(f"bench.cllr{i}", "councillor") for i in range(10)]
    for n in range(enquiries):
        enquiry_raise(
            actor=cllrs[n % 10], council=council, subject=f"Enquiry {n}", details="Bench.", submission_key=f"k{n}"
        )
    roles = list(Role.objects.filter(council=council).values())
    rows = list(Enquiry.objects.filter(council=council).values())
    by_person = {p.pk: i for i, p in enumerate([clerk, *cllrs])}
    for first in range(1, size, 200):  # the other councils, 200 at a time
        with transaction.atomic():
            batch = range(first, min(size, first + 200))
            councils = Council.objects.bulk_create(
                [
                    Council(
                        slug=f"bench-{i}",
                        name=f"Bench Council {i}",
                        kind=council.kind,
                        nation=council.nation,
                        profile_data={**council.profile_data, "slug": f"bench-{i}", "name": f"Bench Council {i}"},
                        profile_sha256=council.profile_sha256,
                    )
                    for i in batch
                ]
            )
            persons = Person.objects.bulk_create(
                [Person(username=f"b{c.slug}.{k}", last_name="Bench") for c in councils for k in range(11)]
            )
            cast = {(c.pk, k): persons[j * 11 + k].pk for j, c in enumerate(councils) for k in range(11)}
            Role.objects.bulk_create(
                [
                    Role(**{**r, "id": None, "council_id": c.pk, "person_id": cast[(c.pk, by_person[r["person_id"]])]})
                    for c in councils
                    for r in roles
                    if r["person_id"] in by_person
                ]
            )
            Enquiry.objects.bulk_create(
                [
                    Enquiry(
                        **{
                            **e,
                            "id": None,
                            "council_id": c.pk,
                            "raised_by_id": cast[(c.pk, by_person[e["raised_by_id"]])],
                            "assignee_id": None,
                        }
                    )
                    for c in councils
                    for e in rows
                ]
            )
    client = Client()
    client.force_login(clerk)
    from django.db import connection

    from councildesk.audit.roles import runtime_grants
    from councildesk.tenancy import rls

    if rls.active():  # the pages are read as production reads them: a runtime role under row-level security
        with connection.cursor() as cursor:
            cursor.execute(
                "DO $$ BEGIN CREATE ROLE councildesk_bench_runtime NOLOGIN NOSUPERUSER NOBYPASSRLS; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            )
            cursor.execute(runtime_grants("councildesk_bench_runtime"))
            cursor.execute("SET ROLE councildesk_bench_runtime")
    out = {}
    for name, url in {"home": f"/c/{council.slug}/", "queue": f"/c/{council.slug}/enquiries/"}.items():
        for _ in range(5):
            assert client.get(url).status_code == 200, url
        times = []
        for _ in range(requests):
            t = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - t)
        out[name] = percentile(times, 0.95) * 1000
    print(json.dumps({"size": size, "councils": Council.objects.count(), "rls": rls.active(), "p95_ms": out}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--small", type=int, default=5)
    parser.add_argument("--enquiries", type=int, default=20, help="enquiries per council")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.enquiries, args.requests)
        return
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("bench/tenants.py needs DATABASE_URL pointing at a PostgreSQL server")
    import psycopg

    admin = base.rsplit("/", 1)[0] + "/postgres"
    results = {}
    for size in (args.small, args.large):
        name = f"bench_tenants_{uuid.uuid4().hex[:8]}"  # _enquiry_data drops only bench* databases
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            env = {**os.environ, "DATABASE_URL": base.rsplit("/", 1)[0] + f"/{name}"}
            cmd = [sys.executable, __file__, "--child", str(size), "--enquiries", str(args.enquiries)]
            cmd += ["--requests", str(args.requests)]
            line = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout.splitlines()[-1]
            results[size] = json.loads(line)
            print(line)
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    ratios = [results[args.large]["p95_ms"][p] / results[args.small]["p95_ms"][p] for p in ("home", "queue")]
    print(f"tenant_latency_ratio={max(ratios):.3f}")


if __name__ == "__main__":
    main()
