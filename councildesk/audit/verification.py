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


def head_of(council: Council) -> tuple[int, str]:
    head = AuditHead.objects.filter(council_id=council.pk).first()
    return (head.seq, head.hash) if head else (0, chain.GENESIS)


def verify_council(council: Council) -> chain.Verdict:
    seq, head_hash = head_of(council)
    return chain.verify(_rows(council), expected_count=seq, expected_head=head_hash)


def export_council(council: Council, out: IO[str]) -> chain.Verdict:
    """Write JSON Lines: a header line, then one line per event with its canonical fields and hashes."""
    verdict = verify_council(council)
    header = {
        "format": EXPORT_FORMAT,
        "council": council.slug,
        "council_name": council.name,
        "events": verdict.checked,
        "head_hash": verdict.head_hash,
        "hash": "sha256(bytes.fromhex(prev_hash) + canonical_json(event))",
        "canonical_fields": list(chain.CANONICAL_FIELDS),
        "verified_at_export": verdict.ok,
    }
    out.write(json.dumps(header, ensure_ascii=False) + "\n")
    for row in _rows(council):
        out.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
    return verdict
