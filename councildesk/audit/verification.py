"""Verify and export a council's chain from the database."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from . import chain, content, reading, signing
from .models import AuditHead

if TYPE_CHECKING:
    from councildesk.councils.models import Council

EXPORT_FORMAT = "councildesk-audit-export/1"


def head_of(council: Council) -> AuditHead | None:
    return AuditHead.objects.filter(council_id=council.pk).first()


def verify_council(council: Council, checkpoints: Iterable[signing.Checkpoint] = ()) -> chain.Verdict:
    """Walk the chain, compare it with the head record and then with the signed checkpoints given.

    The checkpoints (already checked against the key by the caller) are what the database cannot vouch for
    itself: they catch truncation, a head rolled back, and a rewrite re-hashed all the way to the head.
    """
    return check_council(council, checkpoints).verdict


@dataclass(frozen=True)
class Report:
    verdict: chain.Verdict
    checkpoints: int
    content: content.ContentReport | None = None


def check_council(
    council: Council, checkpoints: Iterable[signing.Checkpoint] = (), *, with_content: bool = False
) -> Report:
    mine = [cp for cp in checkpoints if cp.council == council.slug]
    wanted = {cp.seq for cp in mine}
    hashes_at: dict[int, str] = {}
    digests: list[Mapping[str, Any]] = []

    def observed() -> Iterator[chain.Batch]:
        # The content check needs every event's data decoded; the chain alone needs only each event's bytes.
        for batch in reading.batches(council, decoded=with_content):
            for seq, digest in zip(batch.seqs, batch.hashes, strict=True) if wanted else ():
                if seq in wanted:
                    hashes_at[seq] = digest
            if with_content:
                digests.extend(row for row in batch.events() if content.DATA_KEY in row["data"])
            yield batch

    head = head_of(council)
    if head is None:  # every council records council.created, so a missing head means it was removed
        verdict = chain.Verdict(False, 0, chain.GENESIS, 1, "the council's head record is missing")
    else:
        verdict = chain.verify_batches(observed(), expected_count=head.seq, expected_head=head.hash)
    if verdict.ok and mine:
        hashes_at[verdict.checked] = verdict.head_hash
        against = signing.compare(mine, head_seq=verdict.checked, hashes_at=hashes_at)
        if not against.ok:
            verdict = chain.Verdict(False, verdict.checked, verdict.head_hash, against.first_bad_seq, against.problem)
    report = content.check(council.pk, content.recorded_digests(digests)) if with_content else None
    return Report(verdict, len(mine), report)


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
    for row in reading.rows(council):
        out.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
    return verdict
