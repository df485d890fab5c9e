"""``councildesk serve``: apply migrations, then serve the application with waitress."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


def serve_forever(host: str, port: int, threads: int) -> None:
    from waitress import serve

    from config.wsgi import application
    from councildesk.sweep.scheduler import start_sweeper

    start_sweeper()  # the in-process sweep (COUNCILDESK_SWEEP_INTERVAL; 0 turns it off)
    serve(application, host=host, port=port, threads=threads, ident="councildesk")


class Command(BaseCommand):
    help = "Serve councildesk over HTTP (migrations apply themselves first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, host: str, port: int, threads: int, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        self.stdout.write(f"councildesk is serving on http://{host}:{port}/ (Ctrl+C to stop)")
        serve_forever(host, port, threads)
