"""Writes for payments, contracts and the register of authorised signatories. Each is gate -> rule check -> write
-> audit, in one transaction.

- ``signatory_appoint`` / ``signatory_end``: the head officer records the council's formal appointment of an
  authorised signatory (with the resolution) and its end.
- ``commitment_raise``: an officer raises a payment or contract on a council decision or a delegated authority. A
  councillor's attempt is refused with the council's clause (000 Councillors ¶5 •11; 004 2.9(c), (d)).
- ``commitment_sign``: only a current authorised signatory signs, never the person who raised it (004 2.9(d)).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.errors import Citation, NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Person, Role, active_on

from . import events, rules
from .models import Commitment, Signatory, Signature
from .selectors import commitment_get_for, signatories_current

COMMIT_RULES = (R.FINANCE_NO_INDIVIDUAL_TRANSACTION_AUTHORITY, R.FINANCE_NO_CONTRACTS_BY_INDIVIDUAL_MEMBERS)
BASELINE_COMMIT = (
    "an individual councillor has no legal power to commit the council: only the council, a committee, or an "
    "officer acting under delegation does"
)
BASELINE_SIGN = "payments and contracts are signed only by the signatories the council formally appointed"


def _is_officer(m: Membership) -> bool:
    return role_kinds.is_officer(m.kinds - {role_kinds.MONITORING_OFFICER})


def may_raise(m: Membership) -> bool:
    return rules.may_commit(is_officer=_is_officer(m))


def _rules_for(kind: str) -> tuple[str, ...]:
    first = (
        R.FINANCE_NO_CONTRACTS_BY_INDIVIDUAL_MEMBERS
        if kind == rules.CONTRACT
        else R.FINANCE_NO_INDIVIDUAL_TRANSACTION_AUTHORITY
    )
    return (first, R.FINANCE_AVOID_IMPROPER_ACTIONS)


@implements(R.FINANCE_AVOID_IMPROPER_ACTIONS)
def guidance(council: Council) -> tuple[str, list[Citation]]:
    """Shown on the payment and contract form, and with every refusal there: guidance, not a check the product can
    make (004 2.10). Where the council's protocol is silent nothing is shown."""
    citations = council.profile.cite(R.FINANCE_AVOID_IMPROPER_ACTIONS)
    if not citations:
        return "", []
    return (
        "Members must avoid any action that is unlawful, financially improper or likely to amount to "
        "maladministration. Spending is committed by the council, or by an officer within delegated authority.",
        citations,
    )


# ---- the register of authorised signatories ---------------------------------------------------------------------


def _holds_role(council: Council, person: Person, day: dt.date) -> bool:
    return active_on(Role.objects.filter(council=council, person=person), day).exists()


@implements(R.FINANCE_AUTHORISED_SIGNATORIES_SIGN_CHEQUES, silent="baseline", baseline=BASELINE_SIGN)
def signatory_appoint(*, actor: Person | None, council: Council, person: Person | None, minute_ref: str) -> Signatory:
    """Record the council's formal appointment of an authorised signatory (the head officer records it)."""
    day = clock.today()
    if actor is not None:
        m = membership_for(actor, council.slug)
        day = m.day
        if not m.is_head_officer:
            raise ProtocolViolation(
                reason=f"The {council.profile.head_officer_title()} records the signatories the council appoints; "
                "nobody appoints themselves or another member.",
                citations=council.profile.cite(R.FINANCE_AUTHORISED_SIGNATORIES_SIGN_CHEQUES),
            )
    problems: dict[str, str] = {}
    if person is None or not _holds_role(council, person, day):
        problems["person"] = f"Choose someone who holds a role at {council.name} today"
    if not minute_ref.strip():
        problems["minute_ref"] = (
            "Enter the minute of the resolution that appointed them: signatories are appointed formally"
        )
    elif len(minute_ref) > rules.MAX_REF:
        problems["minute_ref"] = f"The minute reference must be {rules.MAX_REF} characters or fewer"
    if problems:
        raise ValidationFailed("Check the appointment", problems)
    assert person is not None
    if signatories_current(council, day).filter(person=person).exists():
        raise ValidationFailed("Already a signatory", {"person": f"{person} is already an authorised signatory"})
    with transaction.atomic():
        row = Signatory.objects.create(
            council=council, person=person, minute_ref=minute_ref.strip(), appointed_on=day, created_at=clock.now()
        )
        record(
            council=council,
            actor=actor,
            action=events.SIGNATORY_APPOINTED,
            subject=row,
            data={"person": person.username, "minute_ref": row.minute_ref},
            rule_ids=[R.FINANCE_AUTHORISED_SIGNATORIES_SIGN_CHEQUES],
        )
    return row


def signatory_end(*, actor: Person, council: Council, pk: int) -> Signatory:
    m = membership_for(actor, council.slug)
    if not m.is_head_officer:
        raise NotFound("That signatory")
    row = signatories_current(council, m.day).filter(pk=pk).first()
    if row is None:
        raise NotFound("That signatory")
    with transaction.atomic():
        row.ended_on = m.day
        row.save(update_fields=["ended_on"])
        record(
            council=council,
            actor=actor,
            action=events.SIGNATORY_ENDED,
            subject=row,
            data={"person": row.person.username},
            rule_ids=[R.FINANCE_AUTHORISED_SIGNATORIES_SIGN_CHEQUES],
        )
    return row


# ---- payments and contracts ------------------------------------------------------------------------------------


