"""The stored log: record() chains events in the caller's transaction; verify and the CLI catch tampering."""

from __future__ import annotations

import itertools
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from councildesk.audit import chain
from councildesk.audit.models import AuditEvent
from councildesk.audit.services import record
from councildesk.audit.verification import verify_council
from tests.factories import PersonFactory


def _tamper(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # a superuser bypassing the trigger, as an attacker with the keys could
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


@pytest.fixture
def logged(sandon):
    actor = PersonFactory()
    with transaction.atomic():
        for n in range(5):
            record(
                council=sandon,
                actor=actor,
                action="test.recorded",
                subject=("thing", n),
                data={"n": n, "text": "£ and é"},
                rule_ids=["ROLES_HEAD_OF_PAID_SERVICE"],
            )
    return sandon


def test_events_chain_from_the_council_creation_event(logged):
    events = list(AuditEvent.objects.filter(council=logged).order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].action == "council.created"
    assert events[0].prev_hash == chain.GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    verdict = verify_council(logged)
    assert verdict.ok, verdict.problem
    assert verdict.head_hash == events[-1].hash


def test_record_refuses_to_run_outside_a_transaction(sandon, monkeypatch):
    # The test itself runs in a transaction, so the guard is shown one outside it.
    from councildesk.audit import services

    monkeypatch.setattr(services, "_in_transaction", lambda: False)
    with pytest.raises(RuntimeError, match="inside the transaction"):
        record(council=sandon, actor=None, action="x.y", subject=("x", 1))


def test_a_rolled_back_change_leaves_no_event(sandon):
    before = AuditEvent.objects.filter(council=sandon).count()

    def change_that_fails_after_its_event() -> None:
        with transaction.atomic():
            record(council=sandon, actor=None, action="x.y", subject=("x", 1))
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        change_that_fails_after_its_event()
    assert AuditEvent.objects.filter(council=sandon).count() == before
    assert verify_council(sandon).ok


def test_cli_verify_passes_then_names_the_edited_event(logged, capsys):
    call_command("audit", "verify", "--council", logged.slug)
    assert "intact" in capsys.readouterr().out
    target = AuditEvent.objects.get(council=logged, seq=3)
    _tamper("UPDATE audit_auditevent SET data = %s WHERE id = %s", [json.dumps({"n": 99}), target.pk])
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify", "--council", logged.slug)
    assert exc.value.returncode == 1
    assert "NOT INTACT at event 3" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("sql", "bad_seq"),
    [
        ("DELETE FROM audit_auditevent WHERE council_id = %s AND seq = 4", 5),
        ("DELETE FROM audit_auditevent WHERE council_id = %s AND seq = 6", 6),  # the newest event
        ("UPDATE audit_auditevent SET actor_label = 'someone else' WHERE council_id = %s AND seq = 2", 2),
        ("UPDATE audit_auditevent SET seq = seq + 100 WHERE council_id = %s AND seq = 2", 102),
    ],
    ids=["deletion", "truncation", "edit", "renumbering"],
)
def test_verify_detects_tampering(logged, sql, bad_seq):
    _tamper(sql, [logged.pk])
    verdict = verify_council(logged)
    assert not verdict.ok
    assert verdict.first_bad_seq == bad_seq


def test_export_can_be_verified_without_councildesk(logged, tmp_path):
    """docs/audit.md's recipe, in plain Python: hashlib and json only."""
    import hashlib

    out = tmp_path / "log.jsonl"
    call_command("audit", "export", "--council", logged.slug, "--output", str(out))
    header, *rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    prev = "0" * 64
    for row in rows:
        body = {k: row[k] for k in header["canonical_fields"]}
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        assert row["prev_hash"] == prev
        prev = hashlib.sha256(bytes.fromhex(prev) + canonical).hexdigest()
        assert prev == row["hash"]
    assert prev == header["head_hash"]
    assert header["events"] == len(rows) == 6


def test_audit_data_may_not_hold_fractions(sandon):
    with pytest.raises(TypeError, match="fraction"), transaction.atomic():
        record(council=sandon, actor=None, action="x.y", subject=("x", 1), data={"v": 1e16})


