"""``councildesk serve``: apply migrations, then serve the application with waitress.

The port is bound before the in-process sweep starts, so a server that cannot start (the port is taken) exits
with a clear message and never takes the sweep lease. On SIGTERM or Ctrl+C the server stops, the sweep thread
finishes the sweep it is in (releasing its lease), and only then does the process exit.

Behind a reverse proxy, ``--trusted-proxy ADDR`` (or ``COUNCILDESK_TRUSTED_PROXY``) lets waitress take the
client's scheme, host and address from that proxy's ``X-Forwarded-*`` headers and drop them from anyone else.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

TRUSTED_HEADERS = {"x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-forwarded-for"}


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve_forever(host: str, port: int, threads: int, trusted_proxy: str | None = None) -> None:
    from waitress.server import create_server

    from config.wsgi import application
    from councildesk.sweep.scheduler import start_sweeper

    proxy: dict[str, Any] = {}
    if trusted_proxy:
        proxy = {
            "trusted_proxy": trusted_proxy,
            "trusted_proxy_headers": TRUSTED_HEADERS,
            "clear_untrusted_proxy_headers": True,
        }
    try:
        server = create_server(application, host=host, port=port, threads=threads, ident="councildesk", **proxy)
    except OSError as exc:
        raise CommandError(f"cannot serve on {host}:{port}: {exc.strerror or exc}", returncode=1) from exc
    sweeper = start_sweeper()  # the in-process sweep (COUNCILDESK_SWEEP_INTERVAL; 0 turns it off)
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
        if sweeper is not None:
            sweeper.stop()
            sweeper.join(timeout=60)  # a sweep in progress finishes and releases its lease


class Command(BaseCommand):
    help = "Serve councildesk over HTTP (migrations apply themselves first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--trusted-proxy",
            default=os.environ.get("COUNCILDESK_TRUSTED_PROXY") or None,
            metavar="ADDR",
            help="the reverse proxy's address, whose X-Forwarded-* headers are believed (default: none)",
        )

    def handle(self, *args: Any, host: str, port: int, threads: int, trusted_proxy: str | None, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        self.stdout.write(f"councildesk is serving on http://{host}:{port}/ (Ctrl+C to stop)")
        sys.stdout.flush()
        serve_forever(host, port, threads, trusted_proxy)
