"""Sweep benchmark: the time-based sweep at 1,000,000 enquiries against 10,000, each with the same 1,000 due.

Each size runs in its own process on its own fresh database. Before each timed run the 1,000 due enquiries are
made due again, so every run does the same work. The last line is ``sweep_ratio=<t_1M / t_10k>`` (median of the
runs); the target is <= 2, which holds only if due items are found through an index rather than a scan.

    .venv/bin/python bench/sweep.py [--large 1000000] [--small 10000] [--due 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

# bench/ holds http.py, which would hide the standard library's http package: look in bench/ last, not first.
if sys.path and sys.path[0] and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))


def child(size: int, due: int, runs: int) -> None:
    from _enquiry_data import build, django_setup

    django_setup()
    t0 = time.perf_counter()
    ids = build(size, due)
    built = time.perf_counter() - t0
    import datetime as dt

    from django.db import connection

    from councildesk.core import clock
    from councildesk.enquiries.models import Enquiry
    from councildesk.notifications.models import Notification, OutboxEmail
    from councildesk.sweep.runner import sweep

    times, done = [], []
    for run in range(runs + 1):  # the first run warms caches and is not counted
        yesterday = clock.today() - dt.timedelta(days=1)
        Enquiry.objects.filter(council_id=ids["council"], status="new", next_notice_on__lte=clock.today()).update(
            notices_sent=0
        )
        Enquiry.objects.filter(pk__in=list(range(1, due + 1))).update(notices_sent=0, next_notice_on=yesterday)
        OutboxEmail.objects.all().delete()
        Notification.objects.all().delete()
        connection.close()
        t = time.perf_counter()
        report = sweep()
        if run:
            times.append(time.perf_counter() - t)
            done.append({r.name: r.count for r in report.results})
    print(json.dumps({"size": size, "built_s": round(built, 1), "times": times, "done": done}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", type=int)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.due, args.runs)
        return
    results = {}
    for size in (args.small, args.large):
        cmd = [sys.executable, __file__, "--child", str(size), "--due", str(args.due), "--runs", str(args.runs)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        results[size] = json.loads(out)
        r = results[size]
        print(
            f"{size:>9,} enquiries (built in {r['built_s']} s): sweep runs {[round(t, 3) for t in r['times']]} s, "
            f"work {r['done'][0]}"
        )
    small, large = (statistics.median(results[s]["times"]) for s in (args.small, args.large))
    print(f"sweep_ratio={large / small:.3f}")


if __name__ == "__main__":
    main()
