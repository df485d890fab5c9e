"""Signed checkpoints anchor each council's head outside the database: truncation, a rolled-back head and a
re-hashed rewrite all pass the chain on its own and all fail against a checkpoint; a forged checkpoint is
refused."""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from councildesk.audit import signing
from councildesk.audit.checkpoints import council_file
from councildesk.audit.services import record
from councildesk.audit.verification import verify_council
from tests.audit.tampering import rewrite, truncate
from tests.factories import PersonFactory

OPENSSL = shutil.which("openssl") or "openssl"
AT = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def key_file(tmp_path, settings):
    path = tmp_path / "keys" / "checkpoint.pem"
    path.parent.mkdir()
    call_command("audit", "keygen", "--output", str(path))
    settings.COUNCILDESK_CHECKPOINT_KEY = str(path)
    settings.COUNCILDESK_CHECKPOINT_DIR = tmp_path / "checkpoints"
    return path


def add_events(council, n: int) -> None:
    actor = PersonFactory()
    with transaction.atomic():
        for i in range(n):
            record(council=council, actor=actor, action="test.recorded", subject=("thing", i), data={"n": i})


@pytest.fixture
def six(sandon, key_file):
    """Sandon's log with six events (council.created and five more)."""
    add_events(sandon, 5)
    return sandon


def verify(*args: str) -> tuple[int, str]:
    """Run ``audit verify`` and return (exit code, what it printed)."""
    import io

    out = io.StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue() + str(exc)
    return 0, out.getvalue()


def checkpoint(council, *args: str) -> None:
    call_command("audit", "checkpoint", "--council", council.slug, *args)


# The pure part -------------------------------------------------------------------------------------------------


def test_a_checkpoint_round_trips_and_names_what_it_signed():
    key = signing.load_private_key(signing.generate_private_key_pem())
    line = signing.sign(key, council="x", seq=7, head_hash="ab" * 32, signed_at=AT)
    cp = signing.read(line, key.public_key())
    assert (cp.council, cp.seq, cp.head_hash, cp.signed_at) == ("x", 7, "ab" * 32, "2026-12-01T09:30:00+00:00")
    assert cp.key_id == signing.key_id(key.public_key())


def test_a_forged_checkpoint_fails_to_verify():
    key = signing.load_private_key(signing.generate_private_key_pem())
    line = json.loads(signing.sign(key, council="x", seq=7, head_hash="ab" * 32, signed_at=AT))
    altered = dict(line, payload=line["payload"].replace('"seq":7', '"seq":9'))
    with pytest.raises(signing.CheckpointError, match="forged or altered"):
        signing.read(json.dumps(altered), key.public_key())
    other = signing.load_private_key(signing.generate_private_key_pem())
    by_other = signing.sign(other, council="x", seq=9, head_hash="ab" * 32, signed_at=AT)
    with pytest.raises(signing.CheckpointError, match=r"signed by key .* not by the checkpoint key"):
        signing.read(by_other, key.public_key())
    with pytest.raises(signing.CheckpointError, match="not a checkpoint"):
        signing.read('{"payload": "{}", "signature": "***"}', key.public_key())


def test_compare_names_the_gap():
    cps = [
        signing.Checkpoint("x", 3, "h3", "T3", "k"),
        signing.Checkpoint("x", 8, "h8", "T8", "k"),
    ]
    missing = signing.compare(cps, head_seq=5, hashes_at={3: "h3", 5: "h5"})
    assert not missing.ok
    assert missing.first_bad_seq == 6
    assert "events 6 to 8 are missing" in (missing.problem or "")
    rewritten = signing.compare(cps, head_seq=9, hashes_at={3: "h3", 8: "other", 9: "h9"})
    assert rewritten.first_bad_seq == 4
    assert "events 4 to 8" in (rewritten.problem or "")
    assert "still matches the checkpoint of event 3" in (rewritten.problem or "")
    assert signing.compare(cps, head_seq=9, hashes_at={3: "h3", 8: "h8", 9: "h9"}).ok


# The gaps of issue 9, each passing the chain on its own and failing against a checkpoint -----------------------


