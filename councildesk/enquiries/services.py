"""Raising enquiries, and the head officer's per-matter approvals for direct contact.

Shape of each write: gate -> rule -> write -> audit -> notifications, in one transaction.
The handling of an enquiry once raised (acknowledge, assign, answer, ...) is in ``handling.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.core import clock
from councildesk.core.errors import Citation, NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.calendar import calendar_for
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Person, Role, Ward, active_on

from . import rules
from .attachments import CheckedFile, check_attachment
from .deadlines import apply_targets, recompute
from .models import DirectContact, Enquiry, EnquiryAttachment, EnquiryNote
from .permissions import can_raise, is_officer, manages_queue


def cite(council: Council, *rule_ids: str) -> list[Citation]:
    """Citations for these rules as this council's profile gives them (see ``Profile.cite``)."""
    return council.profile.cite(*rule_ids)


def url_of(e: Enquiry) -> str:
    return reverse("enquiry_detail", kwargs={"slug": e.council.slug, "enquiry_id": e.pk})


def _text(value: str, field: str, label: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(f"Enter the {label}.", {field: f"Enter the {label}"})
    if len(value) > limit:
        raise ValidationFailed(
            f"The {label} is {len(value):,} characters; the most it may be is {limit:,}.",
            {field: f"{label.capitalize()} must be {limit:,} characters or fewer"},
        )
    return value


def officers_of(council: Council, kind: str, day: dt.date) -> list[Person]:
    roles = active_on(Role.objects.filter(council=council, kind=kind), day).select_related("person")
    return sorted({r.person for r in roles}, key=lambda p: p.pk)


def _kinds_of(council: Council, person: Person, day: dt.date) -> frozenset[str]:
    return frozenset(active_on(Role.objects.filter(council=council, person=person), day).values_list("kind", flat=True))


def _direct_approval(council: Council, councillor: Person, officer: Person, day: dt.date) -> DirectContact | None:
    rows = DirectContact.objects.filter(council=council, councillor=councillor, officer=officer, revoked_at=None)
    return next((a for a in rows.order_by("-granted_at") if a.until is None or a.until >= day), None)


def _check_addressee(m: Membership, category: str, officer: Person, day: dt.date) -> Enquiry.Route | str:
    council = m.council
    kinds = _kinds_of(council, officer, day)
    if not kinds & {"clerk", "officer", "chief_executive", "head_of_service", "cmt_member", "monitoring_officer"}:
        raise ValidationFailed("Choose an officer of this council.", {"addressed_to": "Not an officer here"})
    approval = _direct_approval(council, m.person, officer, day)
    allowed, _rule_id = rules.may_address_directly(
        council.profile, category=category, officer_kinds=kinds, approved=approval is not None
    )
    if not allowed:
        head = council.profile.head_officer_title()
        raise ProtocolViolation(
            reason=(
                f"Only the {head} directs the council's staff. Send this enquiry to the {head}, or ask the {head} "
                f"to approve direct contact with {officer.get_full_name() or officer.username} on this matter."
            ),
            citations=cite(council, rules.NO_DIRECT, rules.LINE_MANAGEMENT, rules.DEFAULT_ROUTE),
        )
    if council.profile.roles.head_of_paid_service in kinds:
        return Enquiry.Route.HEAD_OFFICER
    decision = rules.route_for(council.profile, category)
    if decision.route in {"head_of_service", "cmt"} and decision.recipient_kind in kinds:
        return decision.route
    return Enquiry.Route.DIRECT


def _store_attachments(e: Enquiry, files: Sequence[CheckedFile], actor: Person) -> None:
    for f in files:
        EnquiryAttachment.objects.create(
            enquiry=e,
            file=ContentFile(f.content, name=f.name),
            name=f.name,
            content_type=f.content_type,
            size=len(f.content),
            sha256=f.sha256,
            uploaded_by=actor,
            uploaded_at=clock.now(),
        )


def _recipients(e: Enquiry, council: Council, day: dt.date) -> list[Person]:
    if e.addressed_to is not None:
        return [e.addressed_to]
    kind = rules.route_for(council.profile, e.category).recipient_kind
    return officers_of(council, kind, day) or officers_of(council, council.profile.roles.head_of_paid_service, day)


def enquiry_raise(
    *,
    actor: Person,
    council: Council,
    subject: str,
    details: str,
    submission_key: str,
    category: str = Enquiry.Category.INFORMATION,
    ward: Ward | None = None,
    addressed_to: Person | None = None,
    on_behalf_of_constituent: bool = False,
    constituent_consent: bool = False,
    requested_by: dt.date | None = None,
    attachments: Sequence[tuple[str, bytes]] = (),
) -> Enquiry:
    """A councillor raises an enquiry. A repeat of the same submission returns the first enquiry, unchanged."""
    m = membership_for(actor, council.slug)
    if not can_raise(m):
        raise ProtocolViolation(
            reason="Enquiries are raised by councillors; officers put questions to a councillor instead.",
            citations=cite(council, rules.DEFAULT_ROUTE),
        )
    key = (submission_key or "").strip()[:64]
    if not key:
        raise ValidationFailed(
            "The form is missing its submission key; reload the page.", {"submission_key": "missing"}
        )
    if existing := Enquiry.objects.filter(council=council, raised_by=actor, submission_key=key).first():
        return existing
    subject = _text(subject, "subject", "subject", 200)
    details = _text(details, "details", "details", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
    if category not in rules.categories_offered(council.profile):
        raise ValidationFailed("Choose what kind of enquiry this is.", {"category": "Not offered by this council"})
    if on_behalf_of_constituent and not constituent_consent:
        raise ValidationFailed(
            "Confirm that the constituent agreed to you raising this on their behalf.",
            {"constituent_consent": "Confirm the constituent's consent"},
        )
    if ward is not None and ward.council_id != council.pk:
        raise ValidationFailed("Choose one of this council's wards.", {"ward": "Not a ward of this council"})
    checked = [check_attachment(name, content) for name, content in attachments]
    now = clock.now()
    local = timezone.localtime(now)
    today = local.date()
    decision = rules.route_for(council.profile, category)
    route = decision.route
    if addressed_to is not None:
        route = _check_addressee(m, category, addressed_to, today)
    calendar = calendar_for(council)
    out_of_hours = rules.is_out_of_hours(
        local, council.profile.enquiries.working_hours, working_day=calendar.is_working_day(local.date())
    )
    try:
        with transaction.atomic():
            e = Enquiry(
                council=council,
                category=category,
                route=route,
                raised_by=actor,
                addressed_to=addressed_to,
                ward=ward,
                subject=subject,
                details=details,
                on_behalf_of_constituent=on_behalf_of_constituent,
                constituent_consent=constituent_consent,
                requested_by=requested_by,
                submission_key=key,
                received_at=now,
                out_of_hours=out_of_hours,
                clock_start=today,
            )
            apply_targets(e, council)
            recompute(e, calendar, today)
            e.save()
            _store_attachments(e, checked, actor)
            record(
                council=council,
                actor=actor,
                action=events.ENQUIRY_RAISED,
                subject=e,
                data={
                    "category": category,
                    "route": route,
                    "addressed_to": addressed_to.username if addressed_to else None,
                    "on_behalf_of_constituent": on_behalf_of_constituent,
                    "attachments": [f.sha256 for f in checked],
                    "out_of_hours": out_of_hours,
                    "response_due": e.response_due.isoformat() if e.response_due else None,
                    "calendar": e.calendar,
                },
                rule_ids=[decision.rule_id, rules.RESPONSE_TARGET],
            )
            for person in _recipients(e, council, today):
                notify(
                    council=council,
                    recipient=person,
                    kind="enquiry.raised",
                    subject=f"New enquiry E{e.pk}: {subject}",
                    body=f"{actor.get_full_name() or actor.username} raised an enquiry.",
                    url=url_of(e),
                    dedupe_key=f"enquiry:{e.pk}:raised:{person.pk}",
                )
    except IntegrityError:  # the same submission raced in twice: the first one stands
        existing = Enquiry.objects.filter(council=council, raised_by=actor, submission_key=key).first()
        if existing is None:
            raise
        return existing
    return e


def question_ask(
    *, actor: Person, council: Council, councillor: Person, subject: str, details: str, submission_key: str
) -> Enquiry:
    """An officer puts a question to a councillor, who is expected to reply in good time (004 4.8; 002 3.5)."""
    m = membership_for(actor, council.slug)
    if not is_officer(m):
        raise NotFound("That page")
    key = (submission_key or "").strip()[:64]
    if not key:
        raise ValidationFailed(
            "The form is missing its submission key; reload the page.", {"submission_key": "missing"}
        )
    if existing := Enquiry.objects.filter(council=council, raised_by=actor, submission_key=key).first():
        return existing
    subject = _text(subject, "subject", "subject", 200)
    details = _text(details, "details", "question", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
    now = clock.now()
    if not can_raise(membership_for(councillor, council.slug)):
        raise ValidationFailed("Choose a councillor of this council.", {"councillor": "Not a councillor here"})
    with transaction.atomic():
        e = Enquiry(
            council=council,
            direction=Enquiry.Direction.TO_COUNCILLOR,
            route=Enquiry.Route.COUNCILLOR,
            raised_by=actor,
            addressed_to=councillor,
            subject=subject,
            details=details,
            submission_key=key,
            received_at=now,
            clock_start=clock.today(),
            status=Enquiry.Status.ASSIGNED,
            acknowledged_at=now,
        )
        apply_targets(e, council)
        recompute(e, calendar_for(council), clock.today())
        e.save()
        record(
            council=council,
            actor=actor,
            action=events.QUESTION_ASKED,
            subject=e,
            data={
                "councillor": councillor.username,
                "response_due": e.response_due.isoformat() if e.response_due else None,
            },
            rule_ids=[rules.MEMBER_RESPONSE],
        )
        notify(
            council=council,
            recipient=councillor,
            kind="question.asked",
            subject=f"A question from {actor.get_full_name() or actor.username}: {subject}",
            body="An officer has asked you a question.",
            url=url_of(e),
            dedupe_key=f"enquiry:{e.pk}:asked",
        )
    return e


def direct_contact_grant(
    *, actor: Person, council: Council, councillor: Person, officer: Person, matter: str, until: dt.date | None = None
) -> DirectContact:
    """The head officer approves direct contact between one councillor and one officer on one matter."""
    m = membership_for(actor, council.slug)
    if not manages_queue(m):
        raise ProtocolViolation(
            reason=f"Only the {council.profile.head_officer_title()} approves direct contact with staff.",
            citations=cite(council, rules.NO_DIRECT),
        )
    matter = _text(matter, "matter", "matter", 200)
    today = clock.today()
    if not can_raise(membership_for(councillor, council.slug)):
        raise ValidationFailed("Choose a councillor of this council.", {"councillor": "Not a councillor here"})
    if not _kinds_of(council, officer, today):
        raise ValidationFailed("Choose an officer of this council.", {"officer": "Not an officer here"})
    if until is not None and until < today:
        raise ValidationFailed("The approval cannot end in the past.", {"until": "Choose today or a later date"})
    with transaction.atomic():
        approval = DirectContact.objects.create(
            council=council,
            councillor=councillor,
            officer=officer,
            matter=matter,
            granted_by=actor,
            granted_at=clock.now(),
            until=until,
        )
        record(
            council=council,
            actor=actor,
            action=events.DIRECT_CONTACT_GRANTED,
            subject=approval,
            data={
                "councillor": councillor.username,
                "officer": officer.username,
                "matter": matter,
                "until": until.isoformat() if until else None,
            },
            rule_ids=[rules.NO_DIRECT],
        )
        notify(
            council=council,
            recipient=councillor,
            kind="direct_contact.granted",
            subject=f"You may contact {officer.get_full_name() or officer.username} directly",
            body=f"Approved for this matter only: {matter}.",
            dedupe_key=f"direct_contact:{approval.pk}",
        )
    return approval


def note_add(*, e: Enquiry, actor: Person | None, kind: str, text: str = "") -> EnquiryNote:
    return EnquiryNote.objects.create(enquiry=e, author=actor, at=clock.now(), kind=kind, text=text)
