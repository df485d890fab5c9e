"""The daily audit checkpoint job: sign each council's head once a day and email it to its Monitoring Officers.

Idempotent three ways: a marker file per day makes every later sweep that day a no-op; a council whose newest
checkpoint is already from today is not signed again; and each email carries the dedupe key
``audit-checkpoint:<day>:<person>``. A log that does not verify is never signed: its Monitoring Officers are told
instead. Without ``COUNCILDESK_CHECKPOINT_KEY`` the job does nothing (checkpoints are opt-in; docs/deploy.md).
"""

from __future__ import annotations

import datetime as dt
import logging

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from councildesk.audit import checkpoints, signing
from councildesk.audit.signing import Checkpoint, CheckpointError
from councildesk.audit.verification import head_of, verify_council
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.kinds import MONITORING_OFFICER
from councildesk.people.selectors import role_holders

log = logging.getLogger(__name__)


def _day_of(cp: Checkpoint) -> dt.date:
    return timezone.localdate(dt.datetime.fromisoformat(cp.signed_at))


def _todays(council: Council, public: Ed25519PublicKey, day: dt.date) -> tuple[str, Checkpoint] | None:
    line = checkpoints.last_line(checkpoints.council_file(council.slug))
    if line is None:
        return None
    cp = signing.read(line, public)
    return (line, cp) if cp.council == council.slug and _day_of(cp) == day else None


def _checkpoint(council: Council, key: Ed25519PrivateKey, day: dt.date, now: dt.datetime) -> tuple[str, str]:
    """(subject, body) of today's email: the checkpoint, or why there is none."""
    public = key.public_key()
    try:
        found = _todays(council, public, day)
        if found is None:
            verdict = verify_council(council, checkpoints.held_for(council.slug, public))
            head = head_of(council)
            if not verdict.ok or head is None:
                return (
                    f"Audit log of {council.name} is NOT intact",
                    f"The audit log failed verification at event {verdict.first_bad_seq}: {verdict.problem}\n\n"
                    "No checkpoint was signed today. Run 'councildesk audit verify' and see docs/audit.md.",
                )
            line = checkpoints.sign_head(council, key, seq=head.seq, head_hash=head.hash, now=now)
            checkpoints.append(checkpoints.council_file(council.slug), line)
            found = (line, signing.read(line, public))
    except CheckpointError as exc:
        return (
            f"Audit checkpoints of {council.name} are NOT trusted",
            f"The checkpoint file could not be trusted: {exc}\n\nNo checkpoint was signed today.",
        )
    line, cp = found
    return (
        f"Audit checkpoint for {council.name}, {day:%d %B %Y}",
        f"Today's signed checkpoint of {council.name}'s audit log: event {cp.seq} has hash {cp.head_hash} "
        f"(signed {cp.signed_at} with key {cp.key_id}).\n\n"
        "Keep this email. The line below lets you prove later that the log was not truncated, rolled back or "
        "rewritten before this point: docs/audit.md ('A Monitoring Officer's own check') shows how to check it "
        "with the public key, using openssl or a short Python script.\n\n" + line,
    )


def run(now: dt.datetime) -> int:
    """Sign and send today's checkpoints; returns how many emails were queued."""
    if not getattr(settings, "COUNCILDESK_CHECKPOINT_KEY", None):
        return 0
    day = timezone.localdate(now)
    marker = checkpoints.directory() / f".sent-{day.isoformat()}"
    if marker.exists():
        return 0
    try:
        key = checkpoints.load_signing_key()
    except CheckpointError as exc:
        log.error("audit checkpoints not signed: %s", exc)
        return 0
    sent = 0
    for council in Council.objects.order_by("slug").iterator():
        subject, body = _checkpoint(council, key, day, now)
        with transaction.atomic():
            for person in role_holders(council, [MONITORING_OFFICER], day):
                notice = notify(
                    council=council,
                    recipient=person,
                    kind="audit.checkpoint",
                    subject=subject,
                    body=body,
                    dedupe_key=f"audit-checkpoint:{day.isoformat()}:{person.pk}",
                )
                sent += notice is not None
    checkpoints.directory().mkdir(mode=0o700, parents=True, exist_ok=True)
    marker.touch()
    return sent
