"""Payments and contracts raised for the council, and the register of authorised signatories who sign them.

The register of signatories is the only source of approvers: a signature from anyone not on it is refused. A
councillor never raises a payment or contract (``rules.may_commit``); each one rests on a council decision or on an
authority delegated to the officer who raised it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from . import rules


class Signatory(models.Model):
    """A person the council formally appointed as an authorised signatory, by a recorded resolution."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="signatories")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    minute_ref = models.CharField(max_length=rules.MAX_REF)  # the resolution that appointed them
    appointed_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["council", "appointed_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "person"], condition=Q(ended_on__isnull=True), name="signatory_unique_current"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} (signatory)"


class Commitment(models.Model):
    """A payment or a contract the council commits to, raised by an officer on a recorded basis."""

    class Kind(models.TextChoices):
        PAYMENT = rules.PAYMENT, "Payment"
        CONTRACT = rules.CONTRACT, "Contract"

    class Status(models.TextChoices):
        AWAITING = "awaiting", "Awaiting signatures"
        SIGNED = "signed", "Signed"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="commitments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    payee = models.CharField(max_length=rules.MAX_PAYEE)
    description = models.TextField()
    amount_pence = models.BigIntegerField()
    minute_ref = models.CharField(max_length=rules.MAX_REF, blank=True)  # the council decision it rests on
    delegated_ref = models.CharField(max_length=rules.MAX_REF, blank=True)  # or the delegated authority
    raised_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AWAITING)
    signatures_required = models.PositiveSmallIntegerField()
    submission_key = models.CharField(max_length=64)
    raised_on = models.DateField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-raised_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "raised_by", "submission_key"], name="commitment_unique_submission"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.payee}"

    @property
    def amount(self) -> str:
        return rules.pounds(self.amount_pence)


class Signature(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="signatures")
    signatory = models.ForeignKey(Signatory, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["commitment", "signed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["commitment", "person"], name="signature_unique_person")]

    def __str__(self) -> str:
        return f"{self.person} signed {self.commitment_id}"
