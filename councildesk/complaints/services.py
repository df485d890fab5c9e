"""Writes for complaints: raise, open (logged), the informal step, the formal route, mediation, the panel and
decisions. Each is gate -> rule check -> write -> audit, in one transaction; handlers are told through the outbox,
never with the complaint's content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse

from councildesk.audit.content import content_digest
from councildesk.audit.services import record
from councildesk.calendars.working_days import deadline, describe_period
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.errors import Citation, NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.calendar import calendar_for
from councildesk.councils.models import Council
from councildesk.declarations.selectors import declared_connection
from councildesk.notifications.models import OutboxEmail
from councildesk.notifications.services import notify
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Committee, CommitteeSeat, GroupMembership, Person, Role, active_on
from councildesk.people.selectors import role_holders

from . import events, rules
from .models import Complaint, ComplaintOpening, Connection, Handler, Step
from .selectors import complaint_get_for, is_handler

MAX_TEXT = 10_000


# ---- who is who -------------------------------------------------------------------------------------------------


def _kinds_of(council: Council, person: Person, day: dt.date) -> frozenset[str]:
    kinds = set(active_on(Role.objects.filter(council=council, person=person), day).values_list("kind", flat=True))
    if active_on(GroupMembership.objects.filter(person=person, group__council=council, is_leader=True), day).exists():
        kinds.add(role_kinds.GROUP_LEADER)
    return frozenset(kinds)


def _personnel_seats(council: Council, day: dt.date, *, chair_only: bool) -> list[Person]:
    seats = active_on(CommitteeSeat.objects.all(), day).filter(
        committee__council=council, committee__kind=Committee.Kind.PERSONNEL
    )
    if chair_only and seats.filter(seat=CommitteeSeat.Seat.CHAIR).exists():
        seats = seats.filter(seat=CommitteeSeat.Seat.CHAIR)
    people = {s.person.pk: s.person for s in seats.select_related("person")}
    return sorted(people.values(), key=lambda p: (p.last_name, p.first_name, p.pk))


def _group_leaders_of(council: Council, person: Person, day: dt.date) -> list[Person]:
    groups = active_on(GroupMembership.objects.filter(person=person, group__council=council), day).values("group_id")
    leaders = active_on(GroupMembership.objects.filter(group_id__in=groups, is_leader=True), day)
    return [g.person for g in leaders.select_related("person") if g.person_id != person.pk]


def _line_managers_of(council: Council, person: Person | None, day: dt.date) -> list[Person]:
    if person is None:
        return []
    roles = active_on(Role.objects.filter(council=council, person=person, line_manager__isnull=False), day)
    return list(
        {r.line_manager.pk: r.line_manager for r in roles.select_related("line_manager") if r.line_manager}.values()
    )


def _resolve(
    council: Council, recipient: str, complainant: Person, subject: Person | None, day: dt.date, *, intake: bool
) -> list[Person]:
    """The people a recipient or route names in this council today (profile vocabulary)."""
    profile = council.profile
    if recipient in ("head_officer", "complaints_procedure"):
        return role_holders(council, [profile.roles.head_of_paid_service], day)
    if recipient == "personnel_committee":
        return _personnel_seats(council, day, chair_only=intake)
    if recipient in rules.PERSONNEL_ROUTES:
        return _personnel_seats(council, day, chair_only=False)
    if recipient == "group_leader":
        return _group_leaders_of(council, complainant, day)
    if recipient == "line_manager":
        return _line_managers_of(council, subject, day)
    if recipient in ("code_of_conduct_complaint", "whistleblowing_policy"):
        return role_holders(council, [role_kinds.MONITORING_OFFICER], day)
    return role_holders(council, [recipient], day)


def _title(council: Council, recipient: str) -> str:
    profile = council.profile
    if recipient in ("head_officer", "complaints_procedure"):
        return profile.head_officer_title()
    if recipient in rules.PERSONNEL_ROUTES or recipient == "personnel_committee":
        return profile.roles.titles.personnel_committee or "the personnel committee"
    if recipient == "group_leader":
        return profile.roles.titles.group_leader or "your group leader"
    if recipient == "line_manager":
        return "the officer's line manager"
    if recipient in ("code_of_conduct_complaint", "whistleblowing_policy"):
        return profile.principal_council.monitoring_officer_title
    return profile.title_for(recipient)


def connected(council: Council, a: Person, b: Person, day: dt.date) -> bool:
    """Whether a and b have a declared connection (either way round) that is current on ``day``."""
    rows = Connection.objects.filter(council=council, declared_on__lte=day).exclude(ended_on__lt=day)
    if rows.filter(officer=a, member=b).exists() or rows.filter(officer=b, member=a).exists():
        return True
    return declared_connection(council, a, b, day)  # the register of declarations (councildesk.declarations)


def conflict_of(
    council: Council,
    person: Person,
    *,
    subject: Person | None,
    complainant: Person,
    day: dt.date,
    excluded: frozenset[str] = frozenset(),
) -> str | None:
    """Why this person cannot handle the complaint, or None."""
    if subject is not None and person.pk == subject.pk:
        return "the subject of the complaint"
    if person.pk == complainant.pk:
        return "the person who raised it"
    if subject is not None and connected(council, person, subject, day):
        return "personally connected to its subject (a declared connection)"
    if excluded and _kinds_of(council, person, day) & excluded:
        return "barred from handling formal complaints here"
    return None


@dataclass(frozen=True)
class Routed:
    recipient: str
    people: list[Person]
    reason: str  # why it moved from the usual recipient ("" when it did not)


@implements(R.COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_CLERK, R.COMPLAINTS_INFORMAL_RESOLUTION_FIRST)
def route_handlers(
    council: Council,
    recipient: str,
    *,
    complainant: Person,
    subject: Person | None,
    day: dt.date,
    intake: bool,
    excluded: frozenset[str] = frozenset(),
    fallback: bool = True,
) -> Routed:
    """The usual recipient's people, less anyone conflicted; when none is left the complaint moves down the
    fallback list (personnel committee, chair, vice-chair, Monitoring Officer) and the reason is recorded."""
    reasons: list[str] = []
    chain = (recipient, *[f for f in rules.FALLBACK if f != recipient]) if fallback else (recipient,)
    for candidate in chain:
        people = _resolve(council, candidate, complainant, subject, day, intake=intake)
        ok = [
            p
            for p in people
            if not conflict_of(council, p, subject=subject, complainant=complainant, day=day, excluded=excluded)
        ]
        if ok:
            reason = ""
            if reasons:
                reason = f"{'; '.join(reasons)}. It goes to {_title(council, candidate)} instead."
            return Routed(candidate, ok, reason)
        if people:
            why = conflict_of(council, people[0], subject=subject, complainant=complainant, day=day, excluded=excluded)
            reasons.append(f"The usual recipient, {_title(council, candidate)}, is {why}")
        elif candidate == recipient:
            reasons.append(f"Nobody holds the post of {_title(council, candidate)} today")
    return Routed(recipient, [], "; ".join(reasons))


# ---- raising -----------------------------------------------------------------------------------------------------


def _party(m: Membership) -> str | None:
    return rules.party_of(m.kinds - {role_kinds.HOST_ADMIN}, m.head_officer_kind)


@implements(
    R.COMPLAINTS_TIMELY_RESPONSE,
    silent="baseline",
    baseline="every complaint gets a response target on the council's calendar, so none waits unseen",
)
def _targets(council: Council, received: dt.date) -> tuple[dt.date | None, dt.date | None, str]:
    targets = council.profile.targets
    calendar = calendar_for(council)
    ack = targets.enquiry_acknowledgement
    response = targets.complaint_response or targets.enquiry_response
    ack_by = deadline(received, ack.value, ack.unit, calendar).due if ack else None
    respond_by = deadline(received, response.value, response.unit, calendar).due if response else None
    label = describe_period(response.value, response.unit) if response else ""
    return ack_by, respond_by, label


def _check_text(summary: str, details: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not summary.strip():
        problems["summary"] = "Enter a short summary"
    elif len(summary) > 200:
        problems["summary"] = "The summary must be 200 characters or fewer"
    if not details.strip():
        problems["details"] = "Enter what happened"
    elif len(details) > MAX_TEXT:
        problems["details"] = f"Details must be {MAX_TEXT:,} characters or fewer"
    return problems


def complaint_raise(
    *,
    actor: Person,
    council: Council,
    kind: str,
    subject: Person | None,
    summary: str,
    details: str,
    submission_key: str,
) -> tuple[Complaint, bool]:
    """Raise a complaint. Returns (complaint, created): the same submission twice makes one complaint."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    day = m.day
    complainant_party = _party(m)
    if complainant_party is None:
        raise NotFound("That page")
    problems = _check_text(summary, details)
    if kind not in rules.kinds_available(profile, complainant_party):
        problems["kind"] = "Choose what kind of complaint this is"
    subject_party = None
    if subject is not None:
        subject_m = _kinds_of(council, subject, day)
        subject_party = rules.party_of(subject_m, profile.roles.head_of_paid_service)
        if subject_party is None:
            problems["subject"] = f"Choose someone who holds a role at {council.name} today"
        elif subject.pk == actor.pk:
            problems["subject"] = "You cannot make a complaint about yourself"
    if "kind" not in problems and "subject" not in problems:
        problem = rules.subject_party_allowed(kind, complainant_party, subject_party)
        if problem:
            problems["subject"] = problem
    key = (submission_key or "").strip()[:64]
    if not key:
        problems["submission_key"] = "The form expired: submit it again"
    if problems:
        raise ValidationFailed("Check the complaint", problems)
    existing = Complaint.objects.filter(council=council, complainant=actor, submission_key=key).first()
    if existing is not None:
        return existing, False
    triage = rules.triage(profile, kind, complainant_party, subject_party)
    routed = route_handlers(
        council,
        triage.first_recipient,
        complainant=actor,
        subject=subject,
        day=day,
        intake=True,
        fallback=kind != rules.CODE_OF_CONDUCT,  # never handled locally (Localism Act 2011)
    )
    now = clock.now()
    ack_by, respond_by, label = _targets(council, day)
    stage = rules.STAGE_INFORMAL if triage.informal_first else rules.STAGE_FORMAL
    email_to = None
    if not routed.people:
        email_to = (
            profile.principal_council.monitoring_officer_email
            if triage.first_recipient == "monitoring_officer"
            else None
        )
        if email_to is None:
            raise ValidationFailed(
                "Nobody can receive this complaint",
                {
                    "kind": f"Nobody at {council.name} can receive this today ({routed.reason}). Ask the "
                    f"{profile.head_officer_title()} to record who holds the post."
                },
            )
    rule_ids = list(triage.rule_ids)
    try:
        with transaction.atomic():
            complaint = Complaint.objects.create(
                council=council,
                kind=kind,
                stage=stage,
                complainant=actor,
                complainant_party=complainant_party,
                subject=subject,
                subject_party=subject_party or "",
                summary=summary.strip(),
                details=details.strip(),
                first_recipient=routed.recipient,
                formal_route=triage.formal_route,
                route_clause=triage.clause or "",
                route_note=triage.note,
                rule_ids=rule_ids,
                reroute_reason=routed.reason,
                submission_key=key,
                received_on=day,
                acknowledge_by=ack_by,
                respond_by=respond_by,
                response_target=label,
                created_at=now,
            )
            part = (
                Handler.Part.MONITORING_OFFICER
                if triage.first_recipient == "monitoring_officer"
                else Handler.Part.RECIPIENT
            )
            for person in routed.people:
                Handler.objects.create(complaint=complaint, person=person, part=part, added_at=now)
            Step.objects.create(
                complaint=complaint,
                kind=Step.Kind.RECEIVED,
                actor=actor,
                rule_ids=rule_ids,
                created_at=now,
                text=f"Received by {_title(council, routed.recipient)}"
                + (" (informal stage first)" if stage == rules.STAGE_INFORMAL else ""),
            )
            if routed.reason:
                Step.objects.create(
                    complaint=complaint,
                    kind=Step.Kind.REROUTED,
                    actor=None,
                    text=routed.reason,
                    rule_ids=[R.COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_CLERK],
                    created_at=now,
                )
            if email_to:
                _email_referral(complaint, email_to)
            record(
                council=council,
                actor=actor,
                action=events.COMPLAINT_RAISED,
                subject=complaint,
                data={
                    "kind": kind,
                    "stage": stage,
                    "recipient": routed.recipient,
                    "handlers": [p.username for p in routed.people],
                    "rerouted": bool(routed.reason),
                },
                rule_ids=rule_ids,
                content_digest=content_digest(complaint, "summary", "details"),
            )
            _tell(complaint, routed.people, "received", "A confidential complaint has been passed to you")
    except IntegrityError:  # the same submission raced itself: one complaint
        existing = Complaint.objects.filter(council=council, complainant=actor, submission_key=key).first()
        if existing is None:
            raise
        return existing, False
    return complaint, True


