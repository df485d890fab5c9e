"""Two ways a concern about a councillor leaves the usual track, each a handling decision with its reasons:

- ``complaint_refer_group_leader``: at a minor level, the handler refers it informally to the leader of the
  councillor's party group (004 15.6). A councillor in no group has no leader to refer to: it stays with the
  handler (the fallback for independents).
- ``complaint_to_code_of_conduct``: it becomes a formal written allegation that the councillor breached the Code of
  Conduct. The informal track ends and the allegation goes to the principal council's Monitoring Officer in the
  first instance (000 Procedure for Officer/Clerks ¶3; 004 15.6).
"""

from __future__ import annotations

from django.db import transaction

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council
from councildesk.people.access import membership_for
from councildesk.people.models import Person

from . import events, rules
from .models import Complaint, Handler, Step
from .services import (
    MAX_TEXT,
    _email_referral,
    _group_leaders_of,
    _locked,
    _require_handler,
    _require_open,
    _tell,
    _title,
    conflict_of,
    route_handlers,
)


def may_refer_to_group_leader(council: Council, complaint: Complaint) -> bool:
    return (
        council.profile.adopts(R.COMPLAINTS_MINOR_MEMBER_BREACH_TO_GROUP_LEADER)
        and complaint.subject_party == rules.COUNCILLOR
        and complaint.kind == rules.CONCERN
        and complaint.stage != rules.STAGE_CLOSED
    )


def may_become_allegation(complaint: Complaint) -> bool:
    return (
        complaint.subject_party == rules.COUNCILLOR
        and complaint.kind != rules.CODE_OF_CONDUCT
        and complaint.stage != rules.STAGE_CLOSED
    )


@implements(R.COMPLAINTS_MINOR_MEMBER_BREACH_TO_GROUP_LEADER)
def complaint_refer_group_leader(*, actor: Person, council: Council, pk: int, reason: str) -> Complaint:
    """A handler refers a minor concern about a councillor informally to the leader of that councillor's group."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    if not reason.strip():
        raise ValidationFailed("Give a reason", {"reason": "Say why a referral to the group leader is enough"})
    with transaction.atomic():
        complaint = _locked(m, pk)
        _require_handler(m, complaint)
        _require_open(complaint)
        if not may_refer_to_group_leader(council, complaint) or complaint.subject is None:
            raise NotFound("That complaint")
        leaders = [
            p
            for p in _group_leaders_of(council, complaint.subject, m.day)
            if not conflict_of(council, p, subject=complaint.subject, complainant=complaint.complainant, day=m.day)
        ]
        if not leaders:
            raise ProtocolViolation(
                reason=f"{complaint.subject} is in no party group with a leader who can take this, so it stays with "
                "you to deal with.",
                citations=profile.cite(R.COMPLAINTS_MINOR_MEMBER_BREACH_TO_GROUP_LEADER),
            )
        now = clock.now()
        for leader in leaders:
            if not Handler.objects.filter(complaint=complaint, person=leader, active=True).exists():
                Handler.objects.create(complaint=complaint, person=leader, part=Handler.Part.RECIPIENT, added_at=now)
        names = ", ".join(str(p) for p in leaders)
        Step.objects.create(
            complaint=complaint,
            kind=Step.Kind.INFORMAL,
            actor=actor,
            created_at=now,
            text=f"Referred informally to {names}, leader of the councillor's group: {reason.strip()[:MAX_TEXT]}",
            rule_ids=[R.COMPLAINTS_MINOR_MEMBER_BREACH_TO_GROUP_LEADER],
        )
        record(
            council=council,
            actor=actor,
            action=events.COMPLAINT_REFERRED,
            subject=complaint,
            data={"to": [p.username for p in leaders], "informal": True},
            rule_ids=[R.COMPLAINTS_MINOR_MEMBER_BREACH_TO_GROUP_LEADER],
        )
        _tell(
            complaint, leaders, "group_leader", "A minor concern about a member of your group has been referred to you"
        )
    return complaint


@implements(R.COMPLAINTS_INFORMAL_ATTEMPT_BEFORE_CODE_ALLEGATION)
def complaint_to_code_of_conduct(*, actor: Person, council: Council, pk: int, reason: str) -> Complaint:
    """The complainant or a handler makes a concern about a councillor a formal written Code of Conduct
    allegation: the informal track ends and it goes to the Monitoring Officer (never held back)."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    if not reason.strip():
        raise ValidationFailed("Give a reason", {"reason": "Set out the allegation: it is made in writing"})
    with transaction.atomic():
        complaint = _locked(m, pk)
        _require_open(complaint)
        if not may_become_allegation(complaint):
            raise NotFound("That complaint")
        triage = rules.triage(profile, rules.CODE_OF_CONDUCT, complaint.complainant_party, rules.COUNCILLOR)
        routed = route_handlers(
            council,
            triage.first_recipient,
            complainant=complaint.complainant,
            subject=complaint.subject,
            day=m.day,
            intake=True,
            fallback=False,
        )
        email_to = None if routed.people else profile.principal_council.monitoring_officer_email
        if not routed.people and not email_to:
            raise ValidationFailed(
                "Nobody can receive it",
                {"reason": f"No {profile.principal_council.monitoring_officer_title} is recorded for {council.name}."},
            )
        now = clock.now()
        Handler.objects.filter(complaint=complaint, active=True).update(active=False)
        for person in routed.people:
            Handler.objects.create(
                complaint=complaint, person=person, part=Handler.Part.MONITORING_OFFICER, added_at=now
            )
        complaint.kind = rules.CODE_OF_CONDUCT
        complaint.stage = rules.STAGE_FORMAL
        complaint.formal_route = triage.formal_route
        complaint.route_clause = triage.clause or ""
        complaint.route_note = triage.note
        complaint.rule_ids = list(triage.rule_ids)
        complaint.save(update_fields=["kind", "stage", "formal_route", "route_clause", "route_note", "rule_ids"])
        Step.objects.create(
            complaint=complaint,
            kind=Step.Kind.FORMAL,
            actor=actor,
            created_at=now,
            text=f"Made a formal written Code of Conduct allegation, for {_title(council, 'monitoring_officer')}: "
            + reason.strip()[:MAX_TEXT],
            rule_ids=list(triage.rule_ids),
        )
        if email_to:
            _email_referral(complaint, email_to)
        record(
            council=council,
            actor=actor,
            action=events.COMPLAINT_FORMALISED,
            subject=complaint,
            data={"code_of_conduct": True, "handlers": [p.username for p in routed.people], "emailed": bool(email_to)},
            rule_ids=list(triage.rule_ids),
        )
        _tell(complaint, routed.people, "code_of_conduct", "A Code of Conduct allegation has been referred to you")
    return complaint
