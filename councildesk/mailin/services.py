"""Email intake: store the raw message durably, then place it (a reply to its handler, a councillor's email as an
enquiry) or quarantine it for the Clerk with a plain-English reason. Nothing is dropped.

``store`` commits the raw bytes and nothing else, so the listener can answer 250 and the IMAP poller can mark the
message seen only once it is safe. ``place`` then decides, once: the row is locked and only a ``received`` row
is acted on, so a duplicate delivery (same Message-ID) or two workers at once apply a message exactly once.
The Clerk's actions on the quarantine (release to the reply's handler, open as an enquiry for a chosen
councillor, reject) are at the end. Every decision is audited in the council's chain, without the message text.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, transaction

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock, uploads
from councildesk.core.errors import DomainError, NotFound, ValidationFailed
from councildesk.councils.models import Council
from councildesk.enquiries.common import url_of
from councildesk.enquiries.services import enquiry_raise
from councildesk.notifications import replyto
from councildesk.people.access import Membership, membership_for
from councildesk.people.kinds import MEMBER_KINDS
from councildesk.people.models import Person, Role
from councildesk.people.selectors import role_holders

from . import events, rules, statements
from .models import InboundEmail

log = logging.getLogger(__name__)
Status = InboundEmail.Status


# ---------------------------------------------------------------------------------------------------- storing


def dedupe_key(raw: bytes) -> tuple[str, str, str]:
    """(key, message id, sha256): the Message-ID where there is one, else the digest of the bytes."""
    digest = rules.sha256(raw)
    message_id = rules.quick_message_id(raw)
    return (f"mid:{message_id}" if message_id else f"sha256:{digest}"), message_id, digest


def _insert_raw(raw: bytes, *, via: str, envelope_from: str, envelope_to: Sequence[str]) -> InboundEmail | None:
    """Insert the raw message in the caller's transaction; ``None`` when its key is already stored (a second
    delivery needs neither a savepoint nor a look-up first)."""
    key, message_id, digest = dedupe_key(raw)
    row = InboundEmail(
        dedupe_key=key,
        message_id=message_id,
        sha256=digest,
        size=len(raw),
        raw=raw,
        via=via,
        envelope_from=rules.one_line(envelope_from, 320),
        envelope_to=[rules.one_line(a, 320).lower() for a in envelope_to][:100],
        received_at=clock.now(),
    )
    return row if statements.insert_raw(row) else None


def _stored(raw: bytes) -> InboundEmail:
    return InboundEmail.objects.defer("raw").get(dedupe_key=dedupe_key(raw)[0])


def store(
    raw: bytes, *, via: str, envelope_from: str = "", envelope_to: Sequence[str] = ()
) -> tuple[InboundEmail, bool]:
    """Commit the raw message; returns the row and whether it is new. A second delivery returns the first row.

    Raises ``DatabaseError`` when the message could not be stored: the caller must then not acknowledge it.
    """
    with transaction.atomic():
        row = _insert_raw(raw, via=via, envelope_from=envelope_from, envelope_to=envelope_to)
    if row is None:  # delivered before (or racing in twice): the first row stands
        return _stored(raw), False
    return row, True


def receive(raw: bytes, *, via: str, envelope_from: str = "", envelope_to: Sequence[str] = ()) -> InboundEmail:
    """Store and place in one transaction, so one commit makes both durable; the caller acknowledges after it.

    The raw bytes are inserted first; placing runs in a savepoint inside the same transaction, so a failure while
    placing rolls back only the placing and the commit still stores the message (``received``, for the sweep to
    place again; or quarantined with the reason when the failure was the product's own). A second delivery of
    the same Message-ID inserts nothing and places nothing. Raises ``DatabaseError`` when the message could not be
    stored; the caller must then not acknowledge it.
    """
    with transaction.atomic():
        row = _insert_raw(raw, via=via, envelope_from=envelope_from, envelope_to=envelope_to)
        if row is not None:
            _place_new(row)
    return row if row is not None else _stored(raw)


def _place_new(row: InboundEmail) -> None:
    """Place a row inserted in this transaction (no other worker can see it yet, so no lock is needed)."""
    try:
        with transaction.atomic():
            _finish(row, _decide(row))
        return
    except DatabaseError:
        log.exception("email %s was stored but not placed; the sweep will try again", row.pk)
        _reset(row)
    except Exception as exc:
        log.exception("email %s could not be placed", row.pk)
        _reset(row)
        with transaction.atomic():
            _quarantine_after_bug(row, exc)


def _reset(row: InboundEmail) -> None:
    """After a rolled-back placing, the row in memory as it is stored: received, nothing decided."""
    row.council = None
    row.status = Status.RECEIVED
    row.reason = row.sender = row.subject = row.text = row.placed_as = row.placed_url = ""
    row.attachment_names = []
    row.blind_copied = False


# ---------------------------------------------------------------------------------------------------- placing


@dataclass
class _Outcome:
    status: str
    reason: str = ""
    placed_as: str = ""
    placed_url: str = ""
    rule_ids: tuple[str, ...] = ()


def intake_addresses() -> dict[str, str]:
    """Council slug -> the address councillors write to (``COUNCILDESK_MAIL_INTAKE``, else slug@reply domain)."""
    slugs = Council.objects.values_list("slug", flat=True)
    return rules.intake_addresses(settings.COUNCILDESK_MAIL_INTAKE, slugs, replyto.reply_domain())


def _tokens(addresses: Sequence[str]) -> tuple[list[replyto.ReplyToken], bool]:
    """The valid reply tokens among these addresses, and whether any reply+ address carried a bad one."""
    found: list[replyto.ReplyToken] = []
    forged = False
    for address in addresses:
        if not address.partition("@")[0].startswith("reply+"):
            continue
        token = replyto.token_in_address(address)
        if token is None:
            forged = True
        elif token not in found:
            found.append(token)
    return found, forged


def _why(exc: DomainError) -> str:
    return exc.message


def place(email_id: int) -> InboundEmail:
    """Decide what a stored message is, once. Never raises for anything in the message itself."""
    try:
        with transaction.atomic():
            row = InboundEmail.objects.select_for_update().get(pk=email_id)
            if row.status != Status.RECEIVED:
                return row
            outcome = _decide(row)
            _finish(row, outcome)
            return row
    except DatabaseError:
        raise
    except Exception as exc:
        log.exception("email %s could not be placed", email_id)
        with transaction.atomic():
            row = InboundEmail.objects.select_for_update().get(pk=email_id)
            if row.status == Status.RECEIVED:
                _quarantine_after_bug(row, exc)
            return row


def _quarantine_after_bug(row: InboundEmail, exc: Exception) -> None:
    """Hold a message placing failed on (the product's fault, not the message's) for the Clerk of the council its
    envelope names, so it is seen and audited there rather than held for no one."""
    try:
        with transaction.atomic():
            tokens, _ = _tokens(row.envelope_to)
            row.council, _ = _council_for(tokens, row.envelope_to)
    except Exception:  # the envelope is a best guess; without it the row is still held
        log.exception("email %s: its council could not be read from the envelope", row.pk)
        row.council = None
    reason = f"The product could not place this message because of an internal error ({type(exc).__name__})."
    _finish(row, _quarantine(reason))


def _finish(row: InboundEmail, outcome: _Outcome) -> None:
    row.status = outcome.status
    row.reason = outcome.reason
    row.placed_as = outcome.placed_as
    row.placed_url = outcome.placed_url
    statements.save_placed(row)
    if row.council is not None:
        action = events.INBOUND_EMAIL_PLACED if outcome.status == Status.PLACED else events.INBOUND_EMAIL_QUARANTINED
        record(
            council=row.council,
            actor=None,
            action=action,
            subject=row,
            data={
                "sha256": row.sha256,
                "message_id": row.message_id,
                "sender": row.sender,
                "reason": outcome.reason,
                "placed_as": outcome.placed_as,
                "blind_copied": row.blind_copied,
            },
            rule_ids=list(outcome.rule_ids),
        )


def _quarantine(reason: str, *rule_ids: str) -> _Outcome:
    return _Outcome(Status.QUARANTINED, reason, rule_ids=rule_ids)


def _council_for(tokens: Sequence[replyto.ReplyToken], addresses: Sequence[str]) -> tuple[Council | None, str]:
    """The council the message is for, and the address of it the message was sent to."""
    for token in tokens:
        council = statements.council_by_pk(token.council_id)
        if council is not None:
            return council, ""
    slugs = rules.intake_slugs(settings.COUNCILDESK_MAIL_INTAKE, replyto.reply_domain(), addresses)
    for address, slug in slugs.items():
        council = statements.council_by_slug(slug)
        if council is not None:
            return council, address
    return None, ""


def _decide(row: InboundEmail) -> _Outcome:
    largest = rules.largest_message(settings.COUNCILDESK_MAX_ATTACHMENTS_TOTAL_BYTES)
    oversized = row.size > largest
    try:
        parsed = rules.parse(bytes(row.raw), headers_only=oversized)
    except rules.Malformed as exc:
        tokens, _ = _tokens(row.envelope_to)
        row.council, _ = _council_for(tokens, row.envelope_to)
        return _quarantine(f"The message is malformed: {exc.reason}")
    row.sender = parsed.sender or ", ".join(parsed.senders)[:320]
    row.subject = parsed.subject
    row.text = parsed.text
    row.attachment_names = [a.name for a in parsed.attachments][:50]
    everyone = list(dict.fromkeys([*row.envelope_to, *parsed.delivered_to, *parsed.visible_recipients]))
    tokens, forged = _tokens(everyone)
    council, intake = _council_for(tokens, everyone)
    row.council = council
    if council is None:
        if forged:
            return _quarantine("The reply address carries a token the product did not issue (forged or damaged).")
        return _quarantine("The message is not addressed to any council's intake address or reply address.")
    tokens = [t for t in tokens if t.council_id == council.pk]
    if forged and not tokens:
        return _quarantine("The reply address carries a token the product did not issue (forged or damaged).")
    if not parsed.senders:
        return _quarantine("The message has no sender: its From header is missing or unreadable.")
    if len(parsed.senders) > 1:
        return _quarantine("The message names more than one sender, so who wrote it is not clear.")
    if oversized:
        return _quarantine(
            f"The message is too large to open: {row.size // (1024 * 1024)} MB, where the most an email to the "
            f"council may be is {largest // (1024 * 1024)} MB with its attachments."
        )
    if parsed.auth_failure:
        return _quarantine(
            "The receiving mail server recorded that the sender's address failed its authentication check "
            f"({parsed.auth_failure}), so the message may be forged."
        )
    try:
        files = _checked_files(parsed)
    except ValidationFailed as exc:
        return _quarantine(f"An attachment was refused. {exc.message}")
    blind = _blind_copied(parsed, tokens, intake)
    row.blind_copied = blind
    if blind:
        return _blind_outcome(council)
    if tokens:
        return _to_handler(parsed, tokens[0], council, files)
    return _as_enquiry(row, parsed, council, files)


def _checked_files(parsed: rules.ParsedEmail) -> list[replyto.InboundFile]:
    checked = uploads.inspect_all(
        [(a.name, a.data) for a in parsed.attachments],
        max_bytes=settings.COUNCILDESK_MAX_ATTACHMENT_BYTES,
        max_count=settings.COUNCILDESK_MAX_ATTACHMENTS,
        max_total=settings.COUNCILDESK_MAX_ATTACHMENTS_TOTAL_BYTES,
        field="attachments",
    )
    return [
        replyto.InboundFile(c.inspected.filename, c.inspected.content_type, c.data, c.inspected.sha256) for c in checked
    ]


def _blind_copied(parsed: rules.ParsedEmail, tokens: Sequence[replyto.ReplyToken], intake: str) -> bool:
    """True when the council's address (its intake address or a reply address) is in no To or Cc header."""
    visible = parsed.visible_recipients
    if tokens:
        return not any(replyto.token_in_address(a) in tokens for a in visible if a.startswith("reply+"))
    return intake not in visible


@implements(
    R.CORRESPONDENCE_NO_BLIND_COPIES,
    silent="baseline",
    baseline="councildesk has no blind copy: everyone in a conversation sees everyone else",
)
def _blind_outcome(council: Council) -> _Outcome:
    """Intake: a message on which the council was only blind-copied is held for the Clerk, with the clause (000
    CORRESPONDENCE ¶1; 002 5.11; 004 12.1), or, where the protocol is silent, as the product's own default."""
    cited = "; ".join(str(c) for c in council.profile.cite(R.CORRESPONDENCE_NO_BLIND_COPIES))
    return _quarantine(
        "The council's address was blind-copied: it is in neither the To nor the Cc line, so the other "
        f"recipients cannot see that the council received it. {cited}.",
        R.CORRESPONDENCE_NO_BLIND_COPIES,
    )


def _to_handler(
    parsed: rules.ParsedEmail,
    token: replyto.ReplyToken,
    council: Council,
    files: Sequence[replyto.InboundFile],
    *,
    vouched: bool = False,
) -> _Outcome:
    if not vouched:
        person = Person.objects.filter(pk=token.person_id).first()
        matches = (
            person is not None
            and person.email.strip().lower() == parsed.sender
            and Role.objects.filter(council=council, person=person).exists()
        )
        if not matches:
            return _quarantine(
                f"The sender ({parsed.sender}) does not match the person the reply address was given to, "
                "so the reply may not be theirs."
            )
    handler = replyto.handler_for(token.kind)
    if handler is None:
        return _quarantine(f"No part of the product takes replies of this kind ({token.kind}).")
    reply = replyto.InboundReply(
        token=token,
        sender_address=parsed.sender,
        subject=parsed.subject,
        text=parsed.text,
        message_id=parsed.message_id,
        attachments=tuple(files),
    )
    try:
        with transaction.atomic():
            placed = handler(reply)
    except DomainError as exc:
        return _quarantine(f"The reply could not be placed: {_why(exc)}")
    return _Outcome(Status.PLACED, placed_as=placed.description[:300], placed_url=placed.url[:300])


def councillor_with_address(council: Council, address: str) -> Person | None:
    """The current councillor of this council whose address this is (case-insensitive), if exactly one."""
    found = statements.member_ids_with_address(council, address, clock.today())
    return Person.objects.get(pk=found[0]) if len(found) == 1 else None


def _as_enquiry(
    row: InboundEmail,
    parsed: rules.ParsedEmail,
    council: Council,
    files: Sequence[replyto.InboundFile],
    councillor: Person | None = None,
) -> _Outcome:
    councillor = councillor or councillor_with_address(council, parsed.sender)
    if councillor is None:
        return _quarantine(
            f"The sender ({parsed.sender}) is not the address of a current councillor of {council.name}, so "
            "the message cannot open an enquiry by itself."
        )
    try:
        with transaction.atomic():
            enquiry = enquiry_raise(
                actor=councillor,
                council=council,
                subject=parsed.subject or "(no subject)",
                details=parsed.text or "(The email had no text.)",
                submission_key=f"mail:{row.sha256[:40]}",
                attachments=[(f.name, f.data) for f in files],
            )
    except DomainError as exc:
        return _quarantine(f"The email could not open an enquiry: {_why(exc)}")
    return _Outcome(Status.PLACED, placed_as=f"Enquiry {enquiry.ref}", placed_url=url_of(enquiry))


def place_received(limit: int = 200) -> int:
    """Place messages that were stored but not placed (a crash or a database error between the two)."""
    ids = list(InboundEmail.objects.filter(status=Status.RECEIVED).order_by("pk").values_list("pk", flat=True)[:limit])
    for pk in ids:
        place(pk)
    return len(ids)


# ---------------------------------------------------------------------------------------------------- quarantine


def can_see_quarantine(m: Membership) -> bool:
    """Only the council's head officer (the Clerk) sees what intake could not place; no one else, no host admin."""
    return m.is_head_officer


def _held(actor: Person, council: Council, email_id: int) -> tuple[Membership, InboundEmail]:
    m = membership_for(actor, council.slug)
    if not can_see_quarantine(m):
        raise NotFound("That email")
    row = (
        InboundEmail.objects.select_for_update()
        .filter(pk=email_id, council=m.council, status=Status.QUARANTINED)
        .first()
    )
    if row is None:
        raise NotFound("That email")
    return m, row


def _decided(row: InboundEmail, actor: Person, outcome: _Outcome, action: str, data: dict[str, object]) -> None:
    row.status = outcome.status
    row.placed_as = outcome.placed_as
    row.placed_url = outcome.placed_url
    if outcome.status == Status.REJECTED:
        row.reason = f"{row.reason} Rejected by the {row.council.profile.head_officer_title() if row.council else 'Clerk'}: {outcome.reason}"  # noqa: E501
    row.decided_by = actor
    row.decided_at = clock.now()
    row.save()
    assert row.council is not None
    record(
        council=row.council,
        actor=actor,
        action=action,
        subject=row,
        data={"sha256": row.sha256, "message_id": row.message_id, "placed_as": outcome.placed_as, **data},
    )


def _parsed(row: InboundEmail) -> rules.ParsedEmail:
    try:
        return rules.parse(bytes(row.raw))
    except rules.Malformed as exc:
        raise ValidationFailed(
            f"The message cannot be read ({exc.reason}), so it can only be rejected.", {"action": exc.reason}
        ) from exc


def release(*, actor: Person, council: Council, email_id: int) -> InboundEmail:
    """The Clerk vouches for a held reply: it goes to the handler of its reply address, sender check aside."""
    with transaction.atomic():
        m, row = _held(actor, council, email_id)
        parsed = _parsed(row)
        tokens, _ = _tokens([*row.envelope_to, *parsed.delivered_to, *parsed.visible_recipients])
        tokens = [t for t in tokens if t.council_id == m.council.pk]
        if not tokens:
            message = (
                "This email carries no reply address of a conversation in this council, so it cannot be released "
                "to one. Open it as an enquiry or reject it."
            )
            raise ValidationFailed(message, {"action": message})
        try:
            files = _checked_files(parsed)
        except ValidationFailed as exc:
            raise ValidationFailed(f"It cannot be released: {exc.message}", {"action": exc.message}) from exc
        outcome = _to_handler(parsed, tokens[0], m.council, files, vouched=True)
        if outcome.status != Status.PLACED:
            raise ValidationFailed(outcome.reason, {"action": outcome.reason})
        _decided(row, actor, outcome, events.INBOUND_EMAIL_RELEASED, {"kind": tokens[0].kind})
        return row


def open_as_enquiry(*, actor: Person, council: Council, email_id: int, councillor_id: int) -> InboundEmail:
    """The Clerk opens a held email as an enquiry raised by the councillor they choose (routed by the profile)."""
    with transaction.atomic():
        m, row = _held(actor, council, email_id)
        councillor = next((p for p in role_holders(m.council, MEMBER_KINDS, m.day) if p.pk == councillor_id), None)
        if councillor is None:
            message = "Choose one of the council's current councillors."
            raise ValidationFailed(message, {"councillor": message})
        parsed = _parsed(row)
        try:
            files = _checked_files(parsed)
        except ValidationFailed:
            files = []  # refused attachments stay with the held message; the text still opens the enquiry
        outcome = _as_enquiry(row, parsed, m.council, files, councillor=councillor)
        if outcome.status != Status.PLACED:
            raise ValidationFailed(outcome.reason, {"councillor": outcome.reason})
        _decided(row, actor, outcome, events.INBOUND_EMAIL_OPENED_AS_ENQUIRY, {"councillor": councillor.username})
        return row


def reject(*, actor: Person, council: Council, email_id: int, reason: str) -> InboundEmail:
    """The Clerk decides a held email is not to be placed. It is kept, with the reason, and never deleted."""
    reason = rules.one_line(reason or "", 500)
    if not reason:
        raise ValidationFailed("Say why the email is rejected.", {"reason": "Enter a reason"})
    with transaction.atomic():
        _, row = _held(actor, council, email_id)
        _decided(row, actor, _Outcome(Status.REJECTED, reason), events.INBOUND_EMAIL_REJECTED, {"reason": reason})
        return row