def _email_referral(complaint: Complaint, to_address: str) -> None:
    """The Monitoring Officer has no role here: the referral goes by email through the outbox, and is recorded."""
    council = complaint.council
    now = clock.now()
    OutboxEmail.objects.create(
        council=council,
        to_address=to_address,
        subject=f"Code of Conduct allegation referred by {council.name}"[:200],
        body=(
            f"{council.name} has received a formal written allegation that a councillor breached the Code of "
            f"Conduct. Under the Localism Act 2011 it is referred to you in the first instance.\n\n"
            f"Summary: {complaint.summary}\n\n{complaint.details}\n"
        ),
        created_at=now,
        next_attempt_at=now,
    )
    Step.objects.create(
        complaint=complaint,
        kind=Step.Kind.REFERRAL,
        actor=None,
        created_at=now,
        text=f"Referred by email to the {council.profile.principal_council.monitoring_officer_title} of "
        f"{council.profile.principal_council.name} ({to_address}).",
        rule_ids=[R.COMPLAINTS_CODE_OF_CONDUCT_TO_MONITORING_OFFICER],
    )
    record(
        council=council,
        actor=None,
        action=events.COMPLAINT_REFERRED,
        subject=complaint,
        data={"to": to_address},
        rule_ids=[R.COMPLAINTS_CODE_OF_CONDUCT_TO_MONITORING_OFFICER],
    )


