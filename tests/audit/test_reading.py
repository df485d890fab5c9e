"""The readers' canonical bytes (SQLite's json_quote splice, PostgreSQL's orjson) are the standard encoder's."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection

from councildesk.audit import chain

SAMPLES = [chr(code) for code in range(0x80)] + ["£", "é", "\u2028", "\u2029", "\ufeff", "😀", "\x7f", "\\", '"']


@pytest.mark.django_db
def test_sqlite_json_quote_escapes_every_character_as_the_canonical_encoder_does():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only: PostgreSQL's jsonb is decoded, never spliced")
    with connection.cursor() as cursor:
        for sample in SAMPLES:
            text = f"a{sample}b"
            cursor.execute("SELECT json_quote(%s)", [text])
            assert cursor.fetchone()[0] == chain.encode(text), repr(text)


# Every control character but NUL, which PostgreSQL cannot hold in text.
TRICKY_DATA = [
    {"text": "".join(chr(code) for code in range(1, 0x20)) + '\x7f\u2028\u2029\ufeff😀 £ é \\ "'},
    {"Église": 1, "eglise": 2, "\uffff": 3, "\U00010000": 4, "Z": 5, "": 6},
    {"a": {}, "b": [], "c": [[], [{}]], "d": {"e": {"f": [1, "x", None, True, False]}}},
    {"largest": 2**63 - 1, "smallest": -(2**63)},
    {"beyond_64_bits": 2**64},  # orjson cannot encode it: this event is judged by the standard library alone
]


@pytest.fixture
def tricky(sandon):
    from django.db import transaction

    from councildesk.audit.services import record

    with transaction.atomic():
        for data in TRICKY_DATA:
            record(council=sandon, actor=None, action="test.recorded", subject=("thing", 1), data=data, rule_ids=["B"])
    return sandon


@pytest.mark.django_db
def test_the_bytes_offered_for_each_batch_are_the_canonical_bytes(tricky, monkeypatch):
    """On either database, every event's offered bytes are chain.canonical of the event as the general reader
    decodes it; on PostgreSQL orjson makes them, except for the event orjson cannot encode exactly."""
    from councildesk.audit import reading
    from councildesk.audit.verification import verify_council

    monkeypatch.setattr(reading, "_CHUNK", 2)  # several batches
    full = {row["seq"]: row for row in reading.rows(tricky)}
    offered = {
        seq: stored for batch in reading.batches(tricky) for seq, stored in zip(batch.seqs, batch.stored, strict=True)
    }
    assert offered.keys() == full.keys()
    beyond = next(seq for seq, row in full.items() if "beyond_64_bits" in row["data"])
    for seq, stored in offered.items():
        if connection.vendor == "postgresql" and seq == beyond:
            assert stored is None
        else:
            assert stored == chain.canonical(full[seq]), seq
    assert verify_council(tricky).ok


@pytest.mark.django_db
def test_postgresql_judges_a_fraction_by_the_standard_encoder_not_by_orjson(tricky):
    """An attacker stores a fraction and hashes orjson's form of it (0.00001, where the standard library writes
    1e-05): the standard verdict is "altered", and orjson's bytes must not be taken for the canonical ones."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only: SQLite hashes its stored text as it is")
    import orjson

    from councildesk.audit import reading
    from councildesk.audit.models import AuditEvent, AuditHead
    from councildesk.audit.verification import verify_council
    from tests.audit.tampering import tamper

    last = AuditEvent.objects.filter(council=tricky).order_by("-seq").first()
    event = next(row for row in reading.rows(tricky) if row["seq"] == last.seq) | {"data": {"x": 0.00001}}
    body = {key: event[key] for key in chain.CANONICAL_FIELDS}
    forged = hashlib.sha256(bytes.fromhex(event["prev_hash"]) + orjson.dumps(body, option=orjson.OPT_SORT_KEYS))
    tamper(
        "UPDATE audit_auditevent SET data = %s, hash = %s WHERE id = %s",
        ['{"x": 0.00001}', forged.hexdigest(), last.pk],
    )
    tamper("UPDATE audit_audithead SET hash = %s WHERE council_id = %s", [forged.hexdigest(), tricky.pk])
    assert AuditHead.objects.get(council=tricky).hash == forged.hexdigest()
    verdict = verify_council(tricky)
    assert not verdict.ok
    assert verdict.first_bad_seq == last.seq
    assert verdict.problem == f"event {last.seq} was altered: its content does not match its hash"


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["first", "middle"])
def test_tampering_is_named_in_any_batch_and_the_connection_is_usable_after(tricky, monkeypatch, bad):
    """An early verdict leaves the rest of the stream unread: the connection must still take queries after."""
    from councildesk.audit import reading
    from councildesk.audit.models import AuditEvent
    from councildesk.audit.verification import verify_council
    from tests.audit.tampering import tamper

    monkeypatch.setattr(reading, "_CHUNK", 2)
    seq = 2 if bad == "first" else 4
    tamper(
        "UPDATE audit_auditevent SET actor_label = 'someone else' WHERE council_id = %s AND seq = %s",
        [tricky.pk, seq],
    )
    verdict = verify_council(tricky)
    assert (verdict.ok, verdict.first_bad_seq) == (False, seq)
    assert verdict.problem == f"event {seq} was altered: its content does not match its hash"
    assert AuditEvent.objects.filter(council=tricky).count() == 1 + len(TRICKY_DATA)
