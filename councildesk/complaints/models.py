"""Concerns, complaints and grievances: the most sensitive records the product holds.

Only the people handling a complaint and the person who raised it can open it (``selectors.visible``); everyone
else, the chair and other councillors included, gets the same 404 as for a missing id. Every opening is logged
(``ComplaintOpening`` and an audit event).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from . import rules


class Complaint(models.Model):
    class Kind(models.TextChoices):
        CONCERN = rules.CONCERN, "Concern"
        GRIEVANCE = rules.GRIEVANCE, "Grievance"
        CODE_OF_CONDUCT = rules.CODE_OF_CONDUCT, "Code of Conduct allegation"
        POLITICAL_NEUTRALITY = rules.POLITICAL_NEUTRALITY, "Political neutrality concern"
        CONFIDENTIALITY_BREACH = rules.CONFIDENTIALITY_BREACH, "Breach of confidence"
        WHISTLEBLOWING = rules.WHISTLEBLOWING, "Whistleblowing concern"

    class Stage(models.TextChoices):
        INFORMAL = rules.STAGE_INFORMAL, "Informal"
        FORMAL = rules.STAGE_FORMAL, "Formal"
        CLOSED = rules.STAGE_CLOSED, "Closed"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="complaints")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    stage = models.CharField(max_length=10, choices=Stage.choices)
    complainant = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="complaints_raised")
    complainant_party = models.CharField(max_length=20)
    subject = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints_about"
    )
    subject_party = models.CharField(max_length=20, blank=True)
    summary = models.CharField(max_length=200)
    details = models.TextField()
    first_recipient = models.CharField(max_length=30)
    formal_route = models.CharField(max_length=40)
    route_clause = models.CharField(max_length=200, blank=True)
    route_note = models.TextField(blank=True)
    rule_ids = models.JSONField(default=list)
    reroute_reason = models.TextField(blank=True)
    submission_key = models.CharField(max_length=64)
    received_on = models.DateField()
    acknowledge_by = models.DateField(null=True, blank=True)
    respond_by = models.DateField(null=True, blank=True)
    response_target = models.CharField(max_length=60, blank=True)  # e.g. "10 working days", copied at receipt
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    overdue_reminded_at = models.DateTimeField(null=True, blank=True)  # the sweep's one reminder past respond_by

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "complainant", "submission_key"], name="complaint_unique_submission"
            ),
        ]
        indexes = [
            models.Index(fields=["council", "stage", "respond_by"], name="complaint_open_due"),
            models.Index(
                fields=["respond_by"],
                condition=Q(overdue_reminded_at__isnull=True, respond_by__isnull=False) & ~Q(stage="closed"),
                name="complaint_overdue_unreminded",
            ),
        ]

    def __str__(self) -> str:
        return f"Complaint {self.pk}"


class Handler(models.Model):
    """Someone who handles (and so may open) a complaint. Rows are kept when handling moves on: ``active`` ends."""

    class Part(models.TextChoices):
        RECIPIENT = "recipient", "First recipient"
        FORMAL = "formal", "Formal handler"
        PANEL = "panel", "Panel member"
        MONITORING_OFFICER = "monitoring_officer", "Monitoring Officer"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="handlers")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="complaints_handled")
    part = models.CharField(max_length=20, choices=Part.choices)
    active = models.BooleanField(default=True)
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["complaint", "added_at", "id"]
        indexes = [models.Index(fields=["person", "active"], name="complaint_handler_person")]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "person", "part"],
                condition=Q(active=True),
                name="complaint_handler_unique_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.part}) on complaint {self.complaint_id}"


class Step(models.Model):
    """What happened, in order, with reasons: informal step, formal route, mediation, panel, decisions."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "Received"
        REROUTED = "rerouted", "Moved to another handler"
        INFORMAL = "informal", "Informal step"
        FORMAL = "formal", "Formal route opened"
        MEDIATION = "mediation", "Mediation or independent advice"
        PANEL = "panel", "Panel constituted"
        DECISION = "decision", "Decision"
        REFERRAL = "referral", "Referred"
        CLOSED = "closed", "Closed"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    rule_ids = models.JSONField(default=list)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["complaint", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} on complaint {self.complaint_id}"


class ComplaintOpening(models.Model):
    """One opening of a complaint by one person: the access log the handlers and auditors can read."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="openings")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    via = models.CharField(max_length=10)  # "page" or "api"
    opened_at = models.DateTimeField()

    class Meta:
        ordering = ["complaint", "-opened_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person} opened complaint {self.complaint_id}"


class Connection(models.Model):
    """A declared personal connection (family, business or social) between an officer and a councillor. A member
    with a declared connection to the subject of a complaint never handles it or sits on its panel."""

    class Nature(models.TextChoices):
        FAMILY = "family", "Family"
        BUSINESS = "business", "Business"
        SOCIAL = "social", "Social"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="connections")
    officer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    nature = models.CharField(max_length=10, choices=Nature.choices)
    declared_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["council", "declared_on", "id"]

    def __str__(self) -> str:
        return f"{self.officer} ~ {self.member} ({self.nature})"
