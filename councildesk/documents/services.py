"""Writes about documents: agenda items, upload, reclassification, opening (the disclosure log) and the sweep's
publication of exempt papers. Each is gate -> rule check -> write -> audit -> notifications, in one transaction.

A file is stored before its row is written; if anything after that fails, the file is deleted again, so a
refused or failed upload leaves neither a row nor an orphan file.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import transaction

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.core import clock
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.councils.models import Council
from councildesk.people.access import membership_for
from councildesk.people.models import Committee, Person

from . import files, rules
from .models import Classification, Disclosure, Document, Grant, MeetingItem
from .permissions import Access, policy_for
from .selectors import document_get_for, open_basis_for

RECLASSIFY_REASON_MIN = 10


def storage() -> Storage:
    return storages["documents"]


def _manager(actor: Person, council: Council) -> Access:
    a = Access(membership_for(actor, council.slug))
    if not a.may_manage:
        raise NotFound("That page")
    return a


@dataclass(frozen=True)
class Exemption:
    """Schedule 12A LGA 1972: the paragraph (1-7), why, to whom it is restricted, and when it becomes public."""

    paragraph: int | None = None
    reason: str = ""
    restricted_to: str = ""
    public_on: dt.date | None = None


def _check_classification(classification: str, exemption: Exemption, *, today: dt.date) -> None:
    problems: dict[str, str] = {}
    if classification not in rules.CLASSIFICATIONS:
        problems["classification"] = "Choose public, committee, confidential or exempt."
    elif classification == rules.EXEMPT:
        if exemption.paragraph is None or not 1 <= exemption.paragraph <= 7:
            problems["exempt_paragraph"] = "Give the paragraph of Schedule 12A (1 to 7) the information falls under."
        if not exemption.reason.strip():
            problems["exempt_reason"] = "Say why the information is exempt."
        if not exemption.restricted_to.strip():
            problems["restricted_to"] = "Say to whom the information is restricted."
        if exemption.public_on is None:
            problems["public_on"] = "Give the date the information becomes public."
        elif exemption.public_on <= today:
            problems["public_on"] = "The date it becomes public must be in the future."
    if problems:
        raise ValidationFailed("The classification is incomplete.", problems)


def _exempt_fields(classification: str, exemption: Exemption) -> dict[str, object]:
    if classification != rules.EXEMPT:
        return {"exempt_paragraph": None, "exempt_reason": "", "restricted_to": "", "public_on": None}
    return {
        "exempt_paragraph": exemption.paragraph,
        "exempt_reason": exemption.reason.strip(),
        "restricted_to": exemption.restricted_to.strip(),
        "public_on": exemption.public_on,
    }


def meeting_item_create(
    *, actor: Person, council: Council, committee: Committee, meeting_date: dt.date, item_number: str, title: str
) -> MeetingItem:
    with transaction.atomic():
        _manager(actor, council)
        if committee.council_id != council.pk:
            raise ValidationFailed("Choose one of this council's committees.", {"committee": "Not found."})
        number, text = item_number.strip(), title.strip()
        if not number or not text:
            raise ValidationFailed(
                "Give the item's number and title.", {"item_number": "Required.", "title": "Required."}
            )
        if MeetingItem.objects.filter(committee=committee, meeting_date=meeting_date, item_number=number).exists():
            raise ValidationFailed("That item already exists.", {"item_number": "Already on this meeting's agenda."})
        item = MeetingItem.objects.create(
            council=council, committee=committee, meeting_date=meeting_date, item_number=number, title=text[:300]
        )
        record(
            council=council,
            actor=actor,
            action=events.MEETING_ITEM_CREATED,
            subject=item,
            data={"committee": committee.pk, "meeting_date": meeting_date, "item_number": number},
        )
        return item


def document_upload(
    *,
    actor: Person,
    council: Council,
    data: bytes,
    filename: str,
    title: str,
    classification: str,
    committee: Committee | None = None,
    meeting_item: MeetingItem | None = None,
    personal_data: bool = False,
    exemption: Exemption | None = None,
) -> Document:
    exemption = exemption or Exemption()
    _manager(actor, council)  # gate before reading anything about the file
    inspected = files.inspect(data, filename, max_bytes=settings.COUNCILDESK_MAX_DOCUMENT_BYTES)
    _check_classification(classification, exemption, today=clock.today())
    if meeting_item is not None:
        if meeting_item.council_id != council.pk:
            raise ValidationFailed("Choose one of this council's agenda items.", {"meeting_item": "Not found."})
        committee = meeting_item.committee
    if committee is not None and committee.council_id != council.pk:
        raise ValidationFailed("Choose one of this council's committees.", {"committee": "Not found."})
    if classification != rules.PUBLIC and committee is None:
        raise ValidationFailed(
            "A restricted paper belongs to a committee or an agenda item.",
            {"committee": "Choose the committee (or agenda item) whose paper this is."},
        )
    if not title.strip():
        raise ValidationFailed("Give the document a title.", {"title": "Enter a title."})
    name = f"{council.pk}/{uuid.uuid4().hex}{inspected.extension}"
    stored = storage().save(name, ContentFile(data))
    try:
        with transaction.atomic():
            _manager(actor, council)
            doc = Document.objects.create(
                council=council,
                title=title.strip()[:300],
                committee=committee,
                meeting_item=meeting_item,
                classification=classification,
                personal_data=personal_data,
                storage_name=stored,
                filename=inspected.filename,
                content_type=inspected.content_type,
                size=inspected.size,
                sha256=inspected.sha256,
                uploaded_by=actor,
                uploaded_at=clock.now(),
                **_exempt_fields(classification, exemption),
            )
            record(
                council=council,
                actor=actor,
                action=events.DOCUMENT_UPLOADED,
                subject=doc,
                data={
                    "classification": classification,
                    "personal_data": personal_data,
                    "committee": committee.pk if committee else None,
                    "meeting_item": meeting_item.pk if meeting_item else None,
                    "sha256": inspected.sha256,
                    "size": inspected.size,
                    "exempt_paragraph": doc.exempt_paragraph,
                    "public_on": doc.public_on,
                },
            )
    except BaseException:
        storage().delete(stored)
        raise
    return doc


def _revoke_barred_grants(doc: Document, actor: Person | None, reason: str) -> int:
    """After a reclassification, withdraw every grant the new classification no longer allows."""
    policy = policy_for(doc.council)
    facts = rules.DocFacts(doc.classification, doc.committee_id, doc.personal_data)
    revoked = 0
    for grant in Grant.objects.filter(document=doc, revoked_at__isnull=True).select_related("request"):
        viewer = rules.Viewer(grant.person_id, frozenset({"councillor"}), frozenset())
        req = grant.request
        need = req.need if req else rules.COMMITTEE_WORK
        justified = bool(req and req.personal_data_justification.strip())
        barriers = rules.grant_barriers(policy, viewer, facts, need, personal_data_justified=justified)
        if barriers:
            grant.revoked_at = clock.now()
            grant.save(update_fields=["revoked_at"])
            record(
                council=doc.council,
                actor=actor,
                action=events.DOCUMENT_GRANT_REVOKED,
                subject=grant,
                data={"document": doc.pk, "person": grant.person_id, "reason": reason},
                rule_ids=[b.rule_id for b in barriers],
            )
            revoked += 1
    return revoked


def document_reclassify(
    *,
    actor: Person,
    document: Document,
    classification: str,
    reason: str,
    personal_data: bool,
    exemption: Exemption | None = None,
) -> Document:
    exemption = exemption or Exemption()
    with transaction.atomic():
        _manager(actor, document.council)
        doc = Document.objects.select_for_update().get(pk=document.pk)
        _check_classification(classification, exemption, today=clock.today())
        if len(reason.strip()) < RECLASSIFY_REASON_MIN:
            raise ValidationFailed("Say why the paper is reclassified.", {"reason": "Give the reason in a sentence."})
        if classification != rules.PUBLIC and doc.committee_id is None:
            raise ValidationFailed(
                "Only a paper that belongs to a committee can be restricted.",
                {"classification": "Link the paper to a committee first."},
            )
        before = {"classification": doc.classification, "personal_data": doc.personal_data}
        doc.classification = classification
        doc.personal_data = personal_data
        for field, value in _exempt_fields(classification, exemption).items():
            setattr(doc, field, value)
        doc.save()
        record(
            council=doc.council,
            actor=actor,
            action=events.DOCUMENT_RECLASSIFIED,
            subject=doc,
            data={
                "from": before,
                "to": {"classification": classification, "personal_data": personal_data},
                "reason": reason.strip(),
                "exempt_paragraph": doc.exempt_paragraph,
                "public_on": doc.public_on,
            },
        )
        _revoke_barred_grants(doc, actor, "reclassified")
        return doc


@dataclass(frozen=True)
class Opened:
    document: Document
    basis: str
    grant: Grant | None
    stream: IO[bytes]


def document_open(*, actor: Person, council: Council, pk: int) -> Opened:
    """Open a paper's file for ``actor``: the gate again, then a disclosure-log row and an audit event."""
    with transaction.atomic():
        a = Access(membership_for(actor, council.slug))
        doc = document_get_for(a, pk)
        basis, grant = open_basis_for(a, doc)
        try:
            stream = storage().open(doc.storage_name, "rb")
        except (FileNotFoundError, OSError) as exc:
            raise NotFound("That document's file") from exc
        Disclosure.objects.create(
            council=council, document=doc, person=actor, basis=basis, grant=grant, opened_at=clock.now()
        )
        record(
            council=council,
            actor=actor,
            action=events.DOCUMENT_OPENED,
            subject=doc,
            data={"basis": basis, "grant": grant.pk if grant else None},
            rule_ids=_basis_rules(council, basis),
        )
    return Opened(document=doc, basis=basis, grant=grant, stream=stream)