def _url(complaint: Complaint) -> str:
    return reverse("complaint", kwargs={"slug": complaint.council.slug, "complaint_id": complaint.pk})


def _tell(complaint: Complaint, people: list[Person], what: str, subject: str) -> None:
    """Notify without content: a complaint's words never leave the product in an email."""
    for person in people:
        notify(
            council=complaint.council,
            recipient=person,
            kind="complaint",
            subject=subject,
            body="Sign in to read it. It is confidential to the people handling it.",
            url=_url(complaint),
            dedupe_key=f"complaint:{complaint.pk}:{what}:{person.pk}",
        )


# ---- opening ----------------------------------------------------------------------------------------------------


@implements(
    R.COMPLAINTS_CONFIDENTIAL_HANDLING,
    silent="baseline",
    baseline="complaints are the most sensitive records the product holds: only their handlers and the person who "
    "raised them see them",
)
def complaint_open(*, actor: Person, council: Council, pk: int, via: str = "page") -> Complaint:
    """Open a complaint (handlers and the complainant only; everyone else: NotFound) and log the opening."""
    m = membership_for(actor, council.slug)
    complaint = complaint_get_for(m, pk)
    with transaction.atomic():
        ComplaintOpening.objects.create(complaint=complaint, person=actor, via=via, opened_at=clock.now())
        record(
            council=council,
            actor=actor,
            action=events.COMPLAINT_OPENED,
            subject=complaint,
            data={"via": via},
            rule_ids=[R.COMPLAINTS_CONFIDENTIAL_HANDLING],
        )
    return complaint


