"""Writes for declared connections and appointment panels. Each is gate -> rule check -> write -> audit, in one
transaction. The written notice goes to the Monitoring Officer through the outbox (in the app and by email); the
head officer is told, without content, that the register has a new entry.

``recusal_check`` is the register's refusal for other apps: a member with a declared connection to an officer never
sits on a body, or takes part in a decision, that directly affects that officer (004 4.4), appointments included.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse

from councildesk.audit.content import content_digest
from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.dates import long_date
from councildesk.core.errors import Citation, NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council
from councildesk.notifications.models import OutboxEmail
from councildesk.notifications.services import notify
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Person, Role, active_on
from councildesk.people.selectors import role_holders

from . import events, rules
from .models import (
    Appointment,
    Candidate,
    CanvassingReport,
    Declaration,
    DeclarationOpening,
    InformationRelease,
    PanelSeat,
    Score,
)
from .selectors import appointment_get_for, declaration_get_for, declared_connection, sees_register

MAX_TEXT = 10_000
REGISTER_RULES = (
    R.DECLARATIONS_OFFICER_CONNECTION_TO_MONITORING_OFFICER,
    R.DECLARATIONS_INFLUENCING_RELATIONSHIP_TO_MONITORING_OFFICER,
    R.DECLARATIONS_OPENNESS_ABOUT_RELATIONSHIPS,
)


def _kinds_of(council: Council, person: Person, day: dt.date) -> frozenset[str]:
    return frozenset(active_on(Role.objects.filter(council=council, person=person), day).values_list("kind", flat=True))


def _rules_for(nature: str, declarer_side: str) -> list[str]:
    """The rules a declaration is made under: 002 5.7 is the officer's written notice of a family, business or
    social connection; 002 5.4(xv)/5.5(xi) cover any influencing relationship, from either side; 004 4.4 asks both
    to be open about their relationships."""
    ids: list[str] = [
        R.DECLARATIONS_OPENNESS_ABOUT_RELATIONSHIPS,
        R.DECLARATIONS_INFLUENCING_RELATIONSHIP_TO_MONITORING_OFFICER,
    ]
    if declarer_side == "officer" and nature != rules.INFLUENCE:
        ids.insert(0, R.DECLARATIONS_OFFICER_CONNECTION_TO_MONITORING_OFFICER)
    return ids


@implements(R.DECLARATIONS_CONNECTION_RISK_GUIDANCE)
def guidance(council: Council) -> tuple[str, list[Citation]]:
    """The guidance shown on the declaration form, with the council's clause where it has one (002 5.8; 004 4.3)."""
    text = (
        "Close personal familiarity, or a family or business connection, between a councillor and an officer can "
        "damage the working relationship and undermine trust. Declaring it protects you both."
    )
    profile = council.profile
    return text, profile.cite(R.DECLARATIONS_CONNECTION_RISK_GUIDANCE)


def counterparts(m: Membership) -> list[Person]:
    """Who the actor can declare a connection with: councillors for an officer, officers for a councillor."""
    wanted: set[str] = set()
    if m.kinds & role_kinds.OFFICER_KINDS:
        wanted |= role_kinds.MEMBER_KINDS
    if m.kinds & role_kinds.MEMBER_KINDS:
        wanted |= role_kinds.OFFICER_KINDS - {role_kinds.MONITORING_OFFICER}
    return [p for p in role_holders(m.council, sorted(wanted), m.day) if p.pk != m.person.pk]


