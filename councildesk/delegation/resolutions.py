"""Decisions of the council and its committees, as the head officer records them from the minutes, with the
officers' advice beside each one.

- Committees decide within their terms of reference: a committee's decision cites an item of its remit, and one
  outside it is refused with the clause (003 7.8; 004 2.6, 7.3).
- Members decide having regard to officers' advice: the advice is recorded, and a decision against it carries the
  members' reasons (000 Councillors ¶5 •1; 004 2.10).
- Officers implement a properly made decision even where it departs from their advice: the implement step has no
  veto, and the earlier advice stays on the record (000 Officer/Clerks ¶4 •1).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.dates import long_date
from councildesk.core.errors import Citation, NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Committee, Person

from . import events, rules
from .models import Remit, Resolution


def _require_head_officer(council: Council, m: Membership, what: str) -> None:
    if not m.is_head_officer:
        raise NotFound(what)


def remit_add(*, actor: Person | None, council: Council, committee: Committee | None, ref: str, text: str) -> Remit:
    """Record an item of a committee's terms of reference (the head officer, from the council's resolution)."""
    if actor is not None:
        _require_head_officer(council, membership_for(actor, council.slug), "That page")
    problems: dict[str, str] = {}
    if committee is None or committee.council_id != council.pk:
        problems["committee"] = "Choose the committee"
    if not ref.strip() or len(ref) > rules.MAX_REF:
        problems["ref"] = f"Enter the reference, {rules.MAX_REF} characters or fewer"
    if not text.strip() or len(text) > 300:
        problems["text"] = "Enter what the committee may decide, 300 characters or fewer"
    if not problems and Remit.objects.filter(committee=committee, ref=ref.strip()).exists():
        problems["ref"] = "That reference is already in the committee's terms of reference"
    if problems:
        raise ValidationFailed("Check the terms of reference", problems)
    assert committee is not None
    with transaction.atomic():
        row = Remit.objects.create(
            council=council, committee=committee, ref=ref.strip(), text=text.strip(), created_at=clock.now()
        )
        record(
            council=council,
            actor=actor,
            action=events.REMIT_ADDED,
            subject=row,
            data={"committee": row.committee_id, "ref": row.ref},
            rule_ids=[R.DELEGATION_COMMITTEE_DECIDES_WITHIN_REMIT],
        )
    return row


@implements(R.DELEGATION_COMMITTEE_DECIDES_WITHIN_REMIT, R.DELEGATION_REGARD_TO_OFFICER_ADVICE)
def resolution_record(
    *,
    actor: Person,
    council: Council,
    committee: Committee | None,
    remit: Remit | None,
    title: str,
    text: str,
    minute_ref: str,
    officer_advice: str,
    follows_advice: bool | None,
    departure_reasons: str = "",
    submission_key: str,
) -> tuple[Resolution, bool]:
    """The head officer records a decision of the council or a committee from its minutes, with the officers'
    advice. Returns (row, created): the same submission twice records one."""
    m = membership_for(actor, council.slug)
    _require_head_officer(council, m, "That page")
    day = m.day
    profile = council.profile
    problems = rules.problems_for(title=title, summary=text, rationale="-")
    problems.pop("rationale", None)
    if "summary" in problems:
        problems["text"] = problems.pop("summary")
    if not minute_ref.strip() or len(minute_ref) > rules.MAX_REF:
        problems["minute_ref"] = "Enter the minute reference: a decision is recorded from the minutes"
    problems.update(
        rules.advice_problems(
            officer_advice=officer_advice, follows_advice=follows_advice, departure_reasons=departure_reasons
        )
    )
    if committee is not None and committee.council_id != council.pk:
        problems["committee"] = "Choose one of the council's committees"
    key = (submission_key or "").strip()[:64]
    if not key:
        problems["submission_key"] = "The form expired: submit it again"
    if problems:
        raise ValidationFailed("Check the decision", problems)
    if profile.adopts(R.DELEGATION_COMMITTEE_DECIDES_WITHIN_REMIT) and not rules.within_remit(
        committee_id=committee.pk if committee else None, remit_committee_id=remit.committee_id if remit else None
    ):
        raise ProtocolViolation(
            reason=f"{committee} decides only within its terms of reference: choose the item of its remit this "
            "decision falls under. A matter outside it goes to the council, and the committee does not otherwise "
            "instruct officers.",
            citations=profile.cite(R.DELEGATION_COMMITTEE_DECIDES_WITHIN_REMIT),
        )
    existing = Resolution.objects.filter(council=council, recorded_by=actor, submission_key=key).first()
    if existing is not None:
        return existing, False
    assert follows_advice is not None
    rule_ids: list[str] = [R.DELEGATION_COMMITTEE_DECIDES_WITHIN_REMIT, R.DELEGATION_REGARD_TO_OFFICER_ADVICE]
    try:
        with transaction.atomic():
            row = Resolution.objects.create(
                council=council,
                committee=committee,
                remit=remit if committee is not None else None,
                title=title.strip(),
                text=text.strip(),
                minute_ref=minute_ref.strip(),
                officer_advice=officer_advice.strip(),
                follows_advice=follows_advice,
                departure_reasons=departure_reasons.strip() if not follows_advice else "",
                recorded_by=actor,
                decided_on=day,
                submission_key=key,
                created_at=clock.now(),
            )
            record(
                council=council,
                actor=actor,
                action=events.RESOLUTION_RECORDED,
                subject=row,
                data={"committee": row.committee_id, "remit": row.remit_id, "follows_advice": follows_advice},
                rule_ids=rule_ids,
            )
    except IntegrityError:
        existing = Resolution.objects.filter(council=council, recorded_by=actor, submission_key=key).first()
        if existing is None:
            raise
        return existing, False
    return row, True


def may_implement(m: Membership) -> bool:
    return role_kinds.is_officer(m.kinds - {role_kinds.MONITORING_OFFICER})


@implements(R.DELEGATION_IMPLEMENT_DESPITE_CONTRARY_ADVICE)
def resolution_implement(*, actor: Person, council: Council, pk: int) -> Resolution:
    """An officer records that a decision has been implemented. There is no veto: a properly made, minuted
    decision is implemented whether or not it followed the officers' advice, and that advice stays on the record."""
    m = membership_for(actor, council.slug)
    row = Resolution.objects.filter(council=council, pk=pk).first()
    if row is None:
        raise NotFound("That decision")
    if not may_implement(m):
        raise ProtocolViolation(
            reason="Officers implement the council's decisions; members decide them.",
            citations=council.profile.cite(
                R.DELEGATION_IMPLEMENT_DESPITE_CONTRARY_ADVICE, R.DELEGATION_IMPLEMENT_ONLY_LAWFUL_APPROVED_RECORDED
            ),
        )
    if row.implemented_on is not None:
        raise ValidationFailed("Already implemented", {"__all__": f"Implemented on {long_date(row.implemented_on)}"})
    with transaction.atomic():
        row.implemented_on = m.day
        row.implemented_by = actor
        row.save(update_fields=["implemented_on", "implemented_by"])
        record(
            council=council,
            actor=actor,
            action=events.RESOLUTION_IMPLEMENTED,
            subject=row,
            data={"follows_advice": row.follows_advice, "minute_ref": row.minute_ref},
            rule_ids=[R.DELEGATION_IMPLEMENT_DESPITE_CONTRARY_ADVICE],
        )
    return row


@implements(R.DELEGATION_NO_PRESSURE_ON_DELEGATED_MATTERS, R.DELEGATION_NO_INFLUENCE_TO_BREACH_LAW_OR_PROCEDURES)
def member_guidance(council: Council) -> tuple[str, list[Citation]]:
    """Shown to members on delegated decisions and where they ask an officer about one: these rules ask members
    to hold back, which the product cannot check, so it says so at the moment it matters."""
    citations = council.profile.cite(
        R.DELEGATION_NO_PRESSURE_ON_DELEGATED_MATTERS, R.DELEGATION_NO_INFLUENCE_TO_BREACH_LAW_OR_PROCEDURES
    )
    if not citations:
        return "", []
    return (
        "Do not put pressure on an officer over a matter delegated to them for decision, including as a chair "
        "being consulted, and do not press an officer to act unlawfully or outside the council's procedures, "
        "standing orders or policies. Officers' delegated decisions must be objective and accountable.",
        citations,
    )