def _locked(m: Membership, pk: int) -> Complaint:
    complaint = complaint_get_for(m, pk)
    return (
        Complaint.objects.select_for_update(of=("self",)).select_related("complainant", "subject").get(pk=complaint.pk)
    )


def _require_handler(m: Membership, complaint: Complaint) -> None:
    if not is_handler(m, complaint):
        raise NotFound("That complaint")


def _require_open(complaint: Complaint) -> None:
    if complaint.stage == rules.STAGE_CLOSED:
        raise ValidationFailed("This complaint is closed", {"reasons": "This complaint is closed"})


# ---- the informal step and the formal route ------------------------------------------------------------------------


@implements(R.COMPLAINTS_INFORMAL_ATTEMPT_BEFORE_CODE_ALLEGATION)
def complaint_informal(*, actor: Person, council: Council, pk: int, resolved: bool, note: str) -> Complaint:
    """Record the informal step (e.g. 002 6.1's discussion with the Group Chair, 001 7.1's conciliation)."""
    m = membership_for(actor, council.slug)
    if not note.strip():
        raise ValidationFailed("Say what happened", {"note": "Say what the informal step was and how it went"})
    with transaction.atomic():
        complaint = _locked(m, pk)
        _require_open(complaint)
        if complaint.kind == rules.CODE_OF_CONDUCT:
            raise ProtocolViolation(
                reason="A formal written Code of Conduct allegation is not resolved informally here: it is for the "
                "Monitoring Officer of the principal council in the first instance.",
                citations=council.profile.cite(
                    R.COMPLAINTS_INFORMAL_ATTEMPT_BEFORE_CODE_ALLEGATION,
                    R.COMPLAINTS_CODE_OF_CONDUCT_TO_MONITORING_OFFICER,
                ),
            )
        if complaint.stage != rules.STAGE_INFORMAL:
            raise ValidationFailed("The formal route is already open", {"note": "The formal route is already open"})
        now = clock.now()
        text = ("Resolved informally: " if resolved else "Not resolved informally: ") + note.strip()[:MAX_TEXT]
        Step.objects.create(
            complaint=complaint,
            kind=Step.Kind.INFORMAL,
            actor=actor,
            text=text,
            created_at=now,
            rule_ids=[R.COMPLAINTS_INFORMAL_RESOLUTION_FIRST],
        )
        if resolved:
            complaint.stage = rules.STAGE_CLOSED
            complaint.closed_at = now
            complaint.save(update_fields=["stage", "closed_at"])
        record(
            council=council,
            actor=actor,
            action=events.COMPLAINT_INFORMAL_RECORDED,
            subject=complaint,
            data={"resolved": resolved},
            rule_ids=[R.COMPLAINTS_INFORMAL_RESOLUTION_FIRST],
        )
    return complaint


