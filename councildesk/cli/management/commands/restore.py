"""``councildesk restore FILE --yes``: replace the database with a backup, then verify every audit chain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...backups import restore, restore_documents


class Command(BaseCommand):
    help = "Restore a backup made by 'councildesk backup' over the current database, then run audit verify."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="Confirm that the current data may be replaced.")

    def handle(self, *args: Any, file: Path, yes: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such backup file.", returncode=2)
        if not yes:
            raise CommandError(
                "restore replaces everything in the current database: add --yes to confirm.", returncode=2
            )
        engine = restore(file)
        self.stdout.write(f"restored the {engine} backup {file}")
        call_command("migrate", verbosity=0, interactive=False)  # a backup from an older release catches up
        documents = restore_documents(file)
        if documents is not None:
            self.stdout.write(f"restored {documents.restored} documents")
            if documents.missing:
                raise CommandError(
                    f"{len(documents.missing)} documents are missing or damaged after the restore: "
                    + ", ".join(documents.missing[:20]),
                    returncode=1,
                )
        call_command("audit", "verify", stdout=self.stdout, stderr=self.stderr)
