"""``record`` is the one way an audit event is written.

It runs inside the caller's transaction and chains the event to the council's head.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from councildesk.core import clock

from . import chain
from .content import DATA_KEY, ContentDigest
from .models import AuditEvent, AuditHead

if TYPE_CHECKING:
    from councildesk.councils.models import Council
    from councildesk.people.models import Person


def _subject(subject: models.Model | tuple[str, object]) -> tuple[str, str]:
    if isinstance(subject, models.Model):
        return subject._meta.label_lower, str(subject.pk)
    kind, ident = subject
    return kind, str(ident)


def _in_transaction() -> bool:
    return transaction.get_connection().in_atomic_block


def _refuse_float(text: str) -> None:
    """PostgreSQL's jsonb rewrites some numbers (1e16, -0.0), which would break the hash: store them as text."""
    raise TypeError(f"audit data may not hold the fraction {text}; record numbers as integers or strings")


def _actor_label(actor: Person | None) -> str:
    if actor is None:
        return "system"
    return f"{actor.get_full_name() or actor.username} <{actor.username}>"


def canonical_row(event: AuditEvent, council_slug: str) -> dict[str, Any]:
    """The event as the chain sees it; used both to hash on write and to verify."""
    return {
        "seq": event.seq,
        "council": council_slug,
        "occurred_at": event.occurred_at.isoformat(timespec="microseconds"),
        "actor": event.actor_label,
        "actor_id": event.actor_id,
        "action": event.action,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "data": event.data,
        "rule_ids": list(event.rule_ids),
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


def record(
    *,
    council: Council,
    actor: Person | None,
    action: str,
    subject: models.Model | tuple[str, object],
    data: dict[str, Any] | None = None,
    rule_ids: list[str] | None = None,
    content_digest: ContentDigest | None = None,
) -> AuditEvent:
    """Append one event to ``council``'s chain. Must run inside the transaction that makes the change.

    ``content_digest`` (from ``audit.content.content_digest(instance, *fields)``) records the SHA-256 of the
    content this change wrote, so ``audit verify --content`` can tell when it is later edited without an event.
    """
    if not _in_transaction():
        raise RuntimeError("audit.record must be called inside the transaction that makes the change")
    data = dict(data or {})
    if DATA_KEY in data:
        raise ValueError(f"audit data may not use the reserved key {DATA_KEY!r}: pass content_digest instead")
    if content_digest is not None:
        data[DATA_KEY] = content_digest.as_data()
    head = AuditHead.objects.select_for_update().filter(council_id=council.pk).first()
    if head is None:
        if AuditEvent.objects.filter(council_id=council.pk).exists():
            raise RuntimeError(f"the audit head of {council.slug} is missing: run 'councildesk audit verify'")
        head = AuditHead.objects.create(council_id=council.pk, seq=0, hash=chain.GENESIS)
    subject_type, subject_id = _subject(subject)
    event = AuditEvent(
        council_id=council.pk,
        seq=head.seq + 1,
        occurred_at=clock.now(),
        actor=actor,
        actor_label=_actor_label(actor),
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        data=data,
        rule_ids=sorted(set(rule_ids or [])),
        prev_hash=head.hash,
    )
    # Round-trip data through JSON so the hash is computed on exactly what the database will return.
    event.data = json.loads(json.dumps(event.data, default=str), parse_float=_refuse_float)
    event.hash = chain.link_hash(event.prev_hash, canonical_row(event, council.slug))
    event.save(force_insert=True)
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event