@implements(
    *REGISTER_RULES,
    silent="baseline",
    baseline="every council keeps a register of connections between officers and councillors, notified in writing "
    "to the Monitoring Officer, so that conflict checks can use it",
)
def declaration_make(
    *,
    actor: Person,
    council: Council,
    counterpart: Person | None,
    nature: str,
    details: str,
    submission_key: str,
) -> tuple[Declaration, bool]:
    """Declare a connection with a councillor (as an officer) or an officer (as a councillor). Returns
    (declaration, created): the same submission twice makes one declaration."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    day = m.day
    problems: dict[str, str] = {}
    if nature not in rules.NATURE_LABELS:
        problems["nature"] = "Choose the kind of connection"
    if len(details) > rules.MAX_DETAILS:
        problems["details"] = f"Details must be {rules.MAX_DETAILS:,} characters or fewer"
    side: tuple[str, str] | str = ""
    if counterpart is None:
        problems["counterpart"] = "Choose the person you are connected to"
    elif counterpart.pk == actor.pk:
        problems["counterpart"] = "Choose someone else: a declaration is between two people"
    else:
        theirs = _kinds_of(council, counterpart, day)
        mine = m.kinds - {role_kinds.HOST_ADMIN}
        side = rules.sides(
            declarer_officer=role_kinds.is_officer(mine - {role_kinds.MONITORING_OFFICER}),
            declarer_member=role_kinds.is_member(mine),
            other_officer=role_kinds.is_officer(theirs - {role_kinds.MONITORING_OFFICER}),
            other_member=role_kinds.is_member(theirs),
        )
        if not theirs:
            problems["counterpart"] = f"Choose someone who holds a role at {council.name} today"
        elif isinstance(side, str):
            problems["counterpart"] = side
    key = (submission_key or "").strip()[:64]
    if not key:
        problems["submission_key"] = "The form expired: submit it again"
    if problems:
        raise ValidationFailed("Check the declaration", problems)
    assert counterpart is not None
    assert isinstance(side, tuple)
    existing = Declaration.objects.filter(council=council, declarer=actor, submission_key=key).first()
    if existing is not None:
        return existing, False
    officer, member = (actor, counterpart) if side[0] == "officer" else (counterpart, actor)
    rule_ids = _rules_for(nature, side[0])
    mos = role_holders(council, [role_kinds.MONITORING_OFFICER], day)
    mo_title = profile.roles.titles.monitoring_officer or "Monitoring Officer"
    email_to = profile.principal_council.monitoring_officer_email if not mos else None
    clause = next((profile.clause(r) for r in rule_ids if profile.adopts(r)), None)
    text = rules.letter(
        council_name=council.name,
        date_text=long_date(day),
        to_title=mo_title,
        declarer_name=actor.get_full_name() or actor.username,
        declarer_capacity=", ".join(m.titles()) or "member of staff",
        officer_name=officer.get_full_name() or officer.username,
        member_name=member.get_full_name() or member.username,
        nature_label=rules.NATURE_LABELS[nature],
        details=details[: rules.MAX_DETAILS],
        clause_text=f"clause {clause} of the {council.name} protocol" if clause else "",
    )
    sent_to = [str(p) for p in mos] or ([email_to] if email_to else [])
    heads = [p for p in role_holders(council, [profile.roles.head_of_paid_service], day) if p.pk != actor.pk]
    if not sent_to:
        sent_to = [f"the {profile.head_officer_title()} (no {mo_title} is recorded)"]
    try:
        with transaction.atomic():
            row = Declaration.objects.create(
                council=council,
                declarer=actor,
                officer=officer,
                member=member,
                nature=nature,
                details=details.strip()[: rules.MAX_DETAILS],
                declared_on=day,
                letter=text,
                sent_to="; ".join(sent_to)[:300],
                submission_key=key,
                created_at=clock.now(),
            )
            url = reverse("declaration", kwargs={"slug": council.slug, "declaration_id": row.pk})
            for mo in mos:
                notify(
                    council=council,
                    recipient=mo,
                    kind="declaration",
                    subject=f"Declaration of a connection: {officer} and {member}",
                    body=text,
                    url=url,
                    dedupe_key=f"declaration:{row.pk}:mo:{mo.pk}",
                )
            if email_to:
                now = clock.now()
                OutboxEmail.objects.create(
                    council=council,
                    to_address=email_to,
                    subject=f"Declaration of a connection at {council.name}"[:200],
                    body=text,
                    created_at=now,
                    next_attempt_at=now,
                )
            for head in heads:
                notify(
                    council=council,
                    recipient=head,
                    kind="declaration",
                    subject="A connection was added to the register of declarations",
                    body="Sign in to read it. It is seen only by the declarer, the Monitoring Officer and you.",
                    url=url,
                    dedupe_key=f"declaration:{row.pk}:head:{head.pk}",
                    email=False,
                )
            record(
                council=council,
                actor=actor,
                action=events.DECLARATION_MADE,
                subject=row,
                data={"nature": nature, "sent_to": sent_to, "emailed": bool(email_to)},
                rule_ids=rule_ids,
                content_digest=content_digest(row, "details", "letter"),
            )
    except IntegrityError:  # the same submission raced itself: one declaration
        existing = Declaration.objects.filter(council=council, declarer=actor, submission_key=key).first()
        if existing is None:
            raise
        return existing, False
    return row, True


def declaration_open(*, actor: Person, council: Council, pk: int, via: str = "page") -> Declaration:
    """Open a declaration (the declarer, the Monitoring Officer, the head officer; anyone else NotFound), logged."""
    m = membership_for(actor, council.slug)
    row = declaration_get_for(m, pk)
    with transaction.atomic():
        DeclarationOpening.objects.create(declaration=row, person=actor, via=via, opened_at=clock.now())
        record(
            council=council,
            actor=actor,
            action=events.DECLARATION_OPENED,
            subject=row,
            data={"via": via},
            rule_ids=[R.DECLARATIONS_OPENNESS_ABOUT_RELATIONSHIPS],
        )
    return row


def declaration_end(*, actor: Person, council: Council, pk: int, reason: str) -> Declaration:
    """End a connection that no longer exists (the declarer or the Monitoring Officer), with the reason."""
    m = membership_for(actor, council.slug)
    row = declaration_get_for(m, pk)
    if row.declarer_id != actor.pk and role_kinds.MONITORING_OFFICER not in m.kinds:
        raise (
            NotFound("That declaration")
            if not sees_register(m)
            else ProtocolViolation(
                reason="Only the person who made the declaration, or the Monitoring Officer, can end it.",
                citations=council.profile.cite(*REGISTER_RULES),
            )
        )
    if not reason.strip():
        raise ValidationFailed("Give a reason", {"reason": "Say why the connection has ended"})
    if row.ended_on is not None:
        raise ValidationFailed("Already ended", {"reason": f"This connection ended on {long_date(row.ended_on)}"})
    with transaction.atomic():
        row.ended_on = m.day
        row.ended_reason = reason.strip()[:MAX_TEXT]
        row.save(update_fields=["ended_on", "ended_reason"])
        record(
            council=council,
            actor=actor,
            action=events.DECLARATION_ENDED,
            subject=row,
            data={"reason": row.ended_reason},
            rule_ids=list(REGISTER_RULES),
        )
    return row


@implements(
    R.DECLARATIONS_MEMBER_RECUSAL_FOR_CONNECTED_OFFICER,
    silent="baseline",
    baseline="a member with a declared connection to an officer never decides a matter that personally affects "
    "that officer",
)
def recusal_check(council: Council, member: Person, officer: Person, day: dt.date, *, matter: str) -> None:
    """Refuse, citing the council's clause, when ``member`` has a declared connection to ``officer``."""
    if declared_connection(council, member, officer, day):
        raise ProtocolViolation(
            reason=f"{member} cannot take part in {matter}: they have a declared personal connection with an "
            "officer it directly affects.",
            citations=council.profile.cite(R.DECLARATIONS_MEMBER_RECUSAL_FOR_CONNECTED_OFFICER),
        )


