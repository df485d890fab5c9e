"""Writes about need to know: a member's request, the consultation, the decision and its review after a
challenge, onward disclosure to another councillor, and statutory (FOI/EIR) requests.

Every decision records its outcome, reasons, rule ids with the council's clauses, the purpose limitation, an
optional expiry and the route to challenge it; the requester sees all of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.calendars.statutory import Regime, regimes_for, statutory_deadline
from councildesk.core import clock
from councildesk.core.errors import Citation, Conflict, NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import membership_for
from councildesk.people.models import GroupMembership, Person, Role, active_on

from . import rules
from .models import (
    AccessRequest,
    Challenge,
    Consultation,
    Decision,
    Document,
    Grant,
    MeetingItem,
    OnwardDisclosure,
    StatutoryRequest,
)
from .permissions import Access, cite

TEXT_MIN = 10


def _holders(council: Council, kinds: Iterable[str], day: dt.date) -> list[Person]:
    ids = active_on(Role.objects.all(), day).filter(council=council, kind__in=list(kinds)).values("person_id")
    return list(Person.objects.filter(pk__in=ids))


def _request_url(req: AccessRequest) -> str:
    return reverse("document_request", kwargs={"slug": req.council.slug, "request_id": req.pk})


def _citations(council: Council, rule_ids: Iterable[str]) -> list[dict[str, object]]:
    return [c.as_dict() for c in council.profile.cite(*rule_ids)]


def challenge_route(council: Council, *, stage: str) -> str:
    profile = council.profile
    statutory = profile.clause(rules.STATUTORY)
    foi = "You may also ask under the Freedom of Information Act or the Environmental Information Regulations"
    foi += f" ({statutory})." if statutory else "."
    if stage == Decision.Stage.REVIEW:
        return "The review is final within the protocol. " + foi
    decider = profile.clause(rules.DECIDER)
    where = f" ({decider})" if decider else ""
    title = profile.title_for(profile.deciders.need_to_know_disputes)
    return f"Challenge this decision from the request's page: the {title} decides disputes{where}. " + foi


def _papers(req: AccessRequest) -> list[Document]:
    return list(Document.objects.filter(meeting_item=req.meeting_item).order_by("id"))


def _assess(a: Access, req: AccessRequest, requester: rules.Viewer) -> tuple[list[Document], list[rules.Barrier]]:
    """The item's papers the requester cannot already open that no barrier holds back, and the barriers."""
    grantable: list[Document] = []
    barriers: dict[str, rules.Barrier] = {}
    justified = bool(req.personal_data_justification.strip())
    for doc in _papers(req):
        facts = rules.DocFacts(doc.classification, doc.committee_id, doc.personal_data)
        if rules.open_basis(a.policy, requester, facts) is not None:
            continue
        found = rules.grant_barriers(a.policy, requester, facts, req.need, personal_data_justified=justified)
        for barrier in found:
            barriers.setdefault(barrier.rule_id, barrier)
        if not found:
            grantable.append(doc)
    return grantable, list(barriers.values())


def _requester_facts(req: AccessRequest) -> rules.Viewer:
    m = membership_for(req.requester, req.council.slug)
    return Access(m).viewer


