"""Writes for the scheme of delegation and the register of delegated decisions. Each is gate -> rule check -> write
-> audit, in one transaction.

A decision is the officer's: the scheme entry it relies on must be held by that officer (by post or by name), a
councillor (the chair included) never records one, and where the entry is exercised in consultation with the chair
the chair is recorded as the one consulted, never as the decider (004 7.4). Every councillor is told of each
decision, in the app and by email (002 3.7). A decision is implemented only once the minute or resolution that
properly approves it is recorded (000 Officer/Clerks ¶4 •1; 002 2.2; 004 3.3).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.dates import long_date
from councildesk.core.errors import ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Committee, CommitteeSeat, Person, active_on
from councildesk.people.selectors import role_holders

from . import events, rules
from .models import Authority, Decision
from .selectors import decision_get_for

RECORD_RULES = (
    R.DELEGATION_OFFICERS_WITHIN_DELEGATED_AUTHORITY,
    R.DELEGATION_CONSULTATION_ACTION_IS_OFFICERS,
    R.DELEGATION_CHAIR_CANNOT_DECIDE_FOR_COMMITTEE,
    R.DELEGATION_DELEGATED_DECISIONS_ACCOUNTABLE,
)


def _officer_kinds(m: Membership) -> frozenset[str]:
    return m.kinds & (role_kinds.OFFICER_KINDS - {role_kinds.MONITORING_OFFICER})


def may_record(m: Membership) -> bool:
    return rules.may_record(is_officer=bool(_officer_kinds(m)))


def held_by(m: Membership) -> list[Authority]:
    """The scheme entries the actor holds today."""
    return [
        a
        for a in Authority.objects.filter(council=m.council).select_related("committee")
        if rules.holds(holder_id=a.holder_id, holder_kind=a.holder_kind, person_id=m.person.pk, kinds=m.kinds)
    ]


def chairs(council: Council, committee: Committee | None, day: dt.date) -> list[Person]:
    """Who can be consulted as the chair: the committee's chair where the entry names a committee, else the
    council's chair (or Mayor)."""
    if committee is not None:
        seats = active_on(CommitteeSeat.objects.filter(committee=committee, seat=CommitteeSeat.Seat.CHAIR), day)
        people = [s.person for s in seats.select_related("person")]
        if people:
            return people
    return role_holders(council, [role_kinds.CHAIR, role_kinds.MAYOR], day)


@implements(
    R.DELEGATION_OFFICERS_WITHIN_DELEGATED_AUTHORITY,
    silent="baseline",
    baseline="a delegated decision always relies on an entry in the scheme of delegation that its officer holds",
)
def authority_add(
    *,
    actor: Person | None,
    council: Council,
    ref: str,
    title: str,
    holder_kind: str = "",
    holder: Person | None = None,
    committee: Committee | None = None,
    consult_chair: bool = False,
    resolution_ref: str = "",
) -> Authority:
    """Record an entry in the scheme of delegation (the head officer, or the system when loading the scheme)."""
    if actor is not None:
        m = membership_for(actor, council.slug)
        if not m.is_head_officer:
            raise ProtocolViolation(
                reason=f"Only the {council.profile.head_officer_title()} records the scheme of delegation.",
                citations=council.profile.cite(R.DELEGATION_OFFICERS_WITHIN_DELEGATED_AUTHORITY),
            )
    problems: dict[str, str] = {}
    if not ref.strip() or len(ref) > rules.MAX_REF:
        problems["ref"] = f"Enter the scheme's reference ({rules.MAX_REF} characters or fewer)"
    if not title.strip() or len(title) > rules.MAX_TITLE:
        problems["title"] = f"Enter what is delegated ({rules.MAX_TITLE} characters or fewer)"
    if holder is None and holder_kind not in role_kinds.OFFICER_KINDS:
        problems["holder_kind"] = "Choose the officer post, or the named officer, that holds this authority"
    if committee is not None and committee.council_id != council.pk:
        problems["committee"] = f"Choose a committee of {council.name}"
    if Authority.objects.filter(council=council, ref=ref.strip()).exists():
        problems["ref"] = "The scheme already has an entry with this reference"
    if problems:
        raise ValidationFailed("Check the scheme entry", problems)
    with transaction.atomic():
        row = Authority.objects.create(
            council=council,
            ref=ref.strip(),
            title=title.strip(),
            holder_kind="" if holder is not None else holder_kind,
            holder=holder,
            committee=committee,
            consult_chair=consult_chair,
            resolution_ref=resolution_ref.strip()[: rules.MAX_REF],
            created_at=clock.now(),
        )
        record(
            council=council,
            actor=actor,
            action=events.AUTHORITY_ADDED,
            subject=row,
            data={"ref": row.ref, "holder_kind": row.holder_kind, "consult_chair": consult_chair},
            rule_ids=[R.DELEGATION_OFFICERS_WITHIN_DELEGATED_AUTHORITY],
        )
    return row


