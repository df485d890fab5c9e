"""Page benchmark: the Clerk's enquiry queue and a councillor's "my enquiries", at 1,000 and at 1,000,000
enquiries. Each size runs in its own process on its own fresh database.

It checks that each page runs the same number of SQL queries at both sizes, and prints the p95 latency of each.
The last line is ``page_latency_ratio=<p95 at 1M / p95 at 1k>`` for the slower of the two pages; target <= 1.5.

    .venv/bin/python bench/pages.py [--large 1000000] [--small 1000] [--requests 60]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

# bench/ holds http.py, which would hide the standard library's http package: look in bench/ last, not first.
if sys.path and sys.path[0] and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))


def child(size: int, requests: int) -> None:
    from _enquiry_data import build, django_setup, percentile

    django_setup()
    ids = build(size, due=100)
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client

    from councildesk.people.models import Person

    # Keep one connection for the whole run, as the test runner does, so queries can be counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    pages = {
        "clerk_queue": ("bench.clerk", "/c/sandon-burston/enquiries/"),
        "my_enquiries": ("bench.cllr0", "/c/sandon-burston/enquiries/"),
    }
    out: dict[str, dict[str, object]] = {}
    for name, (username, url) in pages.items():
        client = Client()
        client.force_login(Person.objects.get(username=username))
        for _ in range(5):
            assert client.get(url).status_code == 200
        captured: list[tuple[float, str]] = []

        def count(execute, sql, params, many, context, captured=captured):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                captured.append((time.perf_counter() - t, sql))

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200
        rows = response.content.count(b'class="govuk-table__row"')
        times = []
        for _ in range(requests):
            t = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - t)
        out[name] = {"queries": len(captured), "rows": rows, "p95": percentile(times, 95)}
        if "--show" in sys.argv:
            for took, sql in captured:
                print(round(took * 1000, 2), sql[:300], file=sys.stderr)
    del ids
    print(json.dumps({"size": size, "pages": out}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--child", type=int)
    parser.add_argument("--show", action="store_true", help="print each page's queries with their times")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.requests)
        return
    results = {}
    for size in (args.small, args.large):
        cmd = [sys.executable, __file__, "--child", str(size), "--requests", str(args.requests)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        results[size] = json.loads(out)["pages"]
    ratios = []
    for page in ("clerk_queue", "my_enquiries"):
        small, large = results[args.small][page], results[args.large][page]
        same = "same" if small["queries"] == large["queries"] else "DIFFERENT"
        ratio = large["p95"] / small["p95"]
        ratios.append(ratio)
        print(
            f"{page}: queries {small['queries']} at {args.small:,} and {large['queries']} at {args.large:,} ({same}); "
            f"p95 {small['p95'] * 1000:.1f} ms -> {large['p95'] * 1000:.1f} ms; ratio {ratio:.3f}"
        )
        if small["queries"] != large["queries"]:
            raise SystemExit(f"{page}: the query count depends on the data size")
    print(f"page_latency_ratio={max(ratios):.3f}")


if __name__ == "__main__":
    main()
