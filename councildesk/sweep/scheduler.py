"""The in-process sweep for the embedded default: a daemon thread inside ``serve`` and ``demo``.

It runs the sweep at start and then every ``COUNCILDESK_SWEEP_INTERVAL`` seconds (0 turns it off, for
installations that run ``councildesk sweep`` from cron or a worker instead). Nothing it meets can stop the
server: every failure is logged and the next tick comes anyway. It closes its database connections after each
sweep, so an idle server holds none and a dropped PostgreSQL connection is replaced at the next tick.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import connections

from .runner import SweepReport, sweep

log = logging.getLogger(__name__)


class SweepThread(threading.Thread):
    def __init__(self, interval: float, run: Callable[[], SweepReport] = sweep) -> None:
        super().__init__(name="councildesk-sweep", daemon=True)
        self.interval = interval
        self._run = run
        self._stop_event = threading.Event()
        self.ticks = 0

    def stop(self) -> None:
        self._stop_event.set()

    def tick(self) -> None:
        try:
            report = self._run()
            if report.busy is not None:
                log.info("sweep: %s", report.busy)
            elif report.failed:
                log.error("sweep: %s", "; ".join(report.lines()))
            else:
                log.debug("sweep: %s", "; ".join(report.lines()))
        except Exception:
            log.exception("the sweep failed; it runs again in %s seconds", self.interval)
        finally:
            self.ticks += 1
            connections.close_all()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.tick()
            self._stop_event.wait(self.interval)


def start_sweeper(interval: float | None = None) -> SweepThread | None:
    """Start the background sweep unless the interval is 0 (or less); returns the thread, or None."""
    seconds = settings.COUNCILDESK_SWEEP_INTERVAL if interval is None else interval
    if seconds <= 0:
        return None
    thread = SweepThread(seconds)
    thread.start()
    return thread