@implements(
    *RECORD_RULES,
    silent="baseline",
    baseline="a delegated decision is the officer's, within an authority the officer holds, with its reasons; a "
    "chair consulted is recorded as consulted, never as the decider",
)
def decision_record(
    *,
    actor: Person,
    council: Council,
    authority: Authority | None,
    title: str,
    summary: str,
    rationale: str,
    consultee: Person | None = None,
    minute_ref: str = "",
    published: bool = True,
    submission_key: str,
) -> tuple[Decision, bool]:
    """An officer records a decision taken under the scheme of delegation. Returns (decision, created): the same
    submission twice records one decision."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    if not may_record(m):
        raise ProtocolViolation(
            reason="Only the officer who holds the delegated authority records a delegated decision. A councillor, "
            "the chair included, has no power to take a decision on a committee's behalf.",
            citations=profile.cite(
                R.DELEGATION_CHAIR_CANNOT_DECIDE_FOR_COMMITTEE, R.DELEGATION_CONSULTATION_ACTION_IS_OFFICERS
            ),
        )
    problems = rules.problems_for(title=title, summary=summary, rationale=rationale)
    if len(minute_ref) > rules.MAX_REF:
        problems["minute_ref"] = f"The minute reference must be {rules.MAX_REF} characters or fewer"
    key = (submission_key or "").strip()[:64]
    if not key:
        problems["submission_key"] = "The form expired: submit it again"
    if authority is None or authority.council_id != council.pk:
        problems["authority"] = "Choose the delegated authority this decision relies on"
    if problems:
        raise ValidationFailed("Check the decision", problems)
    assert authority is not None
    existing = Decision.objects.filter(council=council, decided_by=actor, submission_key=key).first()
    if existing is not None:
        return existing, False
    if not rules.holds(
        holder_id=authority.holder_id, holder_kind=authority.holder_kind, person_id=actor.pk, kinds=m.kinds
    ):
        holder = str(authority.holder) if authority.holder else profile.title_for(authority.holder_kind)
        raise ProtocolViolation(
            reason=f"You do not hold the delegated authority {authority.ref} ({authority.title}): it is held by "
            f"{holder}. Officers decide only within the authority delegated to them.",
            citations=profile.cite(R.DELEGATION_OFFICERS_WITHIN_DELEGATED_AUTHORITY),
        )
    day = m.day
    if authority.consult_chair:
        allowed = chairs(council, authority.committee, day)
        if consultee is None or consultee.pk not in {p.pk for p in allowed}:
            who = f"the chair of {authority.committee}" if authority.committee else "the chair"
            raise ValidationFailed(
                "Check the decision",
                {"consultee": f"This authority is exercised in consultation with {who}: choose the chair consulted"},
            )
    if consultee is not None and consultee.pk == actor.pk:
        raise ValidationFailed("Check the decision", {"consultee": "The chair consulted is not the officer deciding"})
    if consultee is not None and not authority.consult_chair:
        consultee = None  # no consultation is part of this authority
    decider_title = next(
        (profile.title_for(k) for k in sorted(_officer_kinds(m)) if k == authority.holder_kind),
        ", ".join(profile.title_for(k) for k in sorted(_officer_kinds(m))),
    )
    try:
        with transaction.atomic():
            row = Decision.objects.create(
                council=council,
                authority=authority,
                decided_by=actor,
                decider_title=decider_title[:120],
                title=title.strip(),
                summary=summary.strip(),
                rationale=rationale.strip(),
                consultee=consultee,
                minute_ref=minute_ref.strip(),
                published=published,
                decided_on=day,
                submission_key=key,
                created_at=clock.now(),
            )
            _notify_councillors(council, row, day)
            rule_ids: list[str] = [
                R.DELEGATION_OFFICERS_WITHIN_DELEGATED_AUTHORITY,
                R.DELEGATION_DELEGATED_DECISIONS_ACCOUNTABLE,
            ]
            if consultee is not None:
                rule_ids.append(R.DELEGATION_CONSULTATION_ACTION_IS_OFFICERS)
            rule_ids.append(R.DELEGATION_DECISIONS_NOTIFIED_TO_ALL_COUNCILLORS)
            record(
                council=council,
                actor=actor,
                action=events.DECISION_RECORDED,
                subject=row,
                data={
                    "authority": authority.ref,
                    "decided_by": actor.pk,
                    "consultee": consultee.pk if consultee else None,
                    "published": published,
                },
                rule_ids=rule_ids,
            )
    except IntegrityError:  # the same submission raced itself: one decision
        existing = Decision.objects.filter(council=council, decided_by=actor, submission_key=key).first()
        if existing is None:
            raise
        return existing, False
    return row, True


@implements(
    R.DELEGATION_DECISIONS_NOTIFIED_TO_ALL_COUNCILLORS,
    silent="baseline",
    baseline="every councillor is told of each delegated decision, in the app and by email",
)
def _notify_councillors(council: Council, row: Decision, day: dt.date) -> None:
    url = reverse("delegation_decision", kwargs={"slug": council.slug, "decision_id": row.pk})
    consulted = f" in consultation with {row.consultee}" if row.consultee else ""
    body = (
        f"On {long_date(row.decided_on)} {row.decided_by} ({row.decider_title}) took this decision{consulted} under "
        f"delegated authority {row.authority.ref} ({row.authority.title}).\n\n{row.title}\n\n{row.summary}"
    )
    for person in role_holders(council, sorted(role_kinds.MEMBER_KINDS), day):
        notify(
            council=council,
            recipient=person,
            kind="delegated_decision",
            subject=f"Delegated decision: {row.title}"[:200],
            body=body,
            url=url,
            dedupe_key=f"delegated_decision:{row.pk}:{person.pk}",
        )


@implements(
    R.DELEGATION_IMPLEMENT_ONLY_LAWFUL_APPROVED_RECORDED,
    silent="baseline",
    baseline="a decision is implemented only once the minute or resolution that approves it is on the record",
)
def decision_implement(*, actor: Person, council: Council, pk: int, minute_ref: str = "") -> Decision:
    """Mark a decision implemented (its officer or the head officer), which needs its minute reference."""
    m = membership_for(actor, council.slug)
    row = decision_get_for(m, pk)
    profile = council.profile
    if row.decided_by_id != actor.pk and not m.is_head_officer:
        raise ProtocolViolation(
            reason=f"Only the officer who took the decision, or the {profile.head_officer_title()}, implements it.",
            citations=profile.cite(
                R.DELEGATION_IMPLEMENT_ONLY_LAWFUL_APPROVED_RECORDED, R.DELEGATION_CONSULTATION_ACTION_IS_OFFICERS
            ),
        )
    if row.implemented_on is not None:
        raise ValidationFailed(
            "Already implemented", {"minute_ref": f"This decision was implemented on {long_date(row.implemented_on)}"}
        )
    ref = (minute_ref or row.minute_ref).strip()
    if len(ref) > rules.MAX_REF:
        raise ValidationFailed("Check the minute reference", {"minute_ref": "Use 80 characters or fewer"})
    if not rules.may_implement(minute_ref=ref):
        raise ProtocolViolation(
            reason="This decision cannot be implemented until the minute or resolution that properly approves it "
            "is recorded. Enter its reference.",
            citations=profile.cite(R.DELEGATION_IMPLEMENT_ONLY_LAWFUL_APPROVED_RECORDED),
        )
    with transaction.atomic():
        row.minute_ref = ref
        row.implemented_on = m.day
        row.implemented_by = actor
        row.save(update_fields=["minute_ref", "implemented_on", "implemented_by"])
        record(
            council=council,
            actor=actor,
            action=events.DECISION_IMPLEMENTED,
            subject=row,
            data={"minute_ref": ref},
            rule_ids=[R.DELEGATION_IMPLEMENT_ONLY_LAWFUL_APPROVED_RECORDED],
        )
    return row
