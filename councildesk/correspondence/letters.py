"""Official letters: draft (the signatory checked against the protocol), an optional accuracy check by a Head of
Service for letters to residents, and issue as a PDF on the council's letterhead (pdf.py), stored with its SHA-256.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.core import clock
from councildesk.core.errors import Conflict, NotFound, ValidationFailed
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import Membership, membership_for
from councildesk.people.kinds import MEMBER_KINDS, OFFICER_KINDS
from councildesk.people.models import Person
from councildesk.people.selectors import role_holders

from . import events, pdf, rules
from .models import Letter
from .selectors import correspondents, kinds_of, letter_get_for

CHECKER_KINDS = ("head_of_service",)


def sign_as_for(m: Membership, person: Person) -> str:
    """The role a letter is signed in: an officer's post first (the head officer's above others), else the civic
    head's office where the person holds it, else councillor."""
    kinds = kinds_of(m, person)
    head = m.council.profile.roles.head_of_paid_service
    officer = sorted(kinds & OFFICER_KINDS, key=lambda k: (k != head, k))
    if officer:
        return officer[0]
    civic = m.council.profile.correspondence.civic_head
    if civic and civic in kinds:
        return civic
    member = sorted(kinds & MEMBER_KINDS)
    return "councillor" if "councillor" in member else (member[0] if member else "")


def signatories(m: Membership) -> list[Person]:
    return [m.person, *correspondents(m)]


def checkers(m: Membership) -> list[Person]:
    return role_holders(m.council, CHECKER_KINDS, m.day)


def _next_reference(council: Council, year: int) -> str:
    prefix = "".join(w[0] for w in council.slug.split("-") if w).upper()[:4] or "CD"
    count = Letter.objects.filter(council=council, reference__startswith=f"{prefix}/{year}/").count()
    return f"{prefix}/{year}/{count + 1:04d}"


def letter_draft(
    *,
    actor: Person,
    council: Council,
    recipient_name: str,
    recipient_address: str,
    recipient_kind: str,
    subject: str,
    body: str,
    signatory_id: int | str | None,
    creates_obligations: bool = False,
    civic_reason: str = "",
    ward_capacity: bool = False,
) -> Letter:
    m = membership_for(actor, council.slug)
    profile = council.profile
    problems: dict[str, str] = {}

    def text(value: str, field: str, label: str, limit: int, required: bool = True) -> str:
        value = (value or "").strip()
        if required and not value:
            problems[field] = f"Enter {label}."
        elif len(value) > limit:
            problems[field] = f"{label[0].upper()}{label[1:]} must be {limit} characters or fewer."
        return value

    recipient_name = text(recipient_name, "recipient_name", "who the letter is to", 200)
    recipient_address = text(recipient_address, "recipient_address", "their address", 1000, required=False)
    subject = text(subject, "subject", "a subject", 200)
    body = text(body, "body", "the letter", 20000)
    civic_reason = text(civic_reason, "civic_reason", "a reason", 2000, required=False)
    if recipient_kind not in Letter.RecipientKind.values:
        problems["recipient_kind"] = "Choose who the letter is to."
    people = {p.pk: p for p in signatories(m)}
    try:
        signatory = people[int(signatory_id or 0)]
    except (KeyError, ValueError, TypeError):
        problems["signatory"] = "Choose the signatory: a councillor or officer of this council."
        signatory = None
    if not (m.kinds & OFFICER_KINDS) and signatory is not None and signatory.pk != actor.pk:
        problems["signatory"] = "A councillor drafts letters only in their own name; an officer drafts the council's."
    if problems or signatory is None:
        raise ValidationFailed("Check the letter.", problems)
    sign_as = sign_as_for(m, signatory)
    rules.check_signatory(
        profile,
        signatory_kinds=kinds_of(m, signatory),
        sign_as=sign_as,
        creates_obligations=creates_obligations,
        civic_reason=civic_reason,
        ward_capacity=ward_capacity,
    )
    with transaction.atomic():
        now = clock.now()
        letter = Letter.objects.create(
            council=council,
            reference=_next_reference(council, m.day.year),
            recipient_name=recipient_name,
            recipient_address=recipient_address,
            recipient_kind=recipient_kind,
            subject=subject,
            body=body,
            drafted_by=actor,
            drafted_at=now,
            signatory=signatory,
            signatory_role=sign_as,
            creates_obligations=creates_obligations,
            civic_reason=civic_reason if sign_as in MEMBER_KINDS else "",
            ward_capacity=ward_capacity,
        )
        rule_ids = [R.CORRESPONDENCE_OFFICIAL_IN_OFFICER_NAME]
        if sign_as in MEMBER_KINDS and not ward_capacity:
            rule_ids.append(R.CORRESPONDENCE_CIVIC_HEAD_EXCEPTION)
        if ward_capacity:
            rule_ids.append(R.CORRESPONDENCE_WARD_CAPACITY_STATED)
        record(
            council=council,
            actor=actor,
            action=events.LETTER_DRAFTED,
            subject=letter,
            data={
                "reference": letter.reference,
                "signatory": signatory.username,
                "sign_as": sign_as,
                "recipient_kind": recipient_kind,
                "creates_obligations": creates_obligations,
                "civic_reason": letter.civic_reason,
                "ward_capacity": ward_capacity,
            },
            rule_ids=[r for r in rule_ids if profile.cite(r)],
        )
    return letter