@implements(*COMMIT_RULES, silent="baseline", baseline=BASELINE_COMMIT)
def commitment_raise(
    *,
    actor: Person,
    council: Council,
    kind: str,
    payee: str,
    description: str,
    amount: str,
    minute_ref: str = "",
    delegated_ref: str = "",
    submission_key: str,
) -> tuple[Commitment, bool]:
    """An officer raises a payment or contract. A councillor's request is refused with the clause; an officer's
    needs a council decision or an authority delegated to them. Returns (row, created): one per submission."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    if kind not in rules.KIND_LABELS:
        raise ValidationFailed("Check the payment or contract", {"kind": "Choose a payment or a contract"})
    if not may_raise(m):
        what = (
            "enter into a contract, agreement or undertaking"
            if kind == rules.CONTRACT
            else "initiate, authorise or certify a payment"
        )
        raise ProtocolViolation(
            reason=f"An individual councillor cannot {what} on the council's behalf. Ask for it to go to the "
            f"council or the committee for a decision, or ask the {profile.head_officer_title()}, who acts within "
            "the authority delegated to officers.",
            citations=profile.cite(*_rules_for(kind)),
        )
    problems: dict[str, str] = {}
    if not payee.strip():
        problems["payee"] = "Enter who is paid, or who the contract is with"
    elif len(payee) > rules.MAX_PAYEE:
        problems["payee"] = f"The payee must be {rules.MAX_PAYEE} characters or fewer"
    if not description.strip():
        problems["description"] = "Say what it is for"
    elif len(description) > rules.MAX_TEXT:
        problems["description"] = f"The description must be {rules.MAX_TEXT:,} characters or fewer"
    pence = rules.pence_from(amount)
    if pence is None:
        problems["amount"] = "Enter the amount in pounds, like 125.50"
    for name, ref in (("minute_ref", minute_ref), ("delegated_ref", delegated_ref)):
        if len(ref) > rules.MAX_REF:
            problems[name] = f"The reference must be {rules.MAX_REF} characters or fewer"
    key = (submission_key or "").strip()[:64]
    if not key:
        problems["submission_key"] = "The form expired: submit it again"
    if problems:
        raise ValidationFailed("Check the payment or contract", problems)
    assert pence is not None
    existing = Commitment.objects.filter(council=council, raised_by=actor, submission_key=key).first()
    if existing is not None:
        return existing, False
    if not rules.has_basis(minute_ref=minute_ref, delegated_ref=delegated_ref):
        raise ProtocolViolation(
            reason="A payment or contract needs a decision of the council or a committee (enter its minute), or an "
            "authority delegated to you (enter its reference in the scheme of delegation).",
            citations=profile.cite(*_rules_for(kind)),
        )
    rule_ids = list(_rules_for(kind)[:1])
    try:
        with transaction.atomic():
            row = Commitment.objects.create(
                council=council,
                kind=kind,
                payee=payee.strip(),
                description=description.strip(),
                amount_pence=pence,
                minute_ref=minute_ref.strip(),
                delegated_ref=delegated_ref.strip(),
                raised_by=actor,
                signatures_required=rules.SIGNATURES_REQUIRED,
                submission_key=key,
                raised_on=m.day,
                created_at=clock.now(),
            )
            record(
                council=council,
                actor=actor,
                action=events.COMMITMENT_RAISED,
                subject=row,
                data={
                    "kind": kind,
                    "amount_pence": pence,
                    "minute_ref": row.minute_ref,
                    "delegated_ref": row.delegated_ref,
                },
                rule_ids=rule_ids,
            )
    except IntegrityError:  # the same submission raced itself: one row
        existing = Commitment.objects.filter(council=council, raised_by=actor, submission_key=key).first()
        if existing is None:
            raise
        return existing, False
    return row, True


@implements(R.FINANCE_AUTHORISED_SIGNATORIES_SIGN_CHEQUES, silent="baseline", baseline=BASELINE_SIGN)
def commitment_sign(*, actor: Person, council: Council, pk: int) -> Commitment:
    """An authorised signatory signs; the register of signatories is the only source of approvers."""
    m = membership_for(actor, council.slug)
    row = commitment_get_for(m, pk)
    with transaction.atomic():
        row = Commitment.objects.select_for_update().get(pk=row.pk)
        signatory = signatories_current(council, m.day).filter(person=actor).first()
        problem = rules.sign_problem(
            is_signatory=signatory is not None,
            raised_by_self=row.raised_by_id == actor.pk,
            signed_already=row.signatures.filter(person=actor).exists(),
            signatures=row.signatures.count(),
            required=row.signatures_required,
        )
        if problem:
            raise ProtocolViolation(
                reason=problem,
                citations=council.profile.cite(R.FINANCE_AUTHORISED_SIGNATORIES_SIGN_CHEQUES, *_rules_for(row.kind)),
            )
        assert signatory is not None
        Signature.objects.create(commitment=row, signatory=signatory, person=actor, signed_at=clock.now())
        if row.signatures.count() >= row.signatures_required:
            row.status = Commitment.Status.SIGNED
            row.save(update_fields=["status"])
        record(
            council=council,
            actor=actor,
            action=events.COMMITMENT_SIGNED,
            subject=row,
            data={"signatory": signatory.pk, "status": row.status},
            rule_ids=[R.FINANCE_AUTHORISED_SIGNATORIES_SIGN_CHEQUES],
        )
    return row
