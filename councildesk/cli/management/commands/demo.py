"""``councildesk demo [--load-only]``: load the five demo councils with people in every role, then serve."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from councildesk.demo.loader import DEMO_PASSWORD, load_demo
from councildesk.notifications.demo import demo_notifications_load

from .serve import serve_forever


class Command(BaseCommand):
    help = "Load the demo councils (idempotent) and serve them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--load-only", action="store_true", help="Load the demo data and exit.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, load_only: bool, host: str, port: int, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        report = load_demo()
        if written := demo_notifications_load():
            report.lines.append(f"notifications: {written} welcome notices")
        for line in report.lines:
            self.stdout.write(line)
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        for username, description in report.accounts:
            self.stdout.write(f"  {username:<28} {description}")
        if load_only:
            return
        self.stdout.write(f"\ncouncildesk demo is serving on http://{host}:{port}/ (Ctrl+C to stop)")
        serve_forever(host, port, 8)