def test_checkpoint_then_verify_passes(six):
    checkpoint(six)
    lines = council_file(six.slug).read_text().splitlines()
    assert len(lines) == 1
    code, out = verify("--council", six.slug)
    assert code == 0, out
    assert "intact, 6 events checked" in out
    assert "matches 1 signed checkpoint" in out


def test_truncation_with_the_head_rolled_back_is_caught(six):
    checkpoint(six)
    truncate(six, keep=4)
    assert verify_council(six).ok  # the gap issue 9 measured: the shorter chain is self-consistent
    code, out = verify("--council", six.slug)
    assert code == 1
    assert "NOT INTACT at event 5" in out
    assert "events 5 to 6 are missing" in out


def test_a_head_rolled_back_and_written_past_is_caught(six):
    """Restore an older state (or roll the head back) and let the application carry on writing."""
    checkpoint(six)  # event 6
    truncate(six, keep=3)
    add_events(six, 4)  # events 4..7 again, different ones
    assert verify_council(six).ok
    code, out = verify("--council", six.slug)
    assert code == 1
    assert "event 6 does not match the checkpoint" in out
    assert "rewritten and re-hashed somewhere in events 1 to 6" in out


def test_a_re_hashed_rewrite_is_caught_and_the_gap_named(six):
    checkpoint(six)  # event 6
    add_events(six, 2)
    checkpoint(six)  # event 8
    rewrite(six, 7, {"n": 99})
    assert verify_council(six).ok  # the other gap issue 9 measured
    code, out = verify("--council", six.slug)
    assert code == 1
    assert "NOT INTACT at event 7" in out
    assert "somewhere in events 7 to 8 (it still matches the checkpoint of event 6)" in out


def test_the_monitoring_officers_copy_is_enough(six, tmp_path):
    """Someone deletes the held checkpoints too; the copy emailed to the Monitoring Officer still catches it."""
    checkpoint(six)
    copy = tmp_path / "mo-copy.jsonl"
    copy.write_text(council_file(six.slug).read_text())
    council_file(six.slug).unlink()
    truncate(six, keep=5)
    assert verify("--council", six.slug)[0] == 0  # nothing held any more
    code, out = verify("--council", six.slug, "--checkpoint", str(copy))
    assert code == 1
    assert "events 6 to 6 are missing" in out


def test_a_forged_checkpoint_file_is_not_trusted(six, tmp_path):
    checkpoint(six)
    path = council_file(six.slug)
    line = json.loads(path.read_text())
    line["payload"] = line["payload"].replace('"seq":6', '"seq":5')
    path.write_text(json.dumps(line) + "\n")
    code, out = verify("--council", six.slug)
    assert code == 1
    assert "NOT TRUSTED" in out
    assert "line 1: the signature does not verify" in out


def test_a_checkpoint_signed_with_another_key_is_not_trusted(six, tmp_path):
    other = signing.load_private_key(signing.generate_private_key_pem())
    forged = tmp_path / "forged.jsonl"
    forged.write_text(signing.sign(other, council=six.slug, seq=2, head_hash="00" * 32, signed_at=AT) + "\n")
    code, out = verify("--council", six.slug, "--checkpoint", str(forged))
    assert code == 1
    assert "signed by key" in out


def test_verify_checks_with_a_given_public_key_alone(six, tmp_path, settings, capsys):
    checkpoint(six)
    call_command("audit", "public-key")
    public = tmp_path / "public.pem"
    public.write_text(capsys.readouterr().out)
    settings.COUNCILDESK_CHECKPOINT_KEY = None  # a machine that holds only the public key
    code, out = verify("--council", six.slug, "--public-key", str(public))
    assert code == 0, out
    code, out = verify("--council", six.slug)
    assert code == 2
    assert "COUNCILDESK_CHECKPOINT_KEY" in out


def test_a_broken_log_is_never_signed(six):
    truncate(six, keep=4)
    from tests.audit.tampering import tamper

    tamper("UPDATE audit_audithead SET seq = 6 WHERE council_id = %s", [six.pk])
    with pytest.raises(CommandError, match="no checkpoint signed"):
        checkpoint(six)
    assert not council_file(six.slug).exists()


