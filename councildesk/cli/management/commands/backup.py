"""``councildesk backup --output FILE``: a consistent copy of the whole database, audit chains intact."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councildesk.audit.verification import verify_council
from councildesk.councils.models import Council

from ...backups import backup, backup_documents, documents_archive
from ...database import require_migrated_database


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup, or pg_dump) and print each council's head hash."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args: Any, output: Path, **options: Any) -> None:
        require_migrated_database()
        if output.exists():
            raise CommandError(f"{output} already exists; choose a new file name.", returncode=2)
        try:
            engine = backup(output)
        except OSError as exc:
            raise CommandError(f"{output}: cannot write the backup ({exc.strerror}).", returncode=2) from None
        except subprocess.CalledProcessError as exc:
            raise CommandError(f"pg_dump failed: {exc.stderr.decode(errors='replace')[:2000]}", returncode=1) from None
        self.stdout.write(f"wrote a {engine} backup to {output}")
        self.stdout.write(f"wrote {backup_documents(output)} documents to {documents_archive(output)}")
        for council in Council.objects.order_by("slug"):
            verdict = verify_council(council)
            self.stdout.write(f"{council.slug}: {verdict.checked} events, head {verdict.head_hash}")