@implements(
    R.COMPLAINTS_FORMAL_COMPLAINT_FORM_TO_CHIEF_EXECUTIVE,
    R.COMPLAINTS_DISCIPLINARY_ESCALATION,
    R.COMPLAINTS_COUNCILLOR_ESCALATION_TO_TOWN_CLERK,
)
def complaint_formalise(*, actor: Person, council: Council, pk: int, reason: str, bypass: bool = False) -> Complaint:
    """Open the formal route. Where the protocol puts an informal step first, it must be recorded first, unless
    the person says why it is plainly inappropriate (e.g. 004 15.3: the concern is serious)."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    if not reason.strip():
        raise ValidationFailed("Give a reason", {"reason": "Say why the formal route is needed"})
    with transaction.atomic():
        complaint = _locked(m, pk)
        _require_open(complaint)
        if complaint.stage != rules.STAGE_INFORMAL:
            raise ValidationFailed("The formal route is already open", {"reason": "The formal route is already open"})
        informal_done = complaint.steps.filter(kind=Step.Kind.INFORMAL).exists()
        if not informal_done and not bypass:
            raise ProtocolViolation(
                reason="Record the informal step first, or say why it is plainly inappropriate (for example, "
                "because the concern is serious).",
                citations=profile.cite(R.COMPLAINTS_INFORMAL_RESOLUTION_FIRST),
            )
        excluded = rules.excluded_kinds(profile, rules.STAGE_FORMAL)
        routed = route_handlers(
            council,
            complaint.formal_route,
            complainant=complaint.complainant,
            subject=complaint.subject,
            day=m.day,
            intake=False,
            excluded=excluded,
        )
        if not routed.people:
            raise ValidationFailed(
                "Nobody can hear it", {"reason": f"Nobody can hear the formal complaint today ({routed.reason})."}
            )
        now = clock.now()
        Handler.objects.filter(complaint=complaint, active=True).update(active=False)
        for person in routed.people:
            Handler.objects.create(complaint=complaint, person=person, part=Handler.Part.FORMAL, added_at=now)
        complaint.stage = rules.STAGE_FORMAL
        complaint.save(update_fields=["stage"])
        rule_ids = [r for r in complaint.rule_ids if r != R.COMPLAINTS_INFORMAL_RESOLUTION_FIRST]
        Step.objects.create(
            complaint=complaint,
            kind=Step.Kind.FORMAL,
            actor=actor,
            created_at=now,
            rule_ids=rule_ids,
            text=f"Formal route opened with {_title(council, routed.recipient)}"
            + (" without an informal step: " if not informal_done else ": ")
            + reason.strip()[:MAX_TEXT],
        )
        if routed.reason:
            Step.objects.create(
                complaint=complaint,
                kind=Step.Kind.REROUTED,
                actor=None,
                text=routed.reason,
                created_at=now,
                rule_ids=[R.COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_CLERK],
            )
        record(
            council=council,
            actor=actor,
            action=events.COMPLAINT_FORMALISED,
            subject=complaint,
            data={"handlers": [p.username for p in routed.people], "bypass": not informal_done},
            rule_ids=rule_ids,
        )
        _tell(complaint, routed.people, "formal", "A confidential formal complaint has been passed to you")
    return complaint


# ---- mediation, panel, decision -------------------------------------------------------------------------------------


@implements(R.COMPLAINTS_MEDIATION_AND_INDEPENDENT_ADVICE)
def complaint_mediation(*, actor: Person, council: Council, pk: int, mediator: str, note: str) -> Complaint:
    m = membership_for(actor, council.slug)
    mediators = council.profile.complaints.mediators
    problems = {}
    if mediator not in mediators:
        problems["mediator"] = "Choose one of the mediators your council's protocol names"
    if not note.strip():
        problems["note"] = "Say what was asked of them"
    if problems:
        raise ValidationFailed("Check the referral", problems)
    with transaction.atomic():
        complaint = _locked(m, pk)
        _require_handler(m, complaint)
        _require_open(complaint)
        Step.objects.create(
            complaint=complaint,
            kind=Step.Kind.MEDIATION,
            actor=actor,
            created_at=clock.now(),
            text=f"{mediator}: {note.strip()[:MAX_TEXT]}",
            rule_ids=[R.COMPLAINTS_MEDIATION_AND_INDEPENDENT_ADVICE],
        )
        record(
            council=council,
            actor=actor,
            action=events.COMPLAINT_MEDIATION_RECORDED,
            subject=complaint,
            data={"mediator": mediator},
            rule_ids=[R.COMPLAINTS_MEDIATION_AND_INDEPENDENT_ADVICE],
        )
    return complaint


def panel_candidates(council: Council, day: dt.date) -> list[Person]:
    """Current members of the council, by name."""
    return role_holders(council, sorted(role_kinds.MEMBER_KINDS), day)


@implements(
    R.COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED,
    silent="baseline",
    baseline="the council's profile fixes the size of its personnel body",
)
def panel_constitute(*, actor: Person, council: Council, pk: int, members: list[Person]) -> Complaint:
    """Constitute the panel that hears a personnel matter: the profile's size, and nobody conflicted."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    members = list({p.pk: p for p in members}.values())
    with transaction.atomic():
        complaint = _locked(m, pk)
        _require_handler(m, complaint)
        _require_open(complaint)
        eligible = {p.pk for p in panel_candidates(council, m.day)}
        problems: list[str] = []
        for person in members:
            if person.pk not in eligible:
                problems.append(f"{person} is not a current member of {council.name}.")
                continue
            why = conflict_of(
                council,
                person,
                subject=complaint.subject,
                complainant=complaint.complainant,
                day=m.day,
                excluded=rules.excluded_kinds(profile, complaint.stage),
            )
            if why:
                problems.append(f"{person} cannot sit: they are {why}.")
        if problems:
            raise ValidationFailed("Check the panel", {"members": " ".join(problems)})
        size_problem = rules.panel_size_problem(profile, len(members))
        if size_problem:
            raise ProtocolViolation(
                reason=size_problem,
                citations=profile.cite(R.COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED, R.COMPLAINTS_CHAIR_NOT_SOLE_HANDLER),
            )
        now = clock.now()
        Handler.objects.filter(complaint=complaint, part=Handler.Part.PANEL, active=True).update(active=False)
        for person in members:
            Handler.objects.create(complaint=complaint, person=person, part=Handler.Part.PANEL, added_at=now)
        names = ", ".join(str(p) for p in members)
        Step.objects.create(
            complaint=complaint,
            kind=Step.Kind.PANEL,
            actor=actor,
            created_at=now,
            text=f"Panel: {names}.",
            rule_ids=[R.COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED],
        )
        record(
            council=council,
            actor=actor,
            action=events.COMPLAINT_PANEL_CONSTITUTED,
            subject=complaint,
            data={"members": [p.username for p in members]},
            rule_ids=[R.COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED],
        )
        _tell(complaint, members, f"panel{now.timestamp():.0f}", "You are on a panel hearing a confidential complaint")
    return complaint


