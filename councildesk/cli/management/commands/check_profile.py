"""``councildesk check-profile FILE [--protocol DOC]``: exit 0 when valid; 1 listing each problem by key path."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councildesk.core.errors import DomainError
from councildesk.councils.models import Council
from councildesk.councils.profiles import ProfileInvalid, clause_problems, load_profile
from councildesk.protocol.models import Clause
from councildesk.protocol.parsing import parse_document


class Command(BaseCommand):
    help = "Validate a council profile. Clause references are checked against the council's imported protocol."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--protocol", type=Path, help="Check clause references against this document instead.")

    def handle(self, *args: Any, file: Path, protocol: Path | None, **options: Any) -> None:
        try:
            profile = load_profile(file)
        except ProfileInvalid as exc:
            for problem in exc.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(f"{len(exc.problems)} problem(s); the profile is not valid.", returncode=1) from None
        units, against = self._units(profile.slug, protocol)
        problems = clause_problems(profile, units) if units is not None else []
        for problem in problems:
            self.stderr.write(f"{file}: {problem}")
        if problems:
            raise CommandError(f"{len(problems)} clause reference(s) not found in {against}.", returncode=1)
        checked = f"; clause references checked against {against}" if units is not None else ""
        self.stdout.write(f"{file}: valid profile for {profile.name} ({profile.slug}){checked}.")

    def _units(self, slug: str, protocol: Path | None) -> tuple[dict[str, Sequence[str]] | None, str]:
        if protocol is not None:
            try:
                return dict(parse_document(protocol.read_bytes(), filename=protocol.name).units()), str(protocol)
            except OSError as exc:
                raise CommandError(f"{protocol}: cannot read the file ({exc.strerror}).", returncode=2) from None
            except DomainError as exc:
                raise CommandError(f"{protocol}: {exc.message}", returncode=1) from None
        try:
            council = Council.objects.filter(slug=slug).first()
        except Exception:
            return None, ""
        clauses = Clause.objects.filter(council=council, document__is_current=True) if council else None
        if not clauses or not clauses.exists():
            return None, ""
        return {c.ref: c.items for c in clauses}, f"the imported protocol of {slug}"
