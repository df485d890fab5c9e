"""HTTP benchmark: the Clerk's enquiry queue against a bare Django list page, over HTTP under ``wrk``.

Both are served by waitress with the same thread count (8, as ``councildesk serve``), from the same database: the
product from ``config.wsgi``, the bare page from the tiny site in ``bench/barepage`` (one model over the enquiry
table, one view, one template, no middleware; it lists as many rows as the queue shows). At each concurrency
(1, 4, 16) the two are loaded one after the other for ``--duration`` seconds each, three pairs; each pair's ratio
is kept and the median printed, so load on the machine weighs on both sides. p50 and p99 come from ``wrk
--latency``. The last line is ``throughput_ratio=<the lowest of the three medians>``; target >= 0.6.

wrk is the Debian package (``apt-get install -y wrk``). SQLite by default (a fresh file); set DATABASE_URL to a
PostgreSQL database whose name starts with ``bench`` (dropped and created) to run there.

    .venv/bin/python bench/http.py [--duration 15] [--pairs 3] [--enquiries 1000] [--threads 8]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

# bench/ holds http.py, which would hide the standard library's http package: look in bench/ last, not first.
if sys.path and sys.path[0] and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONCURRENCY = (1, 4, 16)


def serve(which: str, port: int, threads: int) -> None:
    """Run in a child process: serve the product or the bare site with waitress."""
    sys.path.insert(0, str(ROOT))
    sys.path.append(str(HERE))
    if which == "bare":
        os.environ["DJANGO_SETTINGS_MODULE"] = "barepage.settings"
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import logging

    from django.core.wsgi import get_wsgi_application
    from waitress import serve as waitress_serve

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" warnings at concurrency 16
    application = get_wsgi_application()
    waitress_serve(application, host="127.0.0.1", port=port, threads=threads, ident="bench", _quiet=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, cookie: str | None) -> bytes:
    import urllib.request

    deadline = time.monotonic() + 60
    while True:
        try:
            request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own local server
                if response.status == 200:
                    return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.3)


def to_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(url: str, concurrency: int, duration: int, cookie: str | None) -> dict[str, float]:
    cmd = ["wrk", f"-t{min(concurrency, 2)}", f"-c{concurrency}", f"-d{duration}s", "--latency", "--timeout", "30s"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*cmd, url], check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"wrk saw errors from {url}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    return {"rps": rps, "p50": p50, "p99": p99}


def setup(enquiries: int) -> tuple[dict[str, str], str]:
    """A fresh database with the bench council and its enquiries; a signed-in session for the Clerk."""
    sys.path.append(str(HERE))
    from _enquiry_data import build, django_setup

    data = django_setup()
    build(enquiries, due=100)
    from django.conf import settings
    from django.test import Client

    from councildesk.people.models import Person

    client = Client()
    client.force_login(Person.objects.get(username="bench.clerk"))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    env = {**os.environ, "COUNCILDESK_DATA": str(data)}
    return env, cookie


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per side, per pair")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads for both servers")
    parser.add_argument("--enquiries", type=int, default=1000)
    parser.add_argument("--serve", choices=["product", "bare"])
    parser.add_argument("--port", type=int)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.threads)
        return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    env, cookie = setup(args.enquiries)
    ports = {"product": free_port(), "bare": free_port()}
    urls = {"product": f"http://127.0.0.1:{ports['product']}/c/sandon-burston/enquiries/"}
    servers: list[subprocess.Popen[bytes]] = []
    try:
        servers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--serve",
                    "product",
                    "--port",
                    str(ports["product"]),
                    "--threads",
                    str(args.threads),
                ],
                env=env,
            )
        )
        page = wait_up(urls["product"], cookie)
        rows = page.count(b'class="govuk-table__row"')
        bare_env = {**env, "BAREPAGE_ROWS": str(max(rows, 1))}
        servers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--serve",
                    "bare",
                    "--port",
                    str(ports["bare"]),
                    "--threads",
                    str(args.threads),
                ],
                env=bare_env,
            )
        )
        urls["bare"] = f"http://127.0.0.1:{ports['bare']}/"
        bare_page = wait_up(urls["bare"], None)
        bare_rows = bare_page.count(b'class="row"')
        print(
            f"queue page: {rows} rows, {len(page):,} bytes; bare page: {bare_rows} rows, "
            f"{len(bare_page):,} bytes; {args.threads} waitress threads each; database from DATABASE_URL or SQLite"
        )
        medians = []
        for concurrency in CONCURRENCY:
            wrk(urls["product"], concurrency, 2, cookie), wrk(urls["bare"], concurrency, 2, None)  # warm up
            pairs = []
            for _ in range(args.pairs):
                product = wrk(urls["product"], concurrency, args.duration, cookie)
                bare = wrk(urls["bare"], concurrency, args.duration, None)
                pairs.append((product, bare, product["rps"] / bare["rps"]))
            ratio = statistics.median(p[2] for p in pairs)
            medians.append(ratio)
            for product, bare, r in pairs:
                print(
                    f"  c={concurrency:>2}: queue {product['rps']:.0f} req/s (p50 {product['p50']:.1f} ms, "
                    f"p99 {product['p99']:.1f} ms) vs bare {bare['rps']:.0f} req/s (p50 {bare['p50']:.1f} ms, "
                    f"p99 {bare['p99']:.1f} ms): {r:.3f}"
                )
            print(f"concurrency {concurrency}: throughput_ratio median {ratio:.3f}")
        print(f"throughput_ratio={min(medians):.3f}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
