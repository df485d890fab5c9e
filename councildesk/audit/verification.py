"""Verify and export a council's chain from the database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from . import chain
from .models import AuditEvent, AuditHead
from .services import canonical_row

if TYPE_CHECKING:
    from councildesk.councils.models import Council

EXPORT_FORMAT = "councildesk-audit-export/1"


def _rows(council: Council) -> Iterator[dict[str, Any]]:
    # Storage order by primary key, not by seq: a reordering of seq values must show up as a break.
    for event in AuditEvent.objects.filter(council=council).order_by("pk").iterator(chunk_size=2000):
        yield canonical_row(event, council.slug)


def head_of(council: Council) -> AuditHead | None:
    return AuditHead.objects.filter(council_id=council.pk).first()


def verify_council(council: Council) -> chain.Verdict:
    head = head_of(council)
    if head is None:  # every council records council.created, so a missing head means it was removed
        return chain.Verdict(False, 0, chain.GENESIS, 1, "the council's head record is missing")
    return chain.verify(_rows(council), expected_count=head.seq, expected_head=head.hash)


def export_council(council: Council, out: IO[str]) -> chain.Verdict:
    """Write JSON Lines: a header line, then one line per event with its canonical fields and hashes."""
    verdict = verify_council(council)
    head = head_of(council)
    header = {
        "format": EXPORT_FORMAT,
        "council": council.slug,
        "council_name": council.name,
        # From the head record, not from the walk: a file missing its newest events then fails the recipe.
        "events": head.seq if head else 0,
        "head_hash": head.hash if head else chain.GENESIS,
        "hash": "sha256(bytes.fromhex(prev_hash) + canonical_json(event))",
        "canonical_fields": list(chain.CANONICAL_FIELDS),
        "verified_at_export": verdict.ok,
    }
    out.write(json.dumps(header, ensure_ascii=False) + "\n")
    for row in _rows(council):
        out.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
    return verdict
