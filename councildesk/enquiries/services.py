"""Raising enquiries, officers' questions to councillors, the head officer's per-matter approvals for direct
contact, the directory of services and their nominated contacts (002 3.2 fn 2), and officers' workplans.

Shape of each write: gate -> rule -> write -> audit -> notifications, in one transaction.
The handling of an enquiry once raised (acknowledge, assign, answer, ...) is in ``handling.py``; helpers both
use are in ``common.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from councildesk.audit import events
from councildesk.audit.content import content_digest
from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.calendar import calendar_for
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import Membership, membership_for
from councildesk.people.kinds import OFFICER_KINDS
from councildesk.people.models import Person, Ward, WardMembership, active_on

from . import rules
from .attachments import CheckedFile, check_attachments
from .common import checked_text, kinds_of, long_date, note_add, role_holders, url_of
from .deadlines import apply_targets, recompute
from .models import DirectContact, Enquiry, EnquiryAttachment, ServiceContact, WorkplanHeading
from .permissions import can_raise, is_officer, manages_queue

__all__ = [
    "direct_contact_grant",
    "enquiry_raise",
    "note_add",
    "question_ask",
    "service_contact_add",
    "url_of",
    "workplan_heading_add",
]


def current_approvals(council: Council, councillor: Person, day: dt.date) -> list[DirectContact]:
    """This councillor's approvals for direct contact that are in force today, newest first."""
    rows = DirectContact.objects.filter(council=council, councillor=councillor, revoked_at=None)
    rows = rows.select_related("officer").order_by("-granted_at", "-id")
    return [a for a in rows if a.until is None or a.until >= day]


def is_nominated_contact(council: Council, officer: Person) -> bool:
    return ServiceContact.objects.filter(council=council, officer=officer, removed_at=None).exists()


def _refuse_direct(council: Council, officer: Person, extra: str = "") -> ProtocolViolation:
    profile = council.profile
    head = profile.head_officer_title()
    name = officer.get_full_name() or officer.username
    ways = f"Send this enquiry to the {head}, or ask the {head} to approve direct contact with {name} on one matter"
    if rules.nominated_contacts_apply(profile):
        ways += ", or write to a service's nominated contact in the directory"
    return ProtocolViolation(
        reason=f"{extra}Only the {head} directs the council's staff. {ways}.",
        citations=profile.cite(*rules.DIRECT_CONTACT_RULES),
    )


@implements(R.ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF)
def _check_addressee(
    m: Membership, category: str, officer: Person, day: dt.date, approval: DirectContact | None
) -> str:
    """The route for an enquiry addressed to this officer, or a refusal naming the council's clause.

    A junior officer may be addressed only under an approval the enquiry names, given to this councillor for
    this officer and still in force: an approval for one matter does not open another (000 Some general
    principles ¶2; 004 4.6).
    """
    council = m.council
    kinds = kinds_of(council, officer, day)
    if not kinds & OFFICER_KINDS:
        raise ValidationFailed("Choose an officer of this council.", {"addressed_to": "Not an officer here"})
    nominated = is_nominated_contact(council, officer)
    allowed, _ = rules.may_address_directly(
        council.profile, category=category, officer_kinds=kinds, approved=False, nominated=nominated
    )
    if allowed:
        if council.profile.roles.head_of_paid_service in kinds:
            return Enquiry.Route.HEAD_OFFICER
        decision = rules.route_for(council.profile, category)
        if decision.route in {"head_of_service", "cmt"} and decision.recipient_kind in kinds:
            return decision.route
        if nominated and rules.nominated_contacts_apply(council.profile):
            return Enquiry.Route.NOMINATED
        return Enquiry.Route.DIRECT
    if approval is None:
        approved = [a for a in current_approvals(council, m.person, day) if a.officer_id == officer.pk]
        hint = ""
        if approved:
            matters = "; ".join(f"'{a.matter}'" for a in approved)
            hint = f"Name the approved matter this enquiry is about ({matters}). "
        raise _refuse_direct(council, officer, hint)
    current = approval.until is None or approval.until >= day
    if (
        approval.council_id != council.pk
        or approval.councillor_id != m.person.pk
        or approval.officer_id != officer.pk
        or approval.revoked_at is not None
        or not current
    ):
        raise _refuse_direct(
            council,
            officer,
            f"The approval you named ('{approval.matter}') does not cover this: it is for another officer or "
            "councillor, or no longer in force. ",
        )
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
    return role_holders(council, {kind}, day) or role_holders(
        council, {council.profile.roles.head_of_paid_service}, day
    )