def letter_send_for_check(*, actor: Person, council: Council, letter_id: int, checker_id: int | str | None) -> Letter:
    """002 4.6: send a draft to a resident to the relevant Head of Service to confirm it is accurate."""
    m = membership_for(actor, council.slug)
    letter = letter_get_for(m, letter_id)
    if not rules.offers_accuracy_check(council.profile, recipient_kind=letter.recipient_kind):
        raise ValidationFailed("Check the letter.", {"checker": "This letter is not one that is checked first."})
    if letter.status != Letter.Status.DRAFT:
        raise Conflict("Only a draft can be sent for an accuracy check.")
    people = {p.pk: p for p in checkers(m)}
    try:
        checker = people[int(checker_id or 0)]
    except (KeyError, ValueError, TypeError):
        raise ValidationFailed("Check the letter.", {"checker": "Choose the relevant Head of Service."}) from None
    with transaction.atomic():
        letter.status = Letter.Status.CHECKING
        letter.checker = checker
        letter.save(update_fields=["status", "checker"])
        record(
            council=council,
            actor=actor,
            action=events.LETTER_CHECK_REQUESTED,
            subject=letter,
            data={"checker": checker.username},
            rule_ids=[R.CORRESPONDENCE_RESIDENT_REPLY_ACCURACY_CHECK],
        )
        notify(
            council=council,
            recipient=checker,
            kind="letter.check",
            subject=f"Check letter {letter.reference} for accuracy",
            body=f"{actor} asks you to confirm that the letter “{letter.subject}” to a resident is accurate.",
            url=reverse("letter", kwargs={"slug": council.slug, "letter_id": letter.pk}),
            dedupe_key=f"letter-check-{letter.pk}-{checker.pk}",
        )
    return letter


def letter_checked(*, actor: Person, council: Council, letter_id: int, note: str = "") -> Letter:
    m = membership_for(actor, council.slug)
    letter = letter_get_for(m, letter_id)
    if letter.checker_id != actor.pk or letter.status != Letter.Status.CHECKING:
        raise NotFound("That letter")
    with transaction.atomic():
        letter.status = Letter.Status.DRAFT
        letter.check_note = (note or "").strip()[:5000]
        letter.checked_at = clock.now()
        letter.save(update_fields=["status", "check_note", "checked_at"])
        record(
            council=council,
            actor=actor,
            action=events.LETTER_CHECKED,
            subject=letter,
            data={"noted": bool(letter.check_note)},
            rule_ids=[R.CORRESPONDENCE_RESIDENT_REPLY_ACCURACY_CHECK],
        )
        notify(
            council=council,
            recipient=letter.drafted_by,
            kind="letter.checked",
            subject=f"Letter {letter.reference} checked for accuracy",
            body=f"{actor} checked the letter. {letter.check_note}".strip(),
            url=reverse("letter", kwargs={"slug": council.slug, "letter_id": letter.pk}),
            dedupe_key=f"letter-checked-{letter.pk}",
        )
    return letter


def letter_issue(*, actor: Person, council: Council, letter_id: int) -> Letter:
    """Issue the letter: the PDF is made once, on the letterhead, dated today, and stored with its SHA-256."""
    m = membership_for(actor, council.slug)
    letter = letter_get_for(m, letter_id)
    if not (m.kinds & OFFICER_KINDS) and letter.signatory_id != actor.pk:
        raise NotFound("That letter")
    if letter.status == Letter.Status.CHECKING:
        raise Conflict("The letter is with the Head of Service for an accuracy check; issue it once they have checked.")
    if letter.status == Letter.Status.ISSUED:
        raise Conflict("This letter has already been issued.")
    issued_on = m.day
    data = pdf.render_letter(letter, m, issued_on=issued_on)
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        letter.status = Letter.Status.ISSUED
        letter.issued_on = issued_on
        letter.pdf_sha256 = digest
        letter.pdf.save(f"{council.pk}-{letter.pk}-{digest[:16]}.pdf", ContentFile(data), save=False)
        letter.save(update_fields=["status", "issued_on", "pdf", "pdf_sha256"])
        record(
            council=council,
            actor=actor,
            action=events.LETTER_ISSUED,
            subject=letter,
            data={"reference": letter.reference, "sha256": digest, "signatory": letter.signatory.username},
        )
    return letter


def letter_pdf_bytes(m: Membership, letter_id: int) -> tuple[Letter, bytes]:
    letter = letter_get_for(m, letter_id)
    if letter.status != Letter.Status.ISSUED or not letter.pdf:
        raise NotFound("That letter's PDF")
    with letter.pdf.open("rb") as handle:
        return letter, handle.read()