# ---- appointment panels ------------------------------------------------------------------------------------------


def _appointment_url(a: Appointment) -> str:
    return reverse("api:appointment_detail", kwargs={"slug": a.council.slug, "appointment_id": a.pk})


@implements(
    R.EMPLOYMENT_COUNCIL_AS_WHOLE_IS_EMPLOYER,
    silent="baseline",
    baseline="staff are employed by the council as a whole: no individual member sets up an appointment",
)
def _require_employer_side(council: Council, m: Membership) -> None:
    if not m.is_head_officer:
        raise ProtocolViolation(
            reason=f"Appointments are set up by the {council.profile.head_officer_title()} for the council as a "
            "whole, never by an individual member.",
            citations=council.profile.cite(R.EMPLOYMENT_COUNCIL_AS_WHOLE_IS_EMPLOYER),
        )


@implements(
    R.EMPLOYMENT_APPOINTMENT_ON_MERIT,
    silent="baseline",
    baseline="appointments to the council's staff are made on merit against criteria published beforehand",
)
def appointment_create(
    *, actor: Person, council: Council, post: str, criteria: str, specified_post: bool = True
) -> Appointment:
    m = membership_for(actor, council.slug)
    _require_employer_side(council, m)
    listed = rules.criteria_from_text(criteria)
    problems: dict[str, str] = {}
    if not post.strip():
        problems["post"] = "Enter the post"
    if not listed:
        problems["criteria"] = "Publish the merit criteria, one a line: merit is the sole criterion"
    if problems:
        raise ValidationFailed("Check the appointment", problems)
    with transaction.atomic():
        a = Appointment.objects.create(
            council=council,
            post=post.strip()[:200],
            criteria=listed,
            specified_post=specified_post,
            created_by=actor,
            created_at=clock.now(),
        )
        record(
            council=council,
            actor=actor,
            action=events.APPOINTMENT_CREATED,
            subject=a,
            data={"post": a.post, "criteria": listed},
            rule_ids=[R.EMPLOYMENT_APPOINTMENT_ON_MERIT],
        )
    return a