@implements(
    R.COMPLAINTS_CHAIR_NOT_SOLE_HANDLER,
    silent="baseline",
    baseline="no single member resolves a grievance or a concern about staff: a panel of members does",
)
def _member_may_decide(council: Council, complaint: Complaint, m: Membership) -> None:
    """A member decides a personnel matter only as one of a constituted panel (000 Officer/Clerks ¶1; 001 7.2)."""
    if not rules.is_personnel_matter(complaint.kind, complaint.formal_route) or not m.is_member:
        return
    if m.kinds & role_kinds.OFFICER_KINDS:
        return
    on_panel = Handler.objects.filter(complaint=complaint, part=Handler.Part.PANEL, active=True)
    if not on_panel.filter(person=m.person).exists():
        raise ProtocolViolation(
            reason="A personnel matter is decided by a panel of members, never by one member alone: constitute the "
            "panel first.",
            citations=council.profile.cite(
                R.COMPLAINTS_CHAIR_NOT_SOLE_HANDLER, R.COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED
            ),
        )


@implements(
    R.COMPLAINTS_HANDLING_DECISION_RECORDED,
    silent="baseline",
    baseline="every decision the product records carries its reasons",
)
def complaint_decide(
    *, actor: Person, council: Council, pk: int, decision: str, reasons: str, close: bool
) -> Complaint:
    """Record a handling decision with its reasons; closing a complaint is always such a decision."""
    m = membership_for(actor, council.slug)
    problems = {}
    if not decision.strip():
        problems["decision"] = "Say what was decided"
    if not reasons.strip():
        problems["reasons"] = "Give the reasons for the decision"
    if problems:
        raise ValidationFailed("Check the decision", problems)
    with transaction.atomic():
        complaint = _locked(m, pk)
        _require_handler(m, complaint)
        _require_open(complaint)
        _member_may_decide(council, complaint, m)
        now = clock.now()
        Step.objects.create(
            complaint=complaint,
            kind=Step.Kind.DECISION,
            actor=actor,
            created_at=now,
            text=f"{decision.strip()[:MAX_TEXT]}\nReasons: {reasons.strip()[:MAX_TEXT]}",
            rule_ids=[R.COMPLAINTS_HANDLING_DECISION_RECORDED],
        )
        if close:
            complaint.stage = rules.STAGE_CLOSED
            complaint.closed_at = now
            complaint.save(update_fields=["stage", "closed_at"])
            Step.objects.create(complaint=complaint, kind=Step.Kind.CLOSED, actor=actor, created_at=now)
        record(
            council=council,
            actor=actor,
            action=events.COMPLAINT_CLOSED if close else events.COMPLAINT_DECIDED,
            subject=complaint,
            data={"closed": close},
            rule_ids=[R.COMPLAINTS_HANDLING_DECISION_RECORDED],
        )
        _tell(
            complaint,
            [complaint.complainant],
            f"decision{now.timestamp():.0f}",
            "A decision was recorded on your complaint",
        )
    return complaint


