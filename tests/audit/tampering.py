"""How the tests play an attacker with write access to the database (a superuser on PostgreSQL)."""

from __future__ import annotations

from django.db import connection, transaction

from councildesk.audit import chain
from councildesk.audit.models import AuditEvent
from councildesk.audit.services import canonical_row
from councildesk.councils.models import Council


def tamper(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # a superuser switching the triggers off, as an attacker could
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def set_head(council: Council, seq: int) -> None:
    """Point the head record at event ``seq`` (an attacker covering removed events)."""
    head_hash = AuditEvent.objects.get(council=council, seq=seq).hash if seq else chain.GENESIS
    tamper("UPDATE audit_audithead SET seq = %s, hash = %s WHERE council_id = %s", [seq, head_hash, council.pk])


def truncate(council: Council, keep: int) -> None:
    """Delete every event after ``keep`` and roll the head back to it: a self-consistent, shorter chain."""
    tamper("DELETE FROM audit_auditevent WHERE council_id = %s AND seq > %s", [council.pk, keep])
    set_head(council, keep)


def rewrite(council: Council, seq: int, data: dict[str, object]) -> None:
    """Edit event ``seq`` and re-hash it and every event after it, then move the head to the new last hash."""
    import json

    events = list(AuditEvent.objects.filter(council=council, seq__gte=seq).order_by("seq"))
    prev = AuditEvent.objects.get(council=council, seq=seq - 1).hash if seq > 1 else chain.GENESIS
    with transaction.atomic():
        for event in events:
            if event.seq == seq:
                event.data = data
            event.prev_hash = prev
            event.hash = chain.link_hash(prev, canonical_row(event, council.slug))
            tamper(
                "UPDATE audit_auditevent SET data = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [json.dumps(event.data), event.prev_hash, event.hash, event.pk],
            )
            prev = event.hash
    tamper("UPDATE audit_audithead SET hash = %s WHERE council_id = %s", [prev, council.pk])