def _basis_rules(council: Council, basis: str) -> list[str]:
    """The rules an opening rests on, as this council cites them (adopted, or applied as a baseline)."""
    rule_ids: list[R] = {
        rules.BASIS_COMMITTEE_MEMBER: [R.ACCESS_COMMITTEE_MEMBER_PRESUMED],
        rules.BASIS_NEED_TO_KNOW: [R.ACCESS_NEED_TO_KNOW_DECIDER, R.ACCESS_PURPOSE_LIMITATION],
        rules.BASIS_ONWARD: [R.ACCESS_ONWARD_DISCLOSURE_TO_COUNCILLORS, R.ACCESS_PURPOSE_LIMITATION],
    }.get(basis, [])
    return [c.rule_id for c in council.profile.cite(*rule_ids)]


def documents_publish_due(*, today: dt.date) -> int:
    """Make exempt papers public on their date. Idempotent: a published paper is no longer exempt."""
    published = 0
    due = Document.objects.filter(classification=Classification.EXEMPT, public_on__lte=today).order_by("public_on")
    for pk in list(due.values_list("pk", flat=True)[:500]):
        with transaction.atomic():
            doc = (
                Document.objects.select_for_update()
                .filter(pk=pk, classification=Classification.EXEMPT, public_on__lte=today)
                .select_related("council")
                .first()
            )
            if doc is None:
                continue  # another sweep got there first
            paragraph, public_on = doc.exempt_paragraph, doc.public_on
            doc.classification = Classification.PUBLIC
            doc.save(update_fields=["classification"])
            record(
                council=doc.council,
                actor=None,
                action=events.DOCUMENT_PUBLISHED,
                subject=doc,
                data={"from": "exempt", "exempt_paragraph": paragraph, "public_on": public_on},
            )
            published += 1
    return published