@implements(R.WARD_MEMBERS_KEPT_INFORMED)
def _tell_ward_members(e: Enquiry, council: Council, day: dt.date) -> int:
    """A matter tagged with a ward tells that ward's members (002 4.4; 004 9.1), without naming who raised it
    (002 4.2: one councillor's requests are not disclosed to another)."""
    if e.ward is None or not council.profile.adopts(R.WARD_MEMBERS_KEPT_INFORMED):
        return 0
    members = active_on(WardMembership.objects.filter(ward=e.ward), day).select_related("person")
    rule = R.WARD_MEMBERS_KEPT_INFORMED
    why = f"{council.profile.title(rule)} ({council.profile.clause(rule)})."
    told = 0
    for person in {wm.person for wm in members if wm.person_id != e.raised_by_id}:
        notify(
            council=council,
            recipient=person,
            kind="enquiry.ward_matter",
            subject=f"A matter affecting {e.ward.name}: {e.subject}",
            body=(f"Officers are dealing with a matter affecting {e.ward.name}, your ward. {why}"),
            dedupe_key=f"enquiry:{e.pk}:ward:{person.pk}",
        )
        told += 1
    return told


def _submitted_before(council: Council, actor: Person, key: str) -> Enquiry | None:
    """The enquiry this submission already made, if any: fixed SQL, since every raise asks (issue 14)."""
    assert Enquiry._meta.db_table == "enquiries_enquiry"
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT "id" FROM "enquiries_enquiry" WHERE "council_id" = %s AND "raised_by_id" = %s '
            'AND "submission_key" = %s ORDER BY "id" LIMIT 1',
            [council.pk, actor.pk, key],
        )
        found = cursor.fetchone()
    return Enquiry.objects.get(pk=found[0]) if found else None


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
    direct_contact: DirectContact | None = None,
    on_behalf_of_constituent: bool = False,
    requested_by: dt.date | None = None,
    attachments: Sequence[tuple[str, bytes]] = (),
) -> Enquiry:
    """A councillor raises an enquiry. A repeat of the same submission returns the first enquiry, unchanged.

    An enquiry sent to a junior officer names the approval it relies on (``direct_contact``); naming one with no
    officer sends it to that approval's officer.
    """
    m = membership_for(actor, council.slug)
    if not can_raise(m):
        raise ProtocolViolation(
            reason="Enquiries are raised by councillors; officers put questions to a councillor instead.",
            citations=council.profile.cite(R.ENQUIRY_DEFAULT_ROUTE_TO_CLERK),
        )
    key = (submission_key or "").strip()[:64]
    if not key:
        raise ValidationFailed(
            "The form is missing its submission key; reload the page.", {"submission_key": "missing"}
        )
    if existing := _submitted_before(council, actor, key):
        return existing
    subject = checked_text(subject, "subject", "subject", 200)
    details = checked_text(details, "details", "details", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
    if category not in rules.categories_offered(council.profile):
        raise ValidationFailed("Choose what kind of enquiry this is.", {"category": "Not offered by this council"})
    if ward is not None and ward.council_id != council.pk:
        raise ValidationFailed("Choose one of this council's wards.", {"ward": "Not a ward of this council"})
    if direct_contact is not None and addressed_to is None:
        addressed_to = direct_contact.officer
    checked = check_attachments(attachments)
    now = clock.now()
    local = timezone.localtime(now)
    today = local.date()
    decision = rules.route_for(council.profile, category)
    route = decision.route
    if addressed_to is not None:
        route = _check_addressee(m, category, addressed_to, today, direct_contact)
    approval = direct_contact if route == Enquiry.Route.DIRECT else None
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
                direct_contact=approval,
                ward=ward,
                subject=subject,
                details=details,
                on_behalf_of_constituent=on_behalf_of_constituent,
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
            rule_ids: list[str] = [decision.rule_id, R.ENQUIRY_RESPONSE_TARGET]
            if approval is not None:
                rule_ids.append(R.ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF)
            record(
                council=council,
                actor=actor,
                action=events.ENQUIRY_RAISED,
                subject=e,
                data={
                    "category": category,
                    "route": route,
                    "addressed_to": addressed_to.username if addressed_to else None,
                    "direct_contact": {"id": approval.pk, "matter": approval.matter} if approval else None,
                    "ward": ward.name if ward else None,
                    "on_behalf_of_constituent": on_behalf_of_constituent,
                    "attachments": [f.sha256 for f in checked],
                    "out_of_hours": out_of_hours,
                    "response_due": e.response_due.isoformat() if e.response_due else None,
                    "calendar": e.calendar,
                },
                rule_ids=rule_ids,
                content_digest=content_digest(e, "subject", "details"),
            )
            for person in _recipients(e, council, today):
                under = f" Under the approval for direct contact on: {approval.matter}." if approval else ""
                notify(
                    council=council,
                    recipient=person,
                    kind="enquiry.raised",
                    subject=f"New enquiry {e.ref}: {subject}",
                    body=f"{actor.get_full_name() or actor.username} raised an enquiry.{under}",
                    url=url_of(e),
                    dedupe_key=f"enquiry:{e.pk}:raised:{person.pk}",
                )
            _tell_ward_members(e, council, today)
    except IntegrityError:  # the same submission raced in twice: the first one stands
        existing = Enquiry.objects.filter(council=council, raised_by=actor, submission_key=key).first()
        if existing is None:
            raise
        return existing
    return e


def question_ask(
    *, actor: Person, council: Council, councillor: Person, subject: str, details: str, submission_key: str
) -> Enquiry:
    """An officer puts a question to a councillor. Where the protocol puts a reply duty on councillors (002 3.5,
    004 4.8) the reply runs on the council's clock; elsewhere the question has no target."""
    m = membership_for(actor, council.slug)
    if not is_officer(m):
        raise NotFound("That page")
    key = (submission_key or "").strip()[:64]
    if not key:
        raise ValidationFailed(
            "The form is missing its submission key; reload the page.", {"submission_key": "missing"}
        )
    if existing := _submitted_before(council, actor, key):
        return existing
    subject = checked_text(subject, "subject", "subject", 200)
    details = checked_text(details, "details", "question", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
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
            rule_ids=[R.ENQUIRY_MEMBER_RESPONSE_TO_OFFICERS] if rules.councillor_reply_clock(council.profile) else [],
        )
        due = f" Please reply by {long_date(e.response_due)}." if e.response_due else ""
        notify(
            council=council,
            recipient=councillor,
            kind="question.asked",
            subject=f"A question from {actor.get_full_name() or actor.username}: {subject}",
            body=f"An officer has asked you a question.{due}",
            url=url_of(e),
            dedupe_key=f"enquiry:{e.pk}:asked",
        )
    return e


def _require_queue_manager(m: Membership, what: str) -> None:
    if not manages_queue(m):
        council = m.council
        raise ProtocolViolation(
            reason=f"Only the {council.profile.head_officer_title()} {what}.",
            citations=council.profile.cite(*rules.DIRECT_CONTACT_RULES),
        )


def direct_contact_grant(
    *, actor: Person, council: Council, councillor: Person, officer: Person, matter: str, until: dt.date | None = None
) -> DirectContact:
    """The head officer approves direct contact between one councillor and one officer on one matter."""
    m = membership_for(actor, council.slug)
    _require_queue_manager(m, "approves direct contact with staff")
    matter = checked_text(matter, "matter", "matter", 200)
    today = clock.today()
    if not can_raise(membership_for(councillor, council.slug)):
        raise ValidationFailed("Choose a councillor of this council.", {"councillor": "Not a councillor here"})
    if not kinds_of(council, officer, today) & OFFICER_KINDS:
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
            rule_ids=[R.ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF],
        )
        until_text = f" until {long_date(until)}" if until else ""
        notify(
            council=council,
            recipient=councillor,
            kind="direct_contact.granted",
            subject=f"You may contact {officer.get_full_name() or officer.username} directly",
            body=f"Approved for this matter only{until_text}: {matter}. Name it when you raise an enquiry.",
            dedupe_key=f"direct_contact:{approval.pk}",
        )
    return approval


