"""Writes about need to know: a member's request, the consultation (advice), the decision and its review after a
challenge. Each is gate -> rule check -> write -> audit -> notices, in one transaction.

Every decision records its outcome, reasons, the rules with the council's clauses (or, where its protocol is
silent and the product applies the rule as a baseline, a plain statement that it is silent), the purpose
limitation, an optional expiry and the route to challenge it; the requester sees all of it. A request moves only
along ``rules.REQUEST_TRANSITIONS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse

from councildesk.audit import events
from councildesk.audit.content import related_digest
from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.errors import Citation, Conflict, NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import membership_for
from councildesk.people.models import Person
from councildesk.people.selectors import role_holders

from . import rules
from .models import AccessRequest, Challenge, Consultation, Decision, Document, Grant, MeetingItem
from .permissions import Access, policy_for

TEXT_MIN = 10


def request_url(req: AccessRequest) -> str:
    return reverse("document_request", kwargs={"slug": req.council.slug, "request_id": req.pk})


def cited(council: Council, rule_ids: Iterable[str]) -> list[Citation]:
    """The rules this council's protocol holds, or the product applies as a baseline; the rest left out."""
    return council.profile.cite(*rule_ids)


def challenge_route(council: Council, *, stage: str) -> str:
    profile = council.profile
    statutory = profile.clause(R.ACCESS_STATUTORY_RIGHTS_PRESERVED)
    foi = "You may also ask under the Freedom of Information Act or the Environmental Information Regulations"
    foi += f" ({statutory})." if statutory else "."
    if stage == Decision.Stage.REVIEW:
        return "The review is final within the protocol. " + foi
    decider = profile.clause(R.ACCESS_NEED_TO_KNOW_DECIDER)
    where = f" ({decider})" if decider else ""
    title = profile.title_for(profile.deciders.need_to_know_disputes)
    return f"Challenge this decision from the request's page: the {title} decides disputes{where}. " + foi


def _move(req: AccessRequest, target: str) -> str:
    """Change the request's state through the transition table (a change not in it is refused)."""
    action = rules.transition(req.status, target)
    req.status = target
    req.save(update_fields=["status"])
    return action


def _facts(doc: Document) -> rules.DocFacts:
    return rules.DocFacts(doc.classification, doc.committee_id, doc.personal_data)


def _assess(a: Access, req: AccessRequest, requester: rules.Viewer) -> tuple[list[Document], list[rules.Barrier]]:
    """The item's papers the requester cannot already open that no barrier holds back, and the barriers."""
    grantable: list[Document] = []
    barriers: dict[str, rules.Barrier] = {}
    justified = bool(req.personal_data_justification.strip())
    for doc in Document.objects.filter(meeting_item=req.meeting_item).order_by("id"):
        facts = _facts(doc)
        if rules.open_basis(a.policy, requester, facts) is not None:
            continue
        found = rules.grant_barriers(a.policy, requester, facts, req.need, personal_data_justified=justified)
        for barrier in found:
            barriers.setdefault(barrier.rule_id, barrier)
        if not found:
            grantable.append(doc)
    return grantable, list(barriers.values())


def _requester_facts(req: AccessRequest) -> rules.Viewer:
    return Access(membership_for(req.requester, req.council.slug)).viewer


def _needed_advice(a: Access, req: AccessRequest, docs: list[Document]) -> list[str]:
    needed: set[str] = set()
    for doc in docs:
        needed |= set(rules.required_consultations(a.policy, _facts(doc), interest=req.interest))
    done = set(req.consultations.values_list("consultee_kind", flat=True))
    return sorted(needed - done)


@implements(R.ACCESS_WARD_CASEWORK_NEED, R.ACCESS_CONFIDENTIAL_ADVICE_ON_REQUEST)
class DuplicateRequest(Conflict):
    """The requester already has a request for this agenda item that is awaiting a decision, challenged or
    granted: a second one is not made, and the person is sent to the first."""

    def __init__(self, existing: AccessRequest) -> None:
        self.existing = existing
        state = existing.get_status_display().lower()
        super().__init__(
            f"You already asked to see the papers for item {existing.meeting_item.item_number}, "
            f"{existing.meeting_item.title} (request {existing.pk}, {state}). No second request was made: "
            "this is the one you have."
        )


