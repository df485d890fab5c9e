"""Mail intake benchmark: messages handed to ``councildesk mail-receive`` over LMTP, against the bare minimum.

The product's time per message (LMTP over loopback to ``councildesk mail-receive`` in its own process, the raw bytes
committed, the message parsed and placed: one in ten from a councillor opens an enquiry, the rest come from unknown
senders and are held for the Clerk, with an audit event each) is compared with a bare MIME parse of the same bytes
plus one durable INSERT of them, in its own transaction, on the same database with the same pragmas, in the same
run, alternating in blocks of 500 so that the machine's load falls on both alike. Three runs; the ratio is the
median of the three runs' ratios. The last line is ``mail_ingest_ratio=<product / bare>``; the target is <= 3.
``--in-process`` runs the same listener in threads of the benchmark's own process instead. With DATABASE_URL naming
a database ``bench*`` it runs on PostgreSQL (dropped and created).

    .venv/bin/python bench/mail.py [--count 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import smtplib
import socket
import statistics
import subprocess
import sys
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path

# The folder of this script holds http.py, which must not hide the standard library's module of that name.
if sys.path and sys.path[0] and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))


def _messages(count: int, run: int, intake: str) -> list[bytes]:
    out = []
    for i in range(count):
        sender = f"bench.cllr{i % 50}@example.org" if i % 10 == 0 else f"resident{i}@example.net"
        body = f"Message {i} of run {run}. The street light outside number {i} has been out for a week.\r\n" * 5
        out.append(
            (
                f"From: {sender}\r\nTo: {intake}\r\nSubject: Street light {run}-{i}\r\n"
                f"Message-ID: <bench-{run}-{i}@example.org>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\n"
                f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}"
            ).encode()
        )
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _council() -> None:
    """Sandon and Burston with its Clerk and 50 councillors (bench.cllr0 .. bench.cllr49 @example.org)."""
    import datetime as dt

    from django.conf import settings

    from councildesk.councils.services import council_sync_from_profile
    from councildesk.people import services as people
    from councildesk.people.models import Person

    council, _ = council_sync_from_profile(path=settings.COUNCILDESK_PROFILES_DIR / "sandon-burston.toml")
    kinds = [council.profile.roles.head_of_paid_service] + ["councillor"] * 50
    for i, kind in enumerate(kinds):
        name = "bench.clerk" if i == 0 else f"bench.cllr{i - 1}"
        p = Person.objects.create(username=name, first_name=name, last_name="Bench", email=f"{name}@example.org")
        people.role_grant(actor=None, council=council, person=p, kind=kind, start=dt.date(2023, 5, 8))


def _listener(port: int) -> subprocess.Popen[bytes]:
    """``councildesk mail-receive`` in its own process, as the mail server would find it, on this database."""
    code = "import sys; from councildesk.cli import main; main(sys.argv[1:])"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "-c", code, "mail-receive", "--port", str(port)], cwd=root, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("councildesk mail-receive exited")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("councildesk mail-receive did not start within 120 s")


def _bare(messages: list[bytes]) -> float:
    """The floor: a MIME parse of each message and one durable INSERT of its raw bytes, each in its own transaction."""
    from django.db import connection, transaction

    t = time.perf_counter()
    for raw in messages:
        BytesParser(policy=policy.default).parsebytes(raw)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_raw (raw) VALUES (%s)", [raw])
    return time.perf_counter() - t


def _product(client: smtplib.LMTP, messages: list[bytes], intake: str) -> float:
    t = time.perf_counter()
    for raw in messages:
        refused = client.sendmail("mx@example.org", [intake], raw)
        assert refused == {}, refused
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--block", type=int, default=500, help="messages per alternating product/bare block")
    parser.add_argument(
        "--in-process", action="store_true", help="run the listener (the same controller) in this process's threads"
    )
    args = parser.parse_args()

    from _enquiry_data import django_setup

    django_setup()
    _council()
    from django.db import connection

    intake = "sandon-burston@localhost"
    column = "bytea" if connection.vendor == "postgresql" else "BLOB"
    key = "BIGSERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_raw (id {key}, raw {column} NOT NULL)")
    print(f"database: {connection.vendor}; {args.count} messages x {args.runs} runs, in blocks of {args.block}")

    port = _free_port()
    if args.in_process:
        from councildesk.mailin.listener import controller

        threaded = controller(host="127.0.0.1", port=port)
        threaded.start()
    else:
        server = _listener(port)
    product, bare = [], []
    try:
        for run in range(args.runs):
            messages = _messages(args.count, run, intake)
            spent_product = spent_bare = 0.0
            # Product and bare alternate block by block, so a change in the machine's load falls on both alike.
            with smtplib.LMTP("127.0.0.1", port) as client:
                client.ehlo("bench")
                for start in range(0, len(messages), args.block):
                    block = messages[start : start + args.block]
                    spent_product += _product(client, block, intake)
                    spent_bare += _bare(block)
            product.append(spent_product / args.count)
            bare.append(spent_bare / args.count)
            print(
                f"run {run + 1}: product {product[-1] * 1000:.2f} ms/message, bare {bare[-1] * 1000:.2f} ms/message, "
                f"ratio {product[-1] / bare[-1]:.2f}",
                flush=True,
            )
    finally:
        if args.in_process:
            threaded.stop()
        else:
            server.terminate()
            server.wait(timeout=30)
    from councildesk.mailin.models import InboundEmail

    counts = {s: InboundEmail.objects.filter(status=s).count() for s in ("placed", "quarantined", "received")}
    print(f"stored {sum(counts.values())} messages: {counts}")
    if sum(counts.values()) != args.count * args.runs or counts["received"]:
        raise SystemExit("not every message was stored and placed")
    ratios = sorted(p / b for p, b in zip(product, bare, strict=True))
    per_message = statistics.median(product)
    print(f"mail_ingest_per_s={1 / per_message:.1f}")
    print(f"mail_ingest_ratio={statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
