"""Access benchmark: a councillor's document list (first page) at 1,000 and at 100,000 documents spread over
every classification, with and without personal data, across two committees and with some need-to-know grants.

Each size runs in its own process on a fresh temporary SQLite database (or on ``DATABASE_URL`` if set), with
the documents inserted by ``bulk_create`` (not the services). The permission filter runs in SQL on an index; the
script checks that the page runs the same number of queries at both sizes and that every listed paper is one the
councillor may open, prints the p95 latency at each size, and ends with
``access_latency_ratio=<p95 at 100k / p95 at 1k>`` (target <= 1.5).

    .venv/bin/python bench/access.py [--large 100000] [--small 1000] [--requests 80]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# bench/ holds http.py, which would hide the standard library's http package: look in bench/ last, not first.
if sys.path and sys.path[0] and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))

ROOT = Path(__file__).resolve().parent.parent
SLUG = "mayor-town"  # 004: the strictest policy (non-members barred from confidential and exempt papers)
CLASSIFICATIONS = ("public", "committee", "confidential", "exempt")


def django_setup() -> None:
    os.environ["COUNCILDESK_DATA"] = tempfile.mkdtemp(prefix="councildesk-bench-access-")
    from _enquiry_data import fresh_postgres

    fresh_postgres()  # with DATABASE_URL (a name starting 'bench'): an empty database for each size
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    call_command("migrate", verbosity=0)


def build(size: int) -> str:
    """A council, its head officer, a councillor on one of two committees, and ``size`` documents."""
    from django.conf import settings
    from django.db import transaction

    from councildesk.core import clock
    from councildesk.councils.services import council_sync_from_profile
    from councildesk.documents.models import Document, Grant
    from councildesk.people import services as people
    from councildesk.people.models import Person

    council, _ = council_sync_from_profile(path=settings.COUNCILDESK_PROFILES_DIR / f"{SLUG}.toml")
    start = dt.date(2023, 5, 8)

    def person(username: str, kind: str) -> Person:
        p = Person.objects.create(username=username, first_name=username, last_name="Bench")
        people.role_grant(actor=None, council=council, person=p, kind=kind, start=start)
        return p

    head = person("bench.clerk", council.profile.roles.head_of_paid_service)
    cllr = person("bench.cllr", "councillor")
    ours = people.committee_create(actor=None, council=council, name="Ours")
    theirs = people.committee_create(actor=None, council=council, name="Theirs")
    people.committee_seat_add(actor=None, committee=ours, person=cllr, seat="member", start=start)
    now = clock.now()
    today = clock.today()
    batch: list[Document] = []
    with transaction.atomic():
        for i in range(size):
            classification = CLASSIFICATIONS[i % 4]
            committee = (ours, theirs)[(i // 4) % 2] if classification != "public" or i % 8 == 0 else None
            batch.append(
                Document(
                    council=council,
                    title=f"Paper {i}",
                    committee=committee,
                    classification=classification,
                    personal_data=i % 10 == 3,
                    exempt_paragraph=3 if classification == "exempt" else None,
                    exempt_reason="Negotiations" if classification == "exempt" else "",
                    public_on=today + dt.timedelta(days=30) if classification == "exempt" else None,
                    storage_name=f"bench/{i}.pdf",
                    filename=f"paper-{i}.pdf",
                    content_type="application/pdf",
                    size=1000,
                    sha256="0" * 64,
                    uploaded_by=head,
                    uploaded_at=now - dt.timedelta(minutes=i),
                )
            )
            if len(batch) == 5000:
                Document.objects.bulk_create(batch)
                batch = []
        Document.objects.bulk_create(batch)
        granted = Document.objects.filter(council=council, committee=theirs, classification="committee")[:50]
        Grant.objects.bulk_create(
            Grant(
                council=council,
                document=d,
                person=cllr,
                basis="need_to_know",
                purpose_limitation="Bench",
                created_at=now,
            )
            for d in granted
        )
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE documents_document")
    return cllr.username


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def child(size: int, requests: int) -> None:
    django_setup()
    username = build(size)
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client

    from councildesk.documents import rules
    from councildesk.documents.models import Document, Grant
    from councildesk.documents.permissions import policy_for
    from councildesk.people.models import Person

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    person = Person.objects.get(username=username)
    client = Client()
    client.force_login(person)
    url = f"/c/{SLUG}/documents/"
    for _ in range(5):
        assert client.get(url).status_code == 200
    captured: list[tuple[float, str]] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append((time.perf_counter() - t, sql))

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200
    listed = [int(x) for x in re.findall(r'data-document="(\d+)"', response.content.decode())]
    # Every listed paper is one the councillor may open, by the pure rules.
    docs = Document.objects.filter(pk__in=listed)
    council = docs[0].council
    policy = policy_for(council)
    seats = frozenset(person.committee_seats.values_list("committee_id", flat=True))
    viewer = rules.Viewer(person.pk, frozenset({"councillor"}), seats)
    grants = set(Grant.objects.filter(person=person).values_list("document_id", flat=True))
    for d in docs:
        facts = rules.DocFacts(d.classification, d.committee_id, d.personal_data)
        basis = rules.open_basis(policy, viewer, facts, grant_basis="need_to_know" if d.pk in grants else None)
        assert basis is not None, f"listed a paper the councillor may not open: {d.pk}"
    times = []
    for _ in range(requests):
        t = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - t)
    if "--show" in sys.argv:
        for took, sql in captured:
            print(round(took * 1000, 2), sql[:400], file=sys.stderr)
    print(json.dumps({"size": size, "queries": len(captured), "rows": len(listed), "p95": percentile(times, 95)}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=80)
    parser.add_argument("--child", type=int)
    parser.add_argument("--show", action="store_true", help="print the page's queries with their times")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.requests)
        return
    results = {}
    for size in (args.small, args.large):
        cmd = [sys.executable, __file__, "--child", str(size), "--requests", str(args.requests)]
        if args.show:
            cmd.append("--show")
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        results[size] = json.loads(out)
    small, large = results[args.small], results[args.large]
    for r in (small, large):
        print(
            f"{r['size']:>9,} documents: {r['queries']} queries, {r['rows']} rows listed, p95 {r['p95'] * 1000:.2f} ms"
        )
    if small["queries"] != large["queries"]:
        raise SystemExit("the document list's query count depends on the number of documents")
    print(f"queries: {small['queries']} at both sizes")
    print(f"access_latency_ratio={large['p95'] / small['p95']:.3f}")


if __name__ == "__main__":
    main()
