"""Audit benchmark: the cost of the audit log against bare baselines on the same machine, side by side.

- ``verify_ratio``: verifying a council's chain of 200,000 events (what ``councildesk audit verify`` runs for
  it) divided by chained SHA-256 over the same canonical bytes, already in memory. Target <= 10, then <= 5.
- ``record_ratio``: ``audit.services.record()`` per event, 500 events per transaction, divided by a bare INSERT of
  the same row (same columns, same unique indexes, same transaction size). Target <= 10.

Each pair (product, baseline) is timed back to back and the ratio of each pair is kept; the printed ratio is the
median of three pairs, so load on the machine weighs on both sides. The last line is ``record_ratio=...``.
SQLite by default (a fresh file with the product's pragmas); set DATABASE_URL to a PostgreSQL database whose name
starts with ``bench`` (it is dropped and created) to run there.

    .venv/bin/python bench/audit.py [--events 200000] [--records 2000] [--pairs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import statistics
import sys
import time
from pathlib import Path

# bench/ holds http.py, which would hide the standard library's http package: look in bench/ last, not first.
if sys.path and sys.path[0] and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))


COLUMNS = (
    "council_id, seq, occurred_at, actor_id, actor_label, action, subject_type, subject_id, data, rule_ids, "
    "prev_hash, hash"
)


def build_chain(council, actor, count: int) -> list[bytes]:  # type: ignore[no-untyped-def]
    """Insert ``count`` chained events for ``council`` by SQL (the chain computed here, exactly as record() does)
    and move its head; return the canonical bytes of each event in order, for the baseline."""

    from django.db import connection, transaction

    from councildesk.audit import chain
    from councildesk.audit.models import AuditEvent, AuditHead
    from councildesk.audit.services import _actor_label, _statements

    head = AuditHead.objects.get(council_id=council.pk)
    prev, seq = head.hash, head.seq
    assert seq == AuditEvent.objects.filter(council_id=council.pk).count()
    canon: list[bytes] = [
        chain.canonical(
            {
                "seq": e.seq,
                "council": council.slug,
                "occurred_at": e.occurred_at.isoformat(timespec="microseconds"),
                "actor": e.actor_label,
                "actor_id": e.actor_id,
                "action": e.action,
                "subject_type": e.subject_type,
                "subject_id": e.subject_id,
                "data": e.data,
                "rule_ids": list(e.rule_ids),
            }
        )
        for e in AuditEvent.objects.filter(council_id=council.pk).order_by("pk")
    ]
    label = _actor_label(actor)
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    stored_json = _statements(connection.vendor).json
    time_field = AuditEvent._meta.get_field("occurred_at")
    rows = []
    for i in range(count):
        seq += 1
        occurred = start + dt.timedelta(seconds=i, microseconds=i % 1000)
        data = {"status": "answered", "subject": f"Bin collection in Église Road, number {i}", "notices": i % 7}
        rule_ids = ["ENQ_ACK_TARGET", "ENQ_RESPONSE_TARGET"] if i % 3 else []
        event = {
            "seq": seq,
            "council": council.slug,
            "occurred_at": occurred.isoformat(timespec="microseconds"),
            "actor": label,
            "actor_id": actor.pk,
            "action": "enquiry.answered",
            "subject_type": "enquiries.enquiry",
            "subject_id": str(i + 1),
            "data": data,
            "rule_ids": rule_ids,
        }
        body = chain.canonical(event)
        canon.append(body)
        digest = hashlib.sha256(bytes.fromhex(prev) + body).hexdigest()
        rows.append(
            (
                council.pk,
                seq,
                time_field.get_db_prep_save(occurred, connection),
                actor.pk,
                label,
                "enquiry.answered",
                "enquiries.enquiry",
                str(i + 1),
                stored_json(data, connection),  # as record() stores it
                stored_json(rule_ids, connection),
                prev,
                digest,
            )
        )
        prev = digest
    sql = f"INSERT INTO audit_auditevent ({COLUMNS}) VALUES ({', '.join(['%s'] * 12)})"
    with transaction.atomic(), connection.cursor() as cursor:
        for at in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[at : at + 5000])
        # The head jumps by the whole chain at once, which PostgreSQL's forward-by-one trigger refuses: the bench
        # (a superuser on its own database) switches triggers off for this one statement, as a bulk load would.
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        AuditHead.objects.filter(council_id=council.pk).update(seq=seq, hash=prev)
    return canon


def chained_sha256(canon: list[bytes]) -> str:
    prev = bytes(32)
    sha = hashlib.sha256
    for body in canon:
        prev = sha(prev + body).digest()
    return prev.hex()


def bare_table() -> None:
    """A table shaped like the audit log's, with its unique indexes, for the bare INSERT."""
    from django.db import connection

    ident = "BIGSERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY AUTOINCREMENT"
    json_type = "JSONB" if connection.vendor == "postgresql" else "TEXT"
    stamp = "TIMESTAMPTZ" if connection.vendor == "postgresql" else "DATETIME"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE bench_bare_event (id {ident}, council_id BIGINT NOT NULL, seq BIGINT NOT NULL, "
            f"occurred_at {stamp} NOT NULL, actor_id BIGINT NULL, actor_label VARCHAR(200) NOT NULL, "
            "action VARCHAR(100) NOT NULL, subject_type VARCHAR(100) NOT NULL, subject_id VARCHAR(100) NOT NULL, "
            f"data {json_type} NOT NULL, rule_ids {json_type} NOT NULL, prev_hash VARCHAR(64) NOT NULL, "
            "hash VARCHAR(64) NOT NULL UNIQUE)"
        )
        cursor.execute("CREATE UNIQUE INDEX bench_bare_event_seq ON bench_bare_event (council_id, seq)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=200_000, help="events in the chain that is verified")
    parser.add_argument("--records", type=int, default=2_000, help="events appended per side in each pair")
    parser.add_argument("--batch", type=int, default=500, help="events per transaction")
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()

    from _enquiry_data import django_setup

    django_setup()
    from django.conf import settings
    from django.db import connection, transaction

    from councildesk.audit import services as audit
    from councildesk.audit.models import AuditEvent
    from councildesk.audit.verification import check_council
    from councildesk.core import clock
    from councildesk.councils.services import council_sync_from_profile
    from councildesk.people.models import Person

    council, _ = council_sync_from_profile(path=settings.COUNCILDESK_PROFILES_DIR / "sandon-burston.toml")
    actor = Person.objects.create(username="bench.clerk", first_name="Bench", last_name="Clerk")
    print(f"database: {connection.vendor}")

    # verify_ratio ------------------------------------------------------------------------------------------------
    t = time.perf_counter()
    canon = build_chain(council, actor, args.events)
    print(f"built {len(canon):,} events in {time.perf_counter() - t:.1f} s")
    check_council(council)  # warm up
    verify_ratios = []
    for pair in range(args.pairs):
        t = time.perf_counter()
        report = check_council(council)
        product = time.perf_counter() - t
        assert report.verdict.ok, report.verdict
        assert report.verdict.checked == len(canon), report.verdict
        t = time.perf_counter()
        chained_sha256(canon)
        bare = time.perf_counter() - t
        verify_ratios.append(product / bare)
        print(
            f"verify pair {pair + 1}: verify {product:.3f} s, chained SHA-256 {bare:.3f} s, ratio {product / bare:.2f}"
        )
    del canon

    # record_ratio ------------------------------------------------------------------------------------------------
    bare_table()
    subject = ("enquiries.enquiry", 1)
    data = {"status": "answered", "subject": "Bin collection in Église Road"}
    rules = ["ENQ_ACK_TARGET", "ENQ_RESPONSE_TARGET"]
    data_field = AuditEvent._meta.get_field("data")
    time_field = AuditEvent._meta.get_field("occurred_at")
    bare_sql = f"INSERT INTO bench_bare_event ({COLUMNS}) VALUES ({', '.join(['%s'] * 12)})"
    label = audit._actor_label(actor)
    record_ratios = []
    bare_seq = 0
    for pair in range(args.pairs + 1):  # the first pair warms up and is not counted
        t = time.perf_counter()
        for _ in range(0, args.records, args.batch):
            with transaction.atomic():
                for _ in range(args.batch):
                    audit.record(
                        council=council,
                        actor=actor,
                        action="enquiry.answered",
                        subject=subject,
                        data=data,
                        rule_ids=rules,
                    )
        product = (time.perf_counter() - t) / args.records
        t = time.perf_counter()
        for _ in range(0, args.records, args.batch):
            with transaction.atomic(), connection.cursor() as cursor:
                for _ in range(args.batch):
                    bare_seq += 1
                    cursor.execute(
                        bare_sql,
                        (
                            council.pk,
                            bare_seq,
                            time_field.get_db_prep_save(clock.now(), connection),
                            actor.pk,
                            label,
                            "enquiry.answered",
                            "enquiries.enquiry",
                            "1",
                            data_field.get_db_prep_save(data, connection),
                            data_field.get_db_prep_save(rules, connection),
                            "0" * 64,
                            f"{bare_seq:064x}",
                        ),
                    )
        bare = (time.perf_counter() - t) / args.records
        if pair:
            record_ratios.append(product / bare)
            print(
                f"record pair {pair}: record() {product * 1e6:.1f} us/event, bare INSERT {bare * 1e6:.1f} us/event, "
                f"ratio {product / bare:.2f}"
            )
    report = check_council(council)
    assert report.verdict.ok, report.verdict
    print(f"verify_ratio={statistics.median(verify_ratios):.2f}")
    print(f"record_ratio={statistics.median(record_ratios):.2f}")


if __name__ == "__main__":
    main()
