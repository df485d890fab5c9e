"""``councildesk import-protocol --council SLUG FILE``: split a .txt, .md or .docx protocol into clauses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from councildesk.core.errors import DomainError
from councildesk.councils.selectors import council_get_by_slug
from councildesk.protocol.services import protocol_import


class Command(BaseCommand):
    help = "Import a council's protocol document and print the number of clauses."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", required=True, help="The council's slug.")
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, council: str, file: Path, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        try:
            target = council_get_by_slug(council)
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: cannot read the file ({exc.strerror}).", returncode=2) from None
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from None
        try:
            result = protocol_import(actor=None, council=target, data=data, filename=file.name)
        except DomainError as exc:
            raise CommandError(f"{file}: {exc.message}", returncode=1) from None
        for problem in result.unresolved:
            self.stderr.write(f"warning: the profile cites {problem} ")
        self.stdout.write(f"{result.clause_count} clauses imported for {target.name} from {file.name}.")
