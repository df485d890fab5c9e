"""Pure rules for payments and contracts: who may commit the council, on what basis, and who signs.

No Django, no clock. An individual councillor never initiates, authorises or certifies a payment, nor enters a
contract for the council (000 Councillors ¶5 •11; 004 2.9(c), (d)): a payment or contract is raised by an officer,
on a council decision (its minute) or within an authority delegated to that officer, and is signed only by the
authorised signatories the council has formally appointed (004 2.9(d)).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

PAYMENT = "payment"
CONTRACT = "contract"

KIND_LABELS = {
    PAYMENT: "A payment (a cheque, transfer or other financial transaction)",
    CONTRACT: "A contract, agreement or undertaking on the council's behalf",
}

# How many authorised signatories sign each payment or contract. No seed fixes it: two is the usual practice for
# local councils and the product's default.
SIGNATURES_REQUIRED = 2

MAX_PAYEE = 200
MAX_TEXT = 10_000
MAX_REF = 80
MAX_PENCE = 100_000_000_00  # £100 million: anything larger is a typing slip


def may_commit(*, is_officer: bool) -> bool:
    """Only an officer raises a payment or contract for the council; a councillor, chair or Mayor included, never
    does in their own right."""
    return is_officer


def has_basis(*, minute_ref: str, delegated_ref: str) -> bool:
    """A payment or contract rests on a council or committee decision (its minute) or on an authority delegated to
    the officer (its scheme reference)."""
    return bool(minute_ref.strip() or delegated_ref.strip())


def pence_from(text: str) -> int | None:
    """An amount in pounds as typed ("1,250.50", "£80") in pence, or None when it is not a positive amount."""
    cleaned = text.strip().replace(",", "").removeprefix("£").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or value <= 0 or value > Decimal(MAX_PENCE) / 100:
        return None
    if value != value.quantize(Decimal("0.01")):
        return None
    pence = int(value * 100)
    return pence if pence <= MAX_PENCE else None


def pounds(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"


def sign_problem(
    *, is_signatory: bool, raised_by_self: bool, signed_already: bool, signatures: int, required: int
) -> str | None:
    """Why this person cannot sign this payment or contract now, or None."""
    if not is_signatory:
        return "Only the council's authorised signatories sign payments and contracts, and you are not one."
    if raised_by_self:
        return "You raised this payment or contract: another authorised signatory signs it."
    if signed_already:
        return "You have already signed this."
    if signatures >= required:
        return "This already has all the signatures it needs."
    return None