def candidate_add(*, actor: Person, council: Council, pk: int, name: str, person: Person | None = None) -> Candidate:
    """Add a candidate; an internal candidate already on staff is linked, so the register's conflict check sees
    them. A seated member connected to them must stand down first."""
    m = membership_for(actor, council.slug)
    _require_employer_side(council, m)
    if not name.strip() and person is None:
        raise ValidationFailed("Check the candidate", {"name": "Enter the candidate's name"})
    with transaction.atomic():
        a = Appointment.objects.select_for_update().get(pk=appointment_get_for(m, pk).pk)
        if person is not None:
            for seat in a.seats.select_related("member"):
                recusal_check(council, seat.member, person, m.day, matter=f"the appointment to {a.post}")
        c = Candidate.objects.create(
            appointment=a, name=(name.strip() or str(person))[:200], person=person, added_at=clock.now()
        )
        record(
            council=council, actor=actor, action=events.APPOINTMENT_CANDIDATE_ADDED, subject=a, data={"candidate": c.pk}
        )
    return c


@implements(R.EMPLOYMENT_MEMBER_HR_ROLE_LIMITED)
def _require_members_role(council: Council, a: Appointment) -> None:
    """Members' part in employment is limited to appointing the posts the council specifies, setting HR policies
    and conditions, and hearing appeals (004 5.2): a member never sits on the appointment to any other post."""
    profile = council.profile
    if profile.adopts(R.EMPLOYMENT_MEMBER_HR_ROLE_LIMITED) and not a.specified_post:
        raise ProtocolViolation(
            reason=f"Members do not take part in the appointment to {a.post}: the council has not specified it for "
            "appointment by members. Officers make this appointment.",
            citations=profile.cite(R.EMPLOYMENT_MEMBER_HR_ROLE_LIMITED),
        )