@implements(R.ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE)
def service_contact_add(
    *, actor: Person, council: Council, service: str, officer: Person, kind: str = ServiceContact.Kind.NOMINATED
) -> ServiceContact:
    """The head officer's office lists a service's Head of Service or nominated contact (002 3.2 fn 2)."""
    m = membership_for(actor, council.slug)
    _require_queue_manager(m, "keeps the directory of services and their contacts")
    service = checked_text(service, "service", "service", 120)
    if kind not in ServiceContact.Kind.values:
        raise ValidationFailed("Choose Head of Service or nominated officer.", {"kind": "Choose one"})
    if not kinds_of(council, officer, clock.today()) & OFFICER_KINDS:
        raise ValidationFailed("Choose an officer of this council.", {"officer": "Not an officer here"})
    with transaction.atomic():
        row = ServiceContact.objects.create(
            council=council, service=service, officer=officer, kind=kind, added_by=actor, added_at=clock.now()
        )
        record(
            council=council,
            actor=actor,
            action="enquiry.service_contact_added",
            subject=row,
            data={"service": service, "officer": officer.username, "kind": kind},
            rule_ids=[R.ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE],
        )
    return row


def workplan_heading_add(*, actor: Person, council: Council, officer: Person, heading: str) -> WorkplanHeading:
    """The work allocator records one heading of an officer's agreed workplan (002 3.4, 5.4(iii))."""
    m = membership_for(actor, council.slug)
    _require_queue_manager(m, "agrees officers' workplans")
    heading = checked_text(heading, "heading", "heading", 120)
    if not kinds_of(council, officer, clock.today()) & OFFICER_KINDS:
        raise ValidationFailed("Choose an officer of this council.", {"officer": "Not an officer here"})
    with transaction.atomic():
        row = WorkplanHeading.objects.create(
            council=council, officer=officer, heading=heading, added_by=actor, added_at=clock.now()
        )
        record(
            council=council,
            actor=actor,
            action="enquiry.workplan_heading_added",
            subject=row,
            data={"officer": officer.username, "heading": heading},
            rule_ids=[R.ENQUIRY_NEW_WORK_OUTSIDE_WORKPLAN],
        )
    return row


def workplan_of(council: Council, officer: Person) -> frozenset[str]:
    rows = WorkplanHeading.objects.filter(council=council, officer=officer, removed_at=None)
    return frozenset(rows.values_list("heading", flat=True))