def request_make(
    *,
    actor: Person,
    council: Council,
    meeting_item: MeetingItem,
    need: str,
    justification: str,
    personal_data_justification: str = "",
    confidential: bool = False,
    interest: bool = False,
) -> AccessRequest:
    with transaction.atomic():
        a = Access(membership_for(actor, council.slug))
        if not a.may_request:
            raise NotFound("That page")
        if meeting_item.council_id != council.pk:
            raise NotFound("That agenda item")
        problems: dict[str, str] = {}
        if need not in rules.NEEDS:
            problems["need"] = "Choose committee work, ward casework or acting for a constituent."
        if len(justification.strip()) < TEXT_MIN:
            problems["justification"] = "Say why you need the papers for your duties as a member."
        if problems:
            raise ValidationFailed("The request is incomplete.", problems)
        existing = (
            AccessRequest.objects.filter(council=council, meeting_item=meeting_item, requester=actor)
            .exclude(status=AccessRequest.Status.REFUSED)
            .select_related("meeting_item")
            .order_by("-id")
            .first()
        )
        if existing is not None:
            raise DuplicateRequest(existing)
        req = AccessRequest.objects.create(
            council=council,
            meeting_item=meeting_item,
            requester=actor,
            need=need,
            justification=justification.strip(),
            personal_data_justification=personal_data_justification.strip(),
            confidential=confidential,
            interest=interest,
            created_at=clock.now(),
        )
        rule_ids: list[str] = [R.ACCESS_NEED_TO_KNOW_JUSTIFICATION, R.ACCESS_REQUESTS_PRIVATE_TO_REQUESTER]
        if need == rules.WARD_CASEWORK:
            rule_ids.append(R.ACCESS_WARD_CASEWORK_NEED)
        if confidential:
            rule_ids.append(R.ACCESS_CONFIDENTIAL_ADVICE_ON_REQUEST)
        if interest:
            rule_ids.append(R.ACCESS_INTEREST_ADVICE)
        record(
            council=council,
            actor=actor,
            action=events.DOCUMENT_REQUEST_MADE,
            subject=req,
            data={"meeting_item": meeting_item.pk, "need": need, "confidential": confidential, "interest": interest},
            rule_ids=[c.rule_id for c in cited(council, rule_ids)],
        )
        grantable, barriers = _assess(a, req, a.viewer)
        if barriers and not grantable:
            _decide(
                req, actor=None, stage=Decision.Stage.FIRST, granted=[], barriers=barriers, reasons="", target="refused"
            )
            return req
        advisers = _needed_advice(a, req, grantable)
        for person in role_holders(council, {a.policy.decider_kind, *advisers}, a.m.day):
            if person.pk != actor.pk:
                notify(
                    council=council,
                    recipient=person,
                    kind="document_request.made",
                    subject=f"A need-to-know request about “{req.meeting_item.title}” awaits your "
                    + ("advice or decision" if advisers else "decision"),
                    body="A member has asked to see papers for an agenda item. Act on it from its page.",
                    url=request_url(req),
                )
        return req


