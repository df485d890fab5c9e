"""``councildesk audit``: verify, export, checkpoint, keygen, public-key, grants.

- ``verify [--council SLUG] [--checkpoint FILE] [--public-key FILE] [--content]``
- ``export --council SLUG [--output FILE]``
- ``checkpoint [--council SLUG] [--output FILE]`` (key from ``COUNCILDESK_CHECKPOINT_KEY``)
- ``keygen --output FILE`` and ``public-key [--key FILE]``
- ``grants --role NAME`` (the SQL that makes a PostgreSQL runtime role)

Exit codes: 0 intact, 1 a log (or a checkpoint) failed, 2 a usage or configuration problem.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councildesk.audit import checkpoints, roles, signing
from councildesk.audit.signing import Checkpoint, CheckpointError
from councildesk.audit.verification import check_council, export_council, head_of, verify_council
from councildesk.core import clock
from councildesk.core.errors import DomainError
from councildesk.councils.models import Council
from councildesk.councils.selectors import council_get_by_slug

from ...database import require_migrated_database


class Command(BaseCommand):
    help = "Verify, export or checkpoint the tamper-evident audit log."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Check every council's chain (or one). Exit 1 when broken.")
        verify.add_argument("--council")
        verify.add_argument(
            "--checkpoint", type=Path, help="Check against the signed checkpoints in this file (default: those held)."
        )
        verify.add_argument("--public-key", type=Path, help="Check signatures with this public key (PEM).")
        verify.add_argument("--content", action="store_true", help="Also recompute the recorded content digests.")
        export = sub.add_parser("export", help="Write a council's log as JSON Lines for independent checking.")
        export.add_argument("--council", required=True)
        export.add_argument("--output", type=Path, help="File to write (default: standard output).")
        checkpoint = sub.add_parser("checkpoint", help="Sign each council's current head (or one's).")
        checkpoint.add_argument("--council")
        checkpoint.add_argument("--output", type=Path, help="Append to this file (default: the council's file).")
        keygen = sub.add_parser("keygen", help="Make a new Ed25519 checkpoint key; prints its public key.")
        keygen.add_argument("--output", type=Path, required=True)
        public = sub.add_parser("public-key", help="Print the checkpoint key's public key, for the Monitoring Officer.")
        public.add_argument("--key", type=Path, help="The private key file (default: COUNCILDESK_CHECKPOINT_KEY).")
        grants = sub.add_parser("grants", help="Print the SQL that gives a PostgreSQL runtime role what it needs.")
        grants.add_argument("--role", required=True)

    def _councils(self, slug: str | None) -> list[Council]:
        require_migrated_database()
        try:
            return [council_get_by_slug(slug)] if slug else list(Council.objects.order_by("slug"))
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from None

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            if action == "export":
                self._export(self._councils(options["council"])[0], options["output"])
            elif action == "checkpoint":
                self._checkpoint(options["council"], options["output"])
            elif action == "keygen":
                self._keygen(options["output"])
            elif action == "public-key":
                key = checkpoints.load_signing_key(options["key"]).public_key()
                self.stdout.write(signing.public_key_pem(key).decode("ascii").rstrip())
                self.stderr.write(f"key id {signing.key_id(key)}")
            elif action == "grants":
                try:
                    self.stdout.write(roles.runtime_grants(options["role"]).rstrip())
                except ValueError as exc:
                    raise CommandError(str(exc), returncode=2) from None
            else:
                self._verify(options["council"], options["checkpoint"], options["public_key"], options["content"])
        except CheckpointError as exc:
            raise CommandError(str(exc), returncode=2) from None

    # verify ----------------------------------------------------------------------------------------------------

    def _checkpoints(self, slugs: list[str], given: Path | None, public_key: Path | None) -> list[Checkpoint] | None:
        """The signed checkpoints to check against, each signature verified; None when there are none at all."""
        paths = [given] if given else [p for p in (checkpoints.council_file(s) for s in slugs) if p.exists()]
        if given and not given.exists():
            raise CommandError(f"{given}: no such checkpoint file", returncode=2)
        if not paths:
            return None
        key = checkpoints.load_verify_key(public_key)
        found: list[Checkpoint] = []
        for path in paths:
            try:
                found.extend(checkpoints.read_file(path, key))
            except CheckpointError as exc:
                raise CommandError(f"checkpoint NOT TRUSTED: {exc}", returncode=1) from None
        return found

    def _verify(self, slug: str | None, given: Path | None, public_key: Path | None, with_content: bool) -> None:
        councils = self._councils(slug)
        held = self._checkpoints([c.slug for c in councils], given, public_key)
        broken = 0
        if held is not None and slug is None:
            for name in sorted({cp.council for cp in held} - {c.slug for c in councils}):
                broken += 1
                self.stdout.write(
                    f"{name}: NOT INTACT: a signed checkpoint names it, but the database has no such council"
                )
        for target in councils:
            report = check_council(target, held or (), with_content=with_content)
            verdict = report.verdict
            anchor = f"; matches {report.checkpoints} signed checkpoint(s)" if report.checkpoints else "; no checkpoint"
            if verdict.ok:
                self.stdout.write(
                    f"{target.slug}: intact, {verdict.checked} events checked, head {verdict.head_hash}{anchor}"
                )
            else:
                broken += 1
                self.stdout.write(
                    f"{target.slug}: NOT INTACT at event {verdict.first_bad_seq}: {verdict.problem} "
                    f"({verdict.checked} events good before it)"
                )
            if report.content is not None:
                found = report.content
                types = ", ".join(found.unknown_types)
                unknown = f"; not checked (unknown types): {types}" if types else ""
                self.stdout.write(
                    f"{target.slug}: content: {found.checked} recorded digest(s) checked, "
                    f"{len(found.problems)} changed{unknown}"
                )
                for problem in found.problems:
                    self.stdout.write(f"{target.slug}: CONTENT CHANGED: {problem}")
                broken += bool(found.problems) and verdict.ok
        if broken:
            raise CommandError(f"{broken} council log(s) failed verification.", returncode=1)

    # checkpoint --------------------------------------------------------------------------------------------------

    def _checkpoint(self, slug: str | None, output: Path | None) -> None:
        key = checkpoints.load_signing_key()
        public = key.public_key()
        councils = self._councils(slug)
        refused = 0
        for target in councils:
            path = output or checkpoints.council_file(target.slug)
            held = checkpoints.read_file(path, public) if path.exists() else []
            verdict = verify_council(target, held)
            head = head_of(target)
            if not verdict.ok or head is None:
                refused += 1
                self.stdout.write(
                    f"{target.slug}: NOT SIGNED: the log is not intact at event {verdict.first_bad_seq}: "
                    f"{verdict.problem}"
                )
                continue
            line = checkpoints.sign_head(target, key, seq=head.seq, head_hash=head.hash, now=clock.now())
            checkpoints.append(path, line)
            self.stdout.write(f"{target.slug}: checkpoint of event {head.seq} (head {head.hash}) appended to {path}")
        if refused:
            raise CommandError(f"{refused} council log(s) not intact: no checkpoint signed for them.", returncode=1)

    def _keygen(self, output: Path) -> None:
        key = checkpoints.write_key(output)
        self.stderr.write(f"wrote a new Ed25519 checkpoint key to {output} (key id {signing.key_id(key.public_key())})")
        self.stdout.write(signing.public_key_pem(key.public_key()).decode("ascii").rstrip())

    # export ------------------------------------------------------------------------------------------------------

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