def request_make(
    *,
    actor: Person,
    council: Council,
    meeting_item: MeetingItem,
    need: str,
    justification: str,
    personal_data_justification: str = "",
    confidential: bool = False,
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
        group = (
            active_on(GroupMembership.objects.all(), a.m.day)
            .filter(person=actor, group__council=council)
            .values_list("group_id", flat=True)
            .first()
        )
        req = AccessRequest.objects.create(
            council=council,
            meeting_item=meeting_item,
            requester=actor,
            need=need,
            justification=justification.strip(),
            personal_data_justification=personal_data_justification.strip(),
            confidential=confidential,
            requester_group_id=group,
            created_at=clock.now(),
        )
        rule_ids = [rules.JUSTIFICATION]
        if need == rules.WARD_CASEWORK:
            rule_ids.append(rules.WARD_CASEWORK_RULE)
        if confidential:
            rule_ids.append(rules.CONFIDENTIAL_ADVICE)
        record(
            council=council,
            actor=actor,
            action=events.DOCUMENT_REQUEST_MADE,
            subject=req,
            data={"meeting_item": meeting_item.pk, "need": need, "confidential": confidential},
            rule_ids=rule_ids,
        )
        grantable, barriers = _assess(a, req, a.viewer)
        if barriers and not grantable:
            _decide(req, actor=None, stage=Decision.Stage.FIRST, granted=[], barriers=barriers, reasons="")
        else:
            for person in _holders(council, [a.policy.decider_kind], a.m.day):
                if person.pk != actor.pk:
                    notify(
                        council=council,
                        recipient=person,
                        kind="document_request.made",
                        subject=f"A need-to-know request (number {req.pk}) awaits your decision",
                        body="A member has asked to see papers for an agenda item. Decide it from its page.",
                        url=_request_url(req),
                    )
        return req


def consultation_record(
    *, actor: Person, request: AccessRequest, consultee: Person, consultee_kind: str, advice: str
) -> Consultation:
    with transaction.atomic():
        a = Access(membership_for(actor, request.council.slug))
        req = AccessRequest.objects.select_for_update().get(pk=request.pk)
        if not rules.may_record_consultation(a.policy, a.viewer, requester_id=req.requester_id):
            raise NotFound("That page")
        if req.status not in (AccessRequest.Status.AWAITING_DECISION, AccessRequest.Status.CHALLENGED):
            raise Conflict("This request is already decided; advice can no longer be recorded.")
        problems: dict[str, str] = {}
        if consultee_kind not in (*a.policy.consult_kinds, a.policy.head_officer_kind):
            problems["consultee_kind"] = "Choose a role this council's protocol says to consult."
        elif consultee.pk not in {p.pk for p in _holders(req.council, [consultee_kind], a.m.day)}:
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
        record(
            council=req.council,
            actor=actor,
            action=events.DOCUMENT_REQUEST_CONSULTED,
            subject=req,
            data={"consultee": consultee.pk, "consultee_kind": consultee_kind},
            rule_ids=[rules.DECIDER],
        )
        return consultation


def _decide(
    req: AccessRequest,
    *,
    actor: Person | None,
    stage: str,
    granted: list[Document],
    barriers: list[rules.Barrier],
    reasons: str,
    grounds: Iterable[str] = (),
    purpose: str = "",
    expires_on: dt.date | None = None,
) -> Decision:
    council = req.council
    outcome = Decision.Outcome.GRANTED if granted else Decision.Outcome.REFUSED
    rule_ids = [rules.DECIDER]
    rule_ids += [b.rule_id for b in barriers]
    rule_ids += [rules.REFUSAL_GROUNDS[g][1] for g in grounds]
    if granted:
        rule_ids.append(rules.PURPOSE)
    if not reasons:
        reasons = " ".join(b.reason for b in barriers)
    now = clock.now()
    decision = Decision.objects.create(
        request=req,
        stage=stage,
        outcome=outcome,
        reasons=reasons,
        refusal_grounds=list(grounds),
        rule_ids=list(dict.fromkeys(rule_ids)),
        citations=_citations(council, rule_ids),
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
    req.status = AccessRequest.Status.GRANTED if granted else AccessRequest.Status.REFUSED
    req.save(update_fields=["status"])
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
    )
    notify(
        council=council,
        recipient=req.requester,
        kind="document_request.decided",
        subject=f"Your need-to-know request (number {req.pk}) was {outcome}",
        body="The decision, its reasons and how to challenge it are on the request's page.",
        url=_request_url(req),
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
        review = req.status == AccessRequest.Status.CHALLENGED
        if not rules.may_decide(a.policy, a.viewer, review=review, requester_id=req.requester_id):
            raise NotFound("That page")
        if req.status not in (AccessRequest.Status.AWAITING_DECISION, AccessRequest.Status.CHALLENGED):
            raise Conflict("This request is already decided.")
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
        requester = _requester_facts(req)
        grantable, barriers = _assess(a, req, requester)
        if grant:
            if not grantable:
                raise ProtocolViolation(
                    reason="Nothing on this item can be granted to this member. "
                    + (" ".join(b.reason for b in barriers) or "They can already open every paper for it."),
                    citations=cite(req.council, *[b.rule_id for b in barriers]) or cite(req.council, rules.DECIDER),
                )
            _check_consulted(a, req, grantable)
        decision = _decide(
            req,
            actor=actor,
            stage=stage,
            granted=grantable if grant else [],
            barriers=barriers,
            reasons=reasons.strip(),
            grounds=grounds,
            purpose=purpose.strip() if grant else "",
            expires_on=expires_on if grant else None,
        )
        if review:
            Challenge.objects.filter(request=req, review__isnull=True).update(review=decision)
        return decision


def _check_consulted(a: Access, req: AccessRequest, docs: list[Document]) -> None:
    needed: set[str] = set()
    for doc in docs:
        needed |= set(
            rules.required_consultations(
                a.policy, rules.DocFacts(doc.classification, doc.committee_id, doc.personal_data)
            )
        )
    done = set(req.consultations.values_list("consultee_kind", flat=True))
    missing = sorted(needed - done)
    if missing:
        titles = ", ".join(req.council.profile.title_for(k) for k in missing)
        raise ProtocolViolation(
            reason=f"Record the advice of the {titles} before granting: the protocol decides this in consultation.",
            citations=cite(req.council, rules.DECIDER),
        )


def request_challenge(*, actor: Person, request: AccessRequest, grounds: str) -> Challenge:
    with transaction.atomic():
        Access(membership_for(actor, request.council.slug))
        req = AccessRequest.objects.select_for_update().select_related("council").get(pk=request.pk)
        if req.requester_id != actor.pk:
            raise NotFound("That page")
        if req.status not in (AccessRequest.Status.GRANTED, AccessRequest.Status.REFUSED):
            raise Conflict("Only a decided request can be challenged.")
        if req.challenges.exists():
            raise Conflict("This request has already been reviewed once; the review is final within the protocol.")
        if len(grounds.strip()) < TEXT_MIN:
            raise ValidationFailed("Say why the decision is wrong.", {"grounds": "Give your grounds."})
        challenge = Challenge.objects.create(
            request=req, challenger=actor, grounds=grounds.strip(), created_at=clock.now()
        )
        req.status = AccessRequest.Status.CHALLENGED
        req.save(update_fields=["status"])
        record(
            council=req.council,
            actor=actor,
            action=events.DOCUMENT_REQUEST_CHALLENGED,
            subject=req,
            data={"challenge": challenge.pk},
            rule_ids=[rules.DECIDER],
        )
        disputes = req.council.profile.deciders.need_to_know_disputes
        for person in _holders(req.council, [disputes], clock.today()):
            if person.pk != actor.pk:
                notify(
                    council=req.council,
                    recipient=person,
                    kind="document_request.challenged",
                    subject=f"A need-to-know decision (request {req.pk}) is challenged",
                    body="A member disputes a need-to-know decision. Review it from the request's page.",
                    url=_request_url(req),
                )
        return challenge


def onward_disclose(
    *, actor: Person, source: Grant, recipient: Person, equal_need: bool, reasons: str
) -> OnwardDisclosure:
    """002 4.5: pass papers released on need to know to a second councillor. The second councillor's equal need
    is recorded, or the first councillor is told; this always tells the first councillor, the safer default."""
    with transaction.atomic():
        council = source.council
        a = Access(membership_for(actor, council.slug))
        if not rules.may_decide(a.policy, a.viewer, review=False, requester_id=-1):
            raise NotFound("That page")
        src = (
            Grant.objects.select_related("document", "request", "person").filter(pk=source.pk, council=council).first()
        )
        today = a.m.day
        if src is None or src.revoked_at or (src.expires_on and src.expires_on < today):
            raise NotFound("That grant")
        if len(reasons.strip()) < TEXT_MIN:
            raise ValidationFailed("Say why the councillor needs the papers.", {"reasons": "Give the reasons."})
        try:
            their = Access(membership_for(recipient, council.slug))
        except NotFound as exc:
            raise ValidationFailed(
                "Choose a councillor of this council.", {"recipient": "Not a councillor here."}
            ) from exc
        if not their.viewer.is_member or recipient.pk == src.person_id:
            raise ValidationFailed("Choose another councillor of this council.", {"recipient": "Not eligible."})
        doc = src.document
        facts = rules.DocFacts(doc.classification, doc.committee_id, doc.personal_data)
        need = src.request.need if src.request else rules.COMMITTEE_WORK
        barriers = rules.grant_barriers(a.policy, their.viewer, facts, need, personal_data_justified=equal_need)
        if barriers:
            raise ProtocolViolation(
                reason=" ".join(b.reason for b in barriers),
                citations=cite(council, *[b.rule_id for b in barriers]),
            )
        now = clock.now()
        grant = Grant.objects.create(
            council=council,
            document=doc,
            person=recipient,
            basis=rules.BASIS_ONWARD,
            source=src,
            purpose_limitation=src.purpose_limitation,
            expires_on=src.expires_on,
            created_at=now,
        )
        onward = OnwardDisclosure.objects.create(
            source=src,
            grant=grant,
            equal_need=equal_need,
            reasons=reasons.strip(),
            first_notified=True,
            disclosed_by=actor,
            created_at=now,
        )
        record(
            council=council,
            actor=actor,
            action=events.DOCUMENT_DISCLOSED_ONWARD,
            subject=doc,
            data={"from": src.person_id, "to": recipient.pk, "equal_need": equal_need, "grant": grant.pk},
            rule_ids=[rules.ONWARD, rules.PURPOSE],
        )
        notify(
            council=council,
            recipient=src.person,
            kind="document.disclosed_onward",
            subject="Papers released to you on need to know were passed to another councillor",
            body=f"{recipient} was given papers first released to you, as the protocol requires you to be told.",
            url=reverse("documents", kwargs={"slug": council.slug}),
        )
        notify(
            council=council,
            recipient=recipient,
            kind="document.disclosed_onward",
            subject="Papers were released to you on need to know",
            body=f"You may use them only for this purpose: {src.purpose_limitation}",
            url=reverse("document", kwargs={"slug": council.slug, "doc_id": doc.pk}),
        )
        return onward


def statutory_request_make(
    *, actor: Person, council: Council, regime: str, description: str, received: dt.date | None = None
) -> StatutoryRequest:
    """000 ACCESS ¶6; 002 4.1: a councillor may ask under FOI, FOISA or EIR instead; it runs on the statutory
    clock, counted by the calendars package, not on need to know."""
    with transaction.atomic():
        a = Access(membership_for(actor, council.slug))
        if not a.viewer.is_member:
            raise NotFound("That page")
        allowed = {r.value for r in regimes_for(council.nation) if r is not Regime.SAR}  # type: ignore[arg-type]
        problems: dict[str, str] = {}
        if regime not in allowed:
            problems["regime"] = "Choose " + ", ".join(sorted(r.upper() for r in allowed)) + "."
        if len(description.strip()) < TEXT_MIN:
            problems["description"] = "Describe the information you ask for."
        if problems:
            raise ValidationFailed("The request is incomplete.", problems)
        day = received or a.m.day
        due = statutory_deadline(Regime(regime), day, council.nation)  # type: ignore[arg-type]
        req = StatutoryRequest.objects.create(
            council=council,
            requester=actor,
            regime=regime,
            description=description.strip(),
            received=day,
            due=due.due,
            skipped_days=[{"day": s.day.isoformat(), "reason": s.reason} for s in due.skipped][:400],
            created_at=clock.now(),
        )
        record(
            council=council,
            actor=actor,
            action=events.STATUTORY_REQUEST_MADE,
            subject=req,
            data={"regime": regime, "received": day, "due": due.due},
            rule_ids=[rules.STATUTORY],
        )
        for person in _holders(council, [a.policy.head_officer_kind], a.m.day):
            notify(
                council=council,
                recipient=person,
                kind="statutory_request.made",
                subject=f"A {Regime(regime).value.upper()} request is due by {due.due:%d %B %Y}",
                body="A councillor has made a statutory request for information.",
                url=reverse("statutory_requests", kwargs={"slug": council.slug}),
            )
        return req


__all__ = [
    "Citation",
    "challenge_route",
    "consultation_record",
    "onward_disclose",
    "request_challenge",
    "request_decide",
    "request_make",
    "statutory_request_make",
]