def consultation_record(
    *, actor: Person, request: AccessRequest, consultee: Person, consultee_kind: str, advice: str
) -> Consultation:
    """Record a consultee's advice. Where the advice was all that stood between a committee's own member and its
    papers (004 10.2 with 10.5(a)), the papers then open, with no decision to wait for."""
    with transaction.atomic():
        a = Access(membership_for(actor, request.council.slug))
        req = AccessRequest.objects.select_for_update().select_related("council", "requester").get(pk=request.pk)
        if not rules.may_record_consultation(a.policy, a.viewer, requester_id=req.requester_id):
            raise NotFound("That page")
        if req.status not in rules.OPEN_STATES:
            raise rules.RequestTransitionRefused(
                req.status, "advice recorded", "This request is already decided; advice can no longer be recorded."
            )
        problems: dict[str, str] = {}
        if consultee_kind not in (*a.policy.consult_kinds, a.policy.head_officer_kind):
            problems["consultee_kind"] = "Choose a role this council's protocol says to consult."
        elif consultee.pk not in {p.pk for p in role_holders(req.council, [consultee_kind], a.m.day)}:
            problems["consultee"] = "That person does not hold the role consulted."
        if len(advice.strip()) < TEXT_MIN:
            problems["advice"] = "Record the advice given."
        if problems:
            raise ValidationFailed("The consultation is incomplete.", problems)
        consultation = Consultation.objects.create(
            request=req,
            consultee=consultee,
            consultee_kind=consultee_kind,
            advice=advice.strip(),
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        rule_ids: list[str] = [R.ACCESS_NEED_TO_KNOW_DECIDER]
        if consultee_kind == a.policy.head_officer_kind:
            rule_ids += [
                R.ACCESS_THIRD_PARTY_PERSONAL_DATA,
                R.ACCESS_INTEREST_ADVICE,
                R.ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE,
            ]
        record(
            council=req.council,
            actor=actor,
            action=events.DOCUMENT_REQUEST_CONSULTED,
            subject=req,
            data={"consultee": consultee.pk, "consultee_kind": consultee_kind},
            rule_ids=[c.rule_id for c in cited(req.council, rule_ids) if c.adopted] or [R.ACCESS_NEED_TO_KNOW_DECIDER],
        )
        _open_after_advice(a, req, actor)
        return consultation


def _open_after_advice(a: Access, req: AccessRequest, actor: Person) -> None:
    if req.status != rules.AWAITING_DECISION:
        return
    requester = _requester_facts(req)
    grantable, barriers = _assess(a, req, requester)
    if not grantable or barriers or _needed_advice(a, req, grantable):
        return
    if not all(rules.opens_after_advice(a.policy, requester, _facts(d)) for d in grantable):
        return
    committee = req.meeting_item.committee
    _decide(
        req,
        actor=actor,
        stage=Decision.Stage.FIRST,
        granted=grantable,
        barriers=[],
        reasons=f"A member of the {committee} has a right to inspect its papers; the "
        f"{req.council.profile.title_for(a.policy.head_officer_kind)}'s advice on the personal data they hold is "
        "recorded, so they open.",
        purpose=f"The business of the {committee}, as the request states: {req.justification}"[:2000],
        extra_rules=[R.ACCESS_COMMITTEE_MEMBER_PRESUMED, R.ACCESS_THIRD_PARTY_PERSONAL_DATA],
        target=rules.GRANTED,
    )


@implements(R.ACCESS_PURPOSE_LIMITATION, silent="baseline", baseline=rules.BASELINES[R.ACCESS_PURPOSE_LIMITATION])
def _decide(
    req: AccessRequest,
    *,
    actor: Person | None,
    stage: str,
    granted: list[Document],
    barriers: list[rules.Barrier],
    reasons: str,
    target: str,
    grounds: Iterable[str] = (),
    purpose: str = "",
    expires_on: dt.date | None = None,
    extra_rules: Iterable[str] = (),
) -> Decision:
    council = req.council
    outcome = Decision.Outcome.GRANTED if granted else Decision.Outcome.REFUSED
    _move(req, target)
    rule_ids: list[str] = [*extra_rules, R.ACCESS_NEED_TO_KNOW_DECIDER]
    rule_ids += [b.rule_id for b in barriers]
    rule_ids += [rules.REFUSAL_GROUNDS[g][1] for g in grounds]
    if granted:
        rule_ids.append(R.ACCESS_PURPOSE_LIMITATION)
    if any(rules.releases_confidence(policy_for(council), _facts(d)) for d in granted):
        rule_ids.append(R.ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE)
    citations = cited(council, rule_ids)
    if not reasons:
        reasons = " ".join(b.reason for b in barriers)
    now = clock.now()
    decision = Decision.objects.create(
        request=req,
        stage=stage,
        outcome=outcome,
        reasons=reasons,
        refusal_grounds=list(grounds),
        rule_ids=[c.rule_id for c in citations],
        citations=[c.as_dict() for c in citations],
        purpose_limitation=purpose,
        expires_on=expires_on,
        granted_document_ids=[d.pk for d in granted],
        barriers=[{"rule_id": b.rule_id, "reason": b.reason} for b in barriers],
        challenge_route=challenge_route(council, stage=stage),
        decided_by=actor,
        decided_at=now,
    )
    Grant.objects.filter(request=req, revoked_at__isnull=True).update(revoked_at=now)  # a review replaces
    for doc in granted:
        Grant.objects.create(
            council=council,
            document=doc,
            person=req.requester,
            basis=rules.BASIS_NEED_TO_KNOW,
            request=req,
            purpose_limitation=purpose,
            expires_on=expires_on,
            created_at=now,
        )
    record(
        council=council,
        actor=actor,
        action=events.DOCUMENT_REQUEST_DECIDED,
        subject=req,
        data={
            "stage": stage,
            "outcome": outcome,
            "documents": [d.pk for d in granted],
            "grounds": list(grounds),
            "expires_on": expires_on,
        },
        rule_ids=decision.rule_ids,
        content_digest=related_digest(decision, "reasons", "purpose_limitation"),
    )
    notify(
        council=council,
        recipient=req.requester,
        kind="document_request.decided",
        subject=f"Your need-to-know request about “{req.meeting_item.title}” was {outcome}",
        body="The decision, its reasons and how to challenge it are on the request's page.",
        url=request_url(req),
    )
    return decision


def request_decide(
    *,
    actor: Person,
    request: AccessRequest,
    grant: bool,
    reasons: str,
    grounds: Iterable[str] = (),
    purpose: str = "",
    expires_on: dt.date | None = None,
) -> Decision:
    with transaction.atomic():
        a = Access(membership_for(actor, request.council.slug))
        req = AccessRequest.objects.select_for_update().select_related("council", "requester").get(pk=request.pk)
        review = req.status == rules.CHALLENGED
        if not rules.may_decide(a.policy, a.viewer, review=review, requester_id=req.requester_id):
            raise NotFound("That page")
        target = rules.GRANTED if grant else rules.REFUSED
        rules.transition(req.status, target)  # refused before any validation when the request is decided
        grounds = list(dict.fromkeys(grounds))
        problems: dict[str, str] = {}
        if len(reasons.strip()) < TEXT_MIN:
            problems["reasons"] = "Give the reasons for the decision."
        if grant and grounds:
            problems["grounds"] = "Refusal grounds belong to a refusal."
        if not grant and not grounds:
            problems["grounds"] = "Choose at least one ground for refusing."
        if any(g not in rules.REFUSAL_GROUNDS for g in grounds):
            problems["grounds"] = "Choose grounds from the list."
        if grant and len(purpose.strip()) < TEXT_MIN:
            problems["purpose"] = "State the purpose the papers may be used for, and only for."
        if grant and expires_on is not None and expires_on < a.m.day:
            problems["expires_on"] = "The expiry must be today or later."
        if problems:
            raise ValidationFailed("The decision is incomplete.", problems)
        stage = Decision.Stage.REVIEW if review else Decision.Stage.FIRST
        grantable, barriers = _assess(a, req, _requester_facts(req))
        if grant:
            if not grantable:
                raise ProtocolViolation(
                    reason="Nothing on this item can be granted to this member. "
                    + (" ".join(b.reason for b in barriers) or "They can already open every paper for it."),
                    citations=cited(req.council, [*[b.rule_id for b in barriers], R.ACCESS_NEED_TO_KNOW_DECIDER]),
                )
            _check_consulted(a, req, grantable)
        decision = _decide(
            req,
            actor=actor,
            stage=stage,
            granted=grantable if grant else [],
            barriers=barriers,
            reasons=reasons.strip(),
            target=target,
            grounds=grounds,
            purpose=purpose.strip() if grant else "",
            expires_on=expires_on if grant else None,
        )
        if review:
            Challenge.objects.filter(request=req, review__isnull=True).update(review=decision)
        return decision


def _check_consulted(a: Access, req: AccessRequest, docs: list[Document]) -> None:
    missing = _needed_advice(a, req, docs)
    if missing:
        titles = ", ".join(req.council.profile.title_for(k) for k in missing)
        rule_ids: list[str] = []
        if a.policy.head_officer_kind in missing:
            if any(d.personal_data for d in docs) and a.policy.personal_data_advice:
                rule_ids.append(R.ACCESS_THIRD_PARTY_PERSONAL_DATA)
            if req.interest:
                rule_ids.append(R.ACCESS_INTEREST_ADVICE)
            if any(rules.releases_confidence(a.policy, _facts(d)) for d in docs):
                rule_ids.append(R.ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE)
        rule_ids.append(R.ACCESS_NEED_TO_KNOW_DECIDER)
        citations = cited(req.council, rule_ids)
        raise ProtocolViolation(
            reason=f"Record the advice of the {titles} before granting: the protocol asks for their advice, or "
            "for a paper given in confidence their consent, first.",
            citations=citations,
        )


def request_challenge(*, actor: Person, request: AccessRequest, grounds: str) -> Challenge:
    with transaction.atomic():
        Access(membership_for(actor, request.council.slug))
        req = AccessRequest.objects.select_for_update().select_related("council").get(pk=request.pk)
        if req.requester_id != actor.pk:
            raise NotFound("That page")
        if req.challenges.exists():
            raise rules.RequestTransitionRefused(
                req.status,
                rules.CHALLENGED,
                "This request has already been reviewed once; the review is final within the protocol.",
            )
        rules.transition(req.status, rules.CHALLENGED)
        if len(grounds.strip()) < TEXT_MIN:
            raise ValidationFailed("Say why the decision is wrong.", {"grounds": "Give your grounds."})
        challenge = Challenge.objects.create(
            request=req, challenger=actor, grounds=grounds.strip(), created_at=clock.now()
        )
        _move(req, rules.CHALLENGED)
        record(
            council=req.council,
            actor=actor,
            action=events.DOCUMENT_REQUEST_CHALLENGED,
            subject=req,
            data={"challenge": challenge.pk},
            rule_ids=[c.rule_id for c in cited(req.council, [R.ACCESS_NEED_TO_KNOW_DECIDER])],
        )
        disputes = req.council.profile.deciders.need_to_know_disputes
        for person in role_holders(req.council, [disputes], clock.today()):
            if person.pk != actor.pk:
                notify(
                    council=req.council,
                    recipient=person,
                    kind="document_request.challenged",
                    subject=f"A need-to-know decision (request {req.pk}) is challenged",
                    body="A member disputes a need-to-know decision. Review it from the request's page.",
                    url=request_url(req),
                )
        return challenge
