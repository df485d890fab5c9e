"""``record`` is the one way an audit event is written.

It runs inside the caller's transaction and chains the event to the council's head.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from councildesk.core import clock

from . import chain
from .content import DATA_KEY, ContentDigest
from .models import AuditEvent, AuditHead

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper

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
    connection = transaction.get_connection()
    sql = _statements(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql.head, [council.pk])
        found = cursor.fetchone()
        if found is None:
            cursor.execute(sql.any_event, [council.pk])
            if cursor.fetchone() is not None:
                raise RuntimeError(f"the audit head of {council.slug} is missing: run 'councildesk audit verify'")
            cursor.execute(sql.new_head, [council.pk, 0, chain.GENESIS])
            found = (0, chain.GENESIS)
        head_seq, head_hash = found
        subject_type, subject_id = _subject(subject)
        event = AuditEvent(
            council_id=council.pk,
            seq=head_seq + 1,
            occurred_at=clock.now(),
            actor=actor,
            actor_label=_actor_label(actor),
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            data=data,
            rule_ids=sorted(set(rule_ids or [])),
            prev_hash=head_hash,
        )
        # Round-trip data through JSON so the hash is computed on exactly what the database will return.
        event.data = json.loads(json.dumps(event.data, default=str), parse_float=_refuse_float)
        event.hash = chain.link_hash(event.prev_hash, canonical_row(event, council.slug))
        params = [
            council.pk,
            event.seq,
            _OCCURRED_AT.get_db_prep_save(event.occurred_at, connection),
            event.actor_id,
            event.actor_label,
            action,
            subject_type,
            subject_id,
            sql.json(event.data, connection),
            sql.json(event.rule_ids, connection),
            event.prev_hash,
            event.hash,
        ]
        cursor.execute(sql.insert, params)
        event.pk = cursor.fetchone()[0] if sql.returning else cursor.lastrowid
        cursor.execute(sql.move_head, [event.seq, event.hash, council.pk])
    event._state.adding = False
    event._state.db = connection.alias
    return event


@dataclass(frozen=True)
class _Statements:
    """The fixed SQL of an append: no query is built or compiled per call (issue 14)."""

    head: str
    any_event: str
    new_head: str
    insert: str
    move_head: str
    returning: bool
    json: Callable[[Any, BaseDatabaseWrapper], Any]


_OCCURRED_AT = AuditEvent._meta.get_field("occurred_at")
_DATA = AuditEvent._meta.get_field("data")  # rule_ids is a JSONField too and prepares the same way
_HEAD = "SELECT seq, hash FROM audit_audithead WHERE council_id = %s"
_INSERT = (
    "INSERT INTO audit_auditevent (council_id, seq, occurred_at, actor_id, actor_label, action, subject_type, "
    "subject_id, data, rule_ids, prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)


@cache
def _statements(vendor: str) -> _Statements:
    assert AuditEvent._meta.db_table == "audit_auditevent"
    assert AuditHead._meta.db_table == "audit_audithead"
    # The head row is locked until the transaction ends, so writers to one council queue on it (PostgreSQL); on
    # SQLite the IMMEDIATE transaction already holds the database's one write lock.
    postgres = vendor == "postgresql"
    returning = vendor in {"postgresql", "sqlite"}
    return _Statements(
        head=_HEAD + " FOR UPDATE" if postgres else _HEAD,
        any_event="SELECT 1 FROM audit_auditevent WHERE council_id = %s LIMIT 1",
        new_head="INSERT INTO audit_audithead (council_id, seq, hash) VALUES (%s, %s, %s)",
        insert=_INSERT + " RETURNING id" if returning else _INSERT,
        move_head="UPDATE audit_audithead SET seq = %s, hash = %s WHERE council_id = %s",
        returning=returning,
        # Where the JSON columns are text, store the canonical form itself, so that verification can hash the
        # stored text as it is (chain.spliced); jsonb (PostgreSQL) keeps its own form and is decoded to verify.
        json=_text_json if vendor == "sqlite" else _DATA.get_db_prep_save,
    )


def stores_canonical_json(vendor: str) -> bool:
    """Whether ``record`` stores ``data`` and ``rule_ids`` as canonical text on this database (SQLite)."""
    return _statements(vendor).json is _text_json


def _text_json(value: Any, connection: BaseDatabaseWrapper) -> str:
    return chain.encode(value)
