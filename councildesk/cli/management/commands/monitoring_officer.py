"""``councildesk monitoring-officer COUNCIL --served-by PRINCIPAL [--start D/M/YYYY]``: record that a principal
council's Monitoring Officer serves a parish or town council in this installation (run by the host)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councildesk.core import clock
from councildesk.core.errors import DomainError
from councildesk.councils.models import Council
from councildesk.people.services import monitoring_arrangement_record


def _day(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"{text!r} is not a date; write it like 8/5/2023.", returncode=2) from None


class Command(BaseCommand):
    help = "Record that a principal council's Monitoring Officer serves another council in this installation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("council", help="The slug of the council served (a parish or town council).")
        parser.add_argument("--served-by", required=True, help="The slug of its principal council.")
        parser.add_argument("--start", help="The first day, like 8/5/2023 (default: today).")

    def handle(self, *args: Any, council: str, served_by: str, start: str | None, **options: Any) -> None:
        served = Council.objects.filter(slug=council).first()
        principal = Council.objects.filter(slug=served_by).first()
        if served is None or principal is None:
            raise CommandError(f"No council {council if served is None else served_by!r} here.", returncode=1)
        day = _day(start) if start else clock.today()
        try:
            monitoring_arrangement_record(actor=None, council=served, principal=principal, start=day)
        except DomainError as exc:
            raise CommandError(exc.message, returncode=1) from None
        self.stdout.write(f"{served.name} is served by the Monitoring Officer of {principal.name} from {day:%d/%m/%Y}.")