def test_a_missing_head_record_fails_verification(logged):
    _tamper("DELETE FROM audit_audithead WHERE council_id = %s", [logged.pk])
    verdict = verify_council(logged)
    assert not verdict.ok
    assert "head record is missing" in (verdict.problem or "")


def test_re_pointing_the_actor_is_detected(logged):
    other = PersonFactory()
    _tamper("UPDATE audit_auditevent SET actor_id = %s WHERE council_id = %s AND seq = 3", [other.pk, logged.pk])
    assert verify_council(logged).first_bad_seq == 3


def test_an_export_missing_its_newest_event_fails_the_recipe(logged, tmp_path):
    _tamper("DELETE FROM audit_auditevent WHERE council_id = %s AND seq = 6", [logged.pk])
    out = tmp_path / "log.jsonl"
    with pytest.raises(CommandError):
        call_command("audit", "export", "--council", logged.slug, "--output", str(out))
    header, *rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert header["events"] == 6
    assert len(rows) == 5  # the recipe's final check (len(events) == header["events"]) fails


def _run_in_savepoint(sql: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # settle the test's deferred checks so TRUNCATE can run
        cursor.execute(sql)


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET action = 'x'",
        "DELETE FROM audit_auditevent",
        "TRUNCATE audit_auditevent CASCADE",
        "TRUNCATE audit_audithead",
        "DELETE FROM audit_audithead",
        "UPDATE audit_audithead SET seq = seq - 1",
    ],
)
def test_postgresql_refuses_to_rewrite_the_log_or_its_heads(logged, sql):
    from django.db.utils import DatabaseError

    with pytest.raises(DatabaseError, match="append-only"):
        _run_in_savepoint(sql)
    assert verify_council(logged).ok


def test_verification_hashes_the_stored_text_where_record_stores_it_canonically(logged):
    """On SQLite record() stores data and rule_ids in canonical form, so the database splices each event's canonical
    bytes from the stored text and verify hashes them as they are."""
    from councildesk.audit import reading

    links = [link for batch in reading.batches(logged) for link in batch.events()]
    if connection.vendor != "sqlite":  # jsonb keeps its own form, so every event is decoded to be verified
        assert not any("canonical" in link for link in links)
        return
    full = {row["seq"]: row for row in reading.rows(logged)}
    recorded = [link for link in links if full[link["seq"]]["action"] == "test.recorded"]
    assert len(recorded) == 5
    for link in recorded:
        assert link["canonical"] == chain.canonical(full[link["seq"]])  # exactly the canonical bytes
        assert "data" not in link  # nothing was decoded to get them
    assert link["data"] == full[link["seq"]]["data"]  # asked for, a field is read in full


def test_stored_text_in_another_form_is_judged_by_its_meaning(logged):
    """Text with the same meaning in another form (spaces, key order, escapes) still verifies, as before."""
    target = AuditEvent.objects.get(council=logged, seq=3)
    same_meaning = json.dumps({"text": "£ and é", "n": target.data["n"]}, ensure_ascii=True, indent=1)
    _tamper("UPDATE audit_auditevent SET data = %s WHERE id = %s", [same_meaning, target.pk])
    assert verify_council(logged).ok
    _tamper("UPDATE audit_auditevent SET data = %s WHERE id = %s", [same_meaning.replace("\\u00a3", "$"), target.pk])
    verdict = verify_council(logged)
    assert not verdict.ok
    assert verdict.first_bad_seq == 3
    assert "altered" in verdict.problem


def test_an_event_stamped_on_the_whole_second_is_spliced_too(sandon, monkeypatch):
    """SQLite stores a time with no fraction of a second without one; the spliced bytes still match the hash."""
    import datetime as dt

    from councildesk.audit import reading
    from councildesk.core import clock

    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 12, 4, 9, 30, tzinfo=dt.UTC))
    with transaction.atomic():
        event = record(council=sandon, actor=None, action="test.recorded", subject=("thing", 1))
    links = [link for batch in reading.batches(sandon) for link in batch.events()]
    mine = next(link for link in links if link["seq"] == event.seq)
    if connection.vendor == "sqlite":
        assert mine["canonical"] == chain.canonical(mine)
        assert '"occurred_at":"2026-12-04T09:30:00.000000+00:00"' in mine["canonical"].decode()
    assert verify_council(sandon).ok