# ---- declared connections ---------------------------------------------------------------------------------------


def connection_declare(
    *, actor: Person | None, council: Council, officer: Person, member: Person, nature: str, day: dt.date
) -> Connection:
    if nature not in Connection.Nature.values:
        raise ValidationFailed("Choose the kind of connection", {"nature": "Choose family, business or social"})
    with transaction.atomic():
        row = Connection.objects.create(council=council, officer=officer, member=member, nature=nature, declared_on=day)
        record(
            council=council,
            actor=actor,
            action=events.CONNECTION_DECLARED,
            subject=row,
            data={"officer": officer.username, "member": member.username, "nature": nature},
        )
    return row


@dataclass(frozen=True)
class CriticismCheck:
    flagged: list[str]
    citations: list[Citation]
    route: str  # where to take the concern instead


def public_text_check(*, actor: Person, council: Council, text: str) -> CriticismCheck:
    """Check text meant for the public, the press or a third party for criticism of an officer's conduct or
    capability. Flags each sentence with the council's clause and offers the private complaint route instead."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    if not profile.adopts(R.COMPLAINTS_NO_PUBLIC_CRITICISM_OF_OFFICERS):
        return CriticismCheck([], [], "")
    officers = role_holders(council, sorted(role_kinds.OFFICER_KINDS - {role_kinds.MONITORING_OFFICER}), m.day)
    words: list[str] = []
    for p in officers:
        words += [p.get_full_name(), p.last_name]
    titles = {profile.title_for(k) for k in role_kinds.OFFICER_KINDS if profile.has_role(k)}
    words += [*sorted(titles), "officer", "officers", "staff"]
    flagged = rules.public_criticism(text[:MAX_TEXT], words)
    route = reverse("complaint_new", kwargs={"slug": council.slug}) if flagged else ""
    return CriticismCheck(flagged, profile.cite(R.COMPLAINTS_NO_PUBLIC_CRITICISM_OF_OFFICERS) if flagged else [], route)
