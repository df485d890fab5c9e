"""Import a council's protocol document: read, split into clauses, check the profile's references, audit."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.core import clock
from councildesk.core.errors import ProtocolViolation
from councildesk.councils.models import Council
from councildesk.councils.profiles import Problem, clause_problems
from councildesk.people.access import membership_for
from councildesk.people.models import Person
from councildesk.people.permissions import can_import_protocol

from .models import Clause, ProtocolDocument
from .parsing import UnreadableDocument, parse_document
from .versions import versions_seed_from_profile

RULE = "PROTOCOL_VERSION_HISTORY"


@dataclass(frozen=True)
class ImportResult:
    document: ProtocolDocument
    clause_count: int
    unresolved: list[Problem]  # profile references this document does not contain


def protocol_import(*, actor: Person | None, council: Council, data: bytes, filename: str) -> ImportResult:
    if actor is not None and not can_import_protocol(membership_for(actor, council.slug)):
        raise ProtocolViolation(
            reason=f"Only the {council.profile.head_officer_title()} imports the council's protocol.",
            citations=council.profile.cite(R.ROLES_HEAD_OF_PAID_SERVICE),
        )
    limit = settings.COUNCILDESK_MAX_PROTOCOL_BYTES
    if len(data) > limit:
        raise UnreadableDocument(f"{filename} is {len(data):,} bytes; the limit is {limit:,} bytes.")
    parsed = parse_document(data, filename=filename)
    unresolved = clause_problems(council.profile, parsed.units())
    sha256 = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        ProtocolDocument.objects.filter(council=council, is_current=True).update(is_current=False)
        document = ProtocolDocument.objects.create(
            council=council,
            filename=filename,
            sha256=sha256,
            title=parsed.title,
            style=parsed.style,
            imported_at=clock.now(),
            imported_by=actor,
        )
        Clause.objects.bulk_create(
            Clause(
                document=document,
                council=council,
                ref=c.ref,
                heading=c.heading,
                text=c.text,
                items=list(c.items),
                printed=c.printed or "",
                position=c.position,
            )
            for c in parsed.clauses
        )
        record(
            council=council,
            actor=actor,
            action=events.PROTOCOL_IMPORTED,
            subject=document,
            data={
                "filename": filename,
                "sha256": sha256,
                "clauses": len(parsed.clauses),
                "unresolved_references": len(unresolved),
            },
            rule_ids=[RULE],
        )
    versions_seed_from_profile(council)  # the profile's version history, once (PROTOCOL_VERSION_HISTORY)
    return ImportResult(document, len(parsed.clauses), unresolved)