@implements(
    R.EMPLOYMENT_APPOINTMENT_NO_CANVASSING,
    R.EMPLOYMENT_APPOINTMENT_RECUSAL_FRIEND_OR_RELATIVE,
    silent="baseline",
    baseline="a member who canvasses for a candidate, or has a close friend or relative among them, never sits on "
    "the appointment panel",
)
def seat_take(
    *, actor: Person, council: Council, pk: int, no_canvassing: bool, no_friend_or_relative: bool
) -> PanelSeat:
    """A member takes a seat on an appointment panel: they declare that they have not canvassed and will not, and
    that no candidate is a close friend or relative; a declared connection with a candidate bars them too."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    if not m.is_member:
        raise NotFound("That appointment")
    a = appointment_get_for(m, pk)
    _require_members_role(council, a)
    if not no_canvassing:
        raise ProtocolViolation(
            reason="Declare that you have not canvassed, and will not canvass, support for any candidate before you "
            "take a seat.",
            citations=profile.cite(R.EMPLOYMENT_APPOINTMENT_NO_CANVASSING),
        )
    if not no_friend_or_relative:
        raise ProtocolViolation(
            reason="You cannot take part in this appointment: one of the candidates is a close friend or relative.",
            citations=profile.cite(R.EMPLOYMENT_APPOINTMENT_RECUSAL_FRIEND_OR_RELATIVE),
        )
    with transaction.atomic():
        a = Appointment.objects.select_for_update().get(pk=a.pk)
        for cand in a.candidates.filter(person__isnull=False).select_related("person"):
            if declared_connection(council, actor, cand.person, m.day):  # type: ignore[arg-type]
                raise ProtocolViolation(
                    reason="You cannot take part in this appointment: you have a declared connection with one of "
                    "the candidates.",
                    citations=profile.cite(
                        R.EMPLOYMENT_APPOINTMENT_RECUSAL_FRIEND_OR_RELATIVE,
                        R.DECLARATIONS_MEMBER_RECUSAL_FOR_CONNECTED_OFFICER,
                    ),
                )
        existing = PanelSeat.objects.filter(appointment=a, member=actor).first()
        if existing is not None:
            return existing
        now = clock.now()
        seat = PanelSeat.objects.create(
            appointment=a, member=actor, no_canvassing_declared_at=now, no_friend_or_relative_declared_at=now
        )
        record(
            council=council,
            actor=actor,
            action=events.APPOINTMENT_SEAT_TAKEN,
            subject=a,
            data={"member": actor.username, "no_canvassing": True, "no_friend_or_relative": True},
            rule_ids=[R.EMPLOYMENT_APPOINTMENT_NO_CANVASSING, R.EMPLOYMENT_APPOINTMENT_RECUSAL_FRIEND_OR_RELATIVE],
        )
    return seat


def score_record(
    *, actor: Person, council: Council, pk: int, candidate_id: int, criterion: str, score: int, justification: str
) -> Score:
    """A seated panel member scores a candidate against one published criterion, with a justification."""
    m = membership_for(actor, council.slug)
    a = appointment_get_for(m, pk)
    seat = PanelSeat.objects.filter(appointment=a, member=actor).first()
    candidate = a.candidates.filter(pk=candidate_id).first()
    if seat is None or candidate is None:
        raise NotFound("That candidate")
    problem = rules.score_problem(score, justification, list(a.criteria), criterion)
    if problem:
        raise ProtocolViolation(reason=problem, citations=council.profile.cite(R.EMPLOYMENT_APPOINTMENT_ON_MERIT))
    with transaction.atomic():
        row, _ = Score.objects.update_or_create(
            seat=seat,
            candidate=candidate,
            criterion=criterion,
            defaults={"score": score, "justification": justification.strip()[:MAX_TEXT], "scored_at": clock.now()},
        )
        record(
            council=council,
            actor=actor,
            action=events.APPOINTMENT_SCORED,
            subject=a,
            data={"candidate": candidate.pk, "criterion": criterion, "score": score},
            rule_ids=[R.EMPLOYMENT_APPOINTMENT_ON_MERIT],
        )
    return row


@implements(
    R.EMPLOYMENT_APPOINTMENT_EQUAL_INFORMATION,
    silent="baseline",
    baseline="information given to one candidate is given to every candidate",
)
def information_release(*, actor: Person, council: Council, pk: int, text: str) -> InformationRelease:
    """Information about the post is given to every candidate at once: there is no way to give it to one."""
    m = membership_for(actor, council.slug)
    a = appointment_get_for(m, pk)
    if not m.is_head_officer and not PanelSeat.objects.filter(appointment=a, member=actor).exists():
        raise NotFound("That appointment")
    if not text.strip():
        raise ValidationFailed("Check the information", {"text": "Enter the information to give the candidates"})
    with transaction.atomic():
        release = InformationRelease.objects.create(
            appointment=a, given_by=actor, text=text.strip()[:MAX_TEXT], released_at=clock.now()
        )
        everyone = list(a.candidates.all())
        release.candidates.set(everyone)
        record(
            council=council,
            actor=actor,
            action=events.APPOINTMENT_INFORMATION_RELEASED,
            subject=a,
            data={"candidates": [c.pk for c in everyone]},
            rule_ids=[R.EMPLOYMENT_APPOINTMENT_EQUAL_INFORMATION],
        )
    return release


def canvassing_report(*, actor: Person, council: Council, pk: int, text: str) -> CanvassingReport:
    """Log a reported attempt to canvass for a candidate; the head officer and the Monitoring Officer are told."""
    m = membership_for(actor, council.slug)
    a = appointment_get_for(m, pk)
    if not text.strip():
        raise ValidationFailed("Check the report", {"text": "Say who canvassed, for whom, and when"})
    with transaction.atomic():
        row = CanvassingReport.objects.create(
            appointment=a, reported_by=actor, text=text.strip()[:MAX_TEXT], reported_at=clock.now()
        )
        kinds = [council.profile.roles.head_of_paid_service, role_kinds.MONITORING_OFFICER]
        for person in role_holders(council, kinds, m.day):
            notify(
                council=council,
                recipient=person,
                kind="appointment",
                subject=f"Canvassing reported on the appointment to {a.post}",
                body="Sign in to read the report.",
                url=_appointment_url(a),
                dedupe_key=f"canvassing:{row.pk}:{person.pk}",
            )
        record(
            council=council,
            actor=actor,
            action=events.APPOINTMENT_CANVASSING_REPORTED,
            subject=a,
            data={"report": row.pk},
            rule_ids=[R.EMPLOYMENT_APPOINTMENT_NO_CANVASSING],
        )
    return row
