"""Soak benchmark: a bounded 90/10 read/write load at a fixed rate against a real server on loopback.

A child process builds a fresh database (one council, its cast, ``--enquiries`` enquiries), then serves the
application with waitress, as ``councildesk serve`` does, plus one bare Django list page at ``/__bare__/`` (the
same enquiries as a plain list: no middleware, no template, no access gate) on the same server. The parent:

1. sends ``--rate`` requests a second for ``--seconds`` seconds, on schedule whatever the answers take: 90%
   reads (the Clerk's queue, a councillor's enquiries, one enquiry) and 10% writes (raising an enquiry through
   the API). It prints p50, p95 and p99 latency, errors (5xx or no answer) and "database is locked" answers;
2. then, for the same time, as many realistic reads as ``--clients`` clients can get answered, and as many bare
   list pages. The last line is ``soak_throughput_ratio=<realistic pages per second / bare pages per second>``.

    .venv/bin/python bench/soak.py [--rate 20] [--seconds 20] [--clients 4] [--enquiries 300]
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds http.py, which would hide the standard library's http package: look in bench/ last, not first.
if sys.path and sys.path[0] and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))

import argparse
import json
import random
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable

HERE = Path(__file__).resolve().parent


# -- the server (child) ------------------------------------------------------------------------------------


def child(port: int, enquiries: int) -> None:
    sys.path.insert(0, str(HERE))
    from _enquiry_data import django_setup

    django_setup()
    _cast(enquiries)
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from waitress.server import create_server

    from config.wsgi import application
    from councildesk.api.tokens import token_issue
    from councildesk.enquiries.models import Enquiry
    from councildesk.people.models import Person

    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

    def session_for(username: str) -> str:
        person = Person.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(person.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = person.get_session_auth_hash()
        store["councildesk.session.started"] = time.time()
        store.create()
        return str(store.session_key)

    def bare(environ: dict[str, object], start_response: Callable[..., object]) -> list[bytes]:
        rows = Enquiry.objects.order_by("-pk").values_list("pk", "subject")[:50]
        body = "<ul>" + "".join(f"<li>{pk}: {subject}</li>" for pk, subject in rows) + "</ul>"
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [body.encode()]

    def app(environ: dict[str, object], start_response: Callable[..., object]) -> object:
        if environ.get("PATH_INFO") == "/__bare__/":
            from django.db import close_old_connections

            try:
                return bare(environ, start_response)
            finally:
                close_old_connections()
        return application(environ, start_response)

    first = Enquiry.objects.order_by("pk").values_list("pk", flat=True).first()
    cast = {
        "clerk": session_for("bench.clerk"),
        "cllr": session_for("bench.cllr0"),
        "token": token_issue(actor=Person.objects.get(username="bench.cllr0"), name="soak")[1],
        "enquiry": first,
        "cookie": settings.SESSION_COOKIE_NAME,
    }
    import logging

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth" is the point of a soak
    server = create_server(app, host="127.0.0.1", port=port, threads=8, ident="councildesk")
    print(json.dumps(cast), flush=True)
    server.run()


def _cast(enquiries: int) -> None:
    """One council, its Clerk, an officer and ten councillors, and ``enquiries`` raised through the service."""
    import datetime as dt

    from django.conf import settings

    from councildesk.councils.services import council_sync_from_profile
    from councildesk.enquiries.services import enquiry_raise
    from councildesk.people import services as people
    from councildesk.people.models import Person

    council, _ = council_sync_from_profile(path=settings.COUNCILDESK_PROFILES_DIR / "sandon-burston.toml")

    def person(username: str, kind: str) -> Person:
        p = Person.objects.create(username=username, first_name=username, last_name="Bench")
        people.role_grant(actor=None, council=council, person=p, kind=kind, start=dt.date(2023, 5, 8))
        return p

    person("bench.clerk", "clerk")
    person("bench.officer", "officer")
    cllrs = [person(f"bench.cllr{i}", "councillor") for i in range(10)]
    for n in range(enquiries):
        enquiry_raise(
            actor=cllrs[n % len(cllrs)],
            council=council,
            subject=f"Bench enquiry {n}",
            details="Raised for the soak benchmark.",
            submission_key=f"bench-{n}",
        )


# -- the load (parent) -------------------------------------------------------------------------------------


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: list[float] = []
        self.errors = 0
        self.locked = 0
        self.done = 0

    def add(self, seconds: float, status: int, body: bytes) -> None:
        with self.lock:
            self.done += 1
            self.times.append(seconds)
            if status >= 500 or status == 0:
                self.errors += 1
            if b"database is locked" in body:
                self.locked += 1


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def fetch(url: str, *, headers: dict[str, str], data: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read()
    except OSError:
        return 0, b""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=20.0, help="requests a second in the fixed-rate phase")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients in the throughput phase")
    parser.add_argument("--enquiries", type=int, default=300)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.enquiries)
        return

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", str(port), "--enquiries", str(args.enquiries)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        if not line:
            raise SystemExit("the server did not start")
        cast = json.loads(line)
        run(port, cast, args)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def run(port: int, cast: dict[str, object], args: argparse.Namespace) -> None:
    base = f"http://127.0.0.1:{port}"
    cookie = str(cast["cookie"])
    reads = [
        (f"{base}/c/sandon-burston/enquiries/", {"Cookie": f"{cookie}={cast['clerk']}"}),
        (f"{base}/c/sandon-burston/enquiries/", {"Cookie": f"{cookie}={cast['cllr']}"}),
        (f"{base}/c/sandon-burston/enquiries/{cast['enquiry']}/", {"Cookie": f"{cookie}={cast['clerk']}"}),
    ]
    write_url = f"{base}/api/v1/councils/sandon-burston/enquiries"
    write_headers = {"Authorization": f"Bearer {cast['token']}", "Content-Type": "application/json"}
    for url, headers in reads:  # warm up, and check every page answers
        status, _ = fetch(url, headers=headers)
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
    counter = iter(range(10**9))

    def one(tally: Tally, rng: random.Random, *, writes: bool) -> None:
        t = time.perf_counter()
        if writes and rng.random() < 0.1:
            n = next(counter)
            body = json.dumps({"subject": f"Soak {n}", "details": "Load test.", "submission_key": f"soak-{n}"})
            status, answer = fetch(write_url, headers=write_headers, data=body.encode())
        else:
            url, headers = rng.choice(reads)
            status, answer = fetch(url, headers=headers)
        tally.add(time.perf_counter() - t, status, answer)

    # 1. Fixed rate (open loop): each request starts on its schedule, in its own thread.
    fixed = Tally()
    rng = random.Random(9)
    threads = []
    start = time.perf_counter()
    total = int(args.rate * args.seconds)
    for i in range(total):
        delay = start + i / args.rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        thread = threading.Thread(target=one, args=(fixed, rng), kwargs={"writes": True})
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    print(
        f"fixed rate {args.rate:g}/s for {args.seconds:g}s: {fixed.done} requests, "
        f"p50={percentile(fixed.times, 0.50) * 1000:.1f}ms p95={percentile(fixed.times, 0.95) * 1000:.1f}ms "
        f"p99={percentile(fixed.times, 0.99) * 1000:.1f}ms errors={fixed.errors} database_locked={fixed.locked}"
    )

    # 2. Throughput (closed loop): realistic reads, then the bare list page, each for the same time.
    def saturate(target: Callable[[Tally, random.Random], None]) -> float:
        tally = Tally()
        stop = time.perf_counter() + args.seconds

        def loop(seed: int) -> None:
            r = random.Random(seed)
            while time.perf_counter() < stop:
                target(tally, r)

        workers = [threading.Thread(target=loop, args=(n,)) for n in range(args.clients)]
        began = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        if tally.errors:
            print(f"  ({tally.errors} errors)")
        return tally.done / (time.perf_counter() - began)

    def realistic(tally: Tally, r: random.Random) -> None:
        one(tally, r, writes=False)

    def bare(tally: Tally, r: random.Random) -> None:
        t = time.perf_counter()
        status, body = fetch(f"{base}/__bare__/", headers={})
        tally.add(time.perf_counter() - t, status, body)

    pages = saturate(realistic)
    plain = saturate(bare)
    print(f"throughput with {args.clients} clients: realistic pages {pages:.1f}/s, bare list page {plain:.1f}/s")
    print(f"soak_throughput_ratio={pages / plain:.3f}")


if __name__ == "__main__":
    main()