def test_a_checkpoint_naming_a_council_the_database_lost_fails(six, tmp_path):
    checkpoint(six, "--output", str(tmp_path / "all.jsonl"))
    text = (tmp_path / "all.jsonl").read_text()
    # re-sign with the real key a checkpoint for a council that is not in the database
    from councildesk.audit.checkpoints import load_signing_key

    ghost = signing.sign(load_signing_key(), council="ghost-town", seq=3, head_hash="11" * 32, signed_at=AT)
    (tmp_path / "all.jsonl").write_text(text + ghost + "\n")
    code, out = verify("--checkpoint", str(tmp_path / "all.jsonl"))
    assert code == 1
    assert "ghost-town: NOT INTACT" in out


# Keys --------------------------------------------------------------------------------------------------------


def test_keygen_writes_an_owner_only_key_and_never_overwrites(key_file, capsys):
    assert key_file.stat().st_mode & 0o777 == 0o600
    with pytest.raises(CommandError, match="never overwritten"):
        call_command("audit", "keygen", "--output", str(key_file))
    call_command("audit", "public-key")
    assert capsys.readouterr().out.startswith("-----BEGIN PUBLIC KEY-----")


def test_a_key_others_can_read_is_refused(six, key_file):
    key_file.chmod(0o644)
    with pytest.raises(CommandError, match="must not be readable by others"):
        checkpoint(six)


def test_checkpoint_without_a_key_says_how_to_make_one(sandon, settings):
    settings.COUNCILDESK_CHECKPOINT_KEY = None
    with pytest.raises(CommandError, match="audit keygen") as exc:
        checkpoint(sandon)
    assert exc.value.returncode == 2


# The Monitoring Officer's independent check (docs/audit.md) -----------------------------------------------------


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_the_documented_openssl_check_verifies_a_checkpoint(six, key_file, tmp_path):
    checkpoint(six)
    subprocess.run([OPENSSL, "pkey", "-in", str(key_file), "-pubout", "-out", str(tmp_path / "pub.pem")], check=True)
    line = json.loads(council_file(six.slug).read_text().splitlines()[-1])
    (tmp_path / "payload.bin").write_bytes(line["payload"].encode())
    (tmp_path / "sig.bin").write_bytes(base64.b64decode(line["signature"]))
    args = [OPENSSL, "pkeyutl", "-verify", "-pubin", "-inkey", str(tmp_path / "pub.pem"), "-rawin"]
    ok = subprocess.run(
        [*args, "-in", str(tmp_path / "payload.bin"), "-sigfile", str(tmp_path / "sig.bin")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "Signature Verified Successfully" in ok.stdout
    (tmp_path / "payload.bin").write_bytes(line["payload"].replace('"seq":6', '"seq":7').encode())
    bad = subprocess.run(
        [*args, "-in", str(tmp_path / "payload.bin"), "-sigfile", str(tmp_path / "sig.bin")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0


def test_the_documented_python_check_verifies_a_checkpoint(six, key_file, tmp_path):
    """docs/audit.md's script, run as written against a checkpoint and the public key."""
    checkpoint(six)
    docs = (Path(__file__).resolve().parents[2] / "docs" / "audit.md").read_text(encoding="utf-8")
    script = docs.split("<!-- checkpoint-script: start -->")[1].split("<!-- checkpoint-script: end -->")[0]
    script = script.split("```python")[1].split("```")[0]
    (tmp_path / "check.py").write_text(script)
    with (tmp_path / "public.pem").open("w") as out:
        call_command("audit", "public-key", stdout=out)
    (tmp_path / "checkpoint.json").write_text(council_file(six.slug).read_text().splitlines()[-1])
    import sys

    run = subprocess.run(
        [sys.executable, "check.py", "public.pem", "checkpoint.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert f"{six.slug} event 6" in run.stdout
    (tmp_path / "checkpoint.json").write_text(
        council_file(six.slug).read_text().splitlines()[-1].replace('seq\\":6', 'seq\\":7')
    )
    run = subprocess.run(
        [sys.executable, "check.py", "public.pem", "checkpoint.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
