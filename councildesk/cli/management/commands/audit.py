"""``councildesk audit verify [--council SLUG]``; ``councildesk audit export --council SLUG [--output FILE]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councildesk.audit.verification import export_council, verify_council
from councildesk.core.errors import DomainError
from councildesk.councils.models import Council
from councildesk.councils.selectors import council_get_by_slug

from ...database import require_migrated_database


class Command(BaseCommand):
    help = "Verify or export the tamper-evident audit log."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Check every council's chain (or one). Exit 1 when broken.")
        verify.add_argument("--council")
        export = sub.add_parser("export", help="Write a council's log as JSON Lines for independent checking.")
        export.add_argument("--council", required=True)
        export.add_argument("--output", type=Path, help="File to write (default: standard output).")

    def _councils(self, slug: str | None) -> list[Council]:
        require_migrated_database()
        try:
            return [council_get_by_slug(slug)] if slug else list(Council.objects.order_by("slug"))
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from None

    def handle(
        self, *args: Any, action: str, council: str | None = None, output: Path | None = None, **options: Any
    ) -> None:
        if action == "export":
            self._export(self._councils(council)[0], output)
            return
        broken = 0
        for target in self._councils(council):
            verdict = verify_council(target)
            if verdict.ok:
                self.stdout.write(f"{target.slug}: intact, {verdict.checked} events checked, head {verdict.head_hash}")
            else:
                broken += 1
                self.stdout.write(
                    f"{target.slug}: NOT INTACT at event {verdict.first_bad_seq}: {verdict.problem} "
                    f"({verdict.checked} events good before it)"
                )
        if broken:
            raise CommandError(f"{broken} council log(s) failed verification.", returncode=1)

    def _export(self, council: Council, output: Path | None) -> None:
        if output is None:
            verdict = export_council(council, sys.stdout)
        else:
            try:
                with output.open("w", encoding="utf-8") as out:
                    verdict = export_council(council, out)
            except OSError as exc:
                raise CommandError(f"{output}: cannot write the export ({exc.strerror}).", returncode=2) from None
            self.stderr.write(f"wrote {verdict.checked} events to {output}; head {verdict.head_hash}")
        if not verdict.ok:
            raise CommandError(
                f"exported, but the log is NOT intact at event {verdict.first_bad_seq}: {verdict.problem}",
                returncode=1,
            )
