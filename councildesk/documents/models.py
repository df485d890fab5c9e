"""Documents, their classification, need-to-know requests and decisions, grants and the disclosure log.

Models hold fields and constraints only; who may open what is decided in ``rules.py`` and enforced in SQL by
``selectors.py``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Classification(models.TextChoices):
    PUBLIC = "public", "Public"
    COMMITTEE = "committee", "Committee"
    CONFIDENTIAL = "confidential", "Confidential"
    EXEMPT = "exempt", "Exempt"


class Basis(models.TextChoices):
    """Why a person could open a document: written on every disclosure-log row and on every grant."""

    PUBLIC = "public", "Public document"
    COMMITTEE_MEMBER = "committee_member", "Committee member (need to know presumed)"
    OFFICER = "officer", "Officer handling the council's documents"
    NEED_TO_KNOW = "need_to_know", "Need to know, decided on request"
    ONWARD = "onward", "Onward disclosure from another councillor's grant"


class Need(models.TextChoices):
    """The need a request states (000 ACCESS ¶3-5; 002 4.3; 004 10.1-10.3)."""

    COMMITTEE_WORK = "committee_work", "Committee work"
    WARD_CASEWORK = "ward_casework", "Ward casework"
    CONSTITUENT = "constituent", "Acting for a constituent (a third party)"


class MeetingItem(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="meeting_items")
    committee = models.ForeignKey("people.Committee", on_delete=models.CASCADE, related_name="meeting_items")
    meeting_date = models.DateField()
    item_number = models.CharField(max_length=20)
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["-meeting_date", "item_number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "meeting_date", "item_number"], name="meeting_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_date:%d %b %Y} item {self.item_number}: {self.title}"


class Document(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=300)
    committee = models.ForeignKey(
        "people.Committee", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    meeting_item = models.ForeignKey(
        MeetingItem, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    classification = models.CharField(max_length=20, choices=Classification.choices)
    personal_data = models.BooleanField(default=False, help_text="Contains personal data about third parties.")
    # Exempt information (Schedule 12A LGA 1972): the paragraph, why, to whom it is restricted, and when it opens.
    exempt_paragraph = models.PositiveSmallIntegerField(null=True, blank=True)
    exempt_reason = models.TextField(blank=True)
    restricted_to = models.CharField(max_length=300, blank=True)
    public_on = models.DateField(null=True, blank=True)
    # The file, stored through Django's storage API under an unguessable name.
    storage_name = models.CharField(max_length=300)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [
            models.Index(fields=["council", "classification", "personal_data", "-uploaded_at", "-id"]),
            models.Index(fields=["council", "committee", "classification", "-uploaded_at", "-id"]),
            models.Index(fields=["council", "-uploaded_at", "-id"], name="document_council_recent"),
            models.Index(fields=["public_on"], name="document_exempt_due", condition=Q(classification="exempt")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(classification="exempt")
                | (Q(exempt_paragraph__gte=1) & Q(exempt_paragraph__lte=7) & Q(public_on__isnull=False)),
                name="document_exempt_has_paragraph_and_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AccessRequest(models.Model):
    class Status(models.TextChoices):
        AWAITING_DECISION = "awaiting_decision", "Awaiting a decision"
        GRANTED = "granted", "Granted"
        REFUSED = "refused", "Refused"
        CHALLENGED = "challenged", "Challenged: awaiting review"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="access_requests")
    # A request names an agenda item, which members can see, never a paper they cannot: a probe for a hidden
    # paper's id must learn nothing. The decision grants the item's papers that no barrier holds back.
    meeting_item = models.ForeignKey(MeetingItem, on_delete=models.PROTECT, related_name="requests")
    requester = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="document_requests")
    need = models.CharField(max_length=20, choices=Need.choices)
    justification = models.TextField()
    personal_data_justification = models.TextField(blank=True)
    confidential = models.BooleanField(default=False, help_text="Keep this request from other members (004 10.8).")
    # 004 10.5(b): the member has an interest in the matter under the code of conduct, so the head officer's
    # advice is recorded before any paper is released.
    interest = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING_DECISION)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["council", "status", "-created_at"]),
            models.Index(fields=["requester", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"Request {self.pk}"


class Consultation(models.Model):
    """A consultee's advice on a request, recorded before the decision (002 4.3: the Monitoring Officer)."""

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="consultations")
    consultee = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    consultee_kind = models.CharField(max_length=30)
    advice = models.TextField()
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"Advice of {self.consultee_kind} on request {self.request_id}"


class Decision(models.Model):
    class Stage(models.TextChoices):
        FIRST = "first", "Decision"
        REVIEW = "review", "Review after a challenge"

    class Outcome(models.TextChoices):
        GRANTED = "granted", "Granted"
        REFUSED = "refused", "Refused"

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="decisions")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reasons = models.TextField()
    refusal_grounds = models.JSONField(default=list)
    rule_ids = models.JSONField(default=list)
    citations = models.JSONField(default=list)  # Citation.as_dict(): title, clause (None where silent), baseline
    purpose_limitation = models.TextField(blank=True)
    expires_on = models.DateField(null=True, blank=True)
    granted_document_ids = models.JSONField(default=list)
    barriers = models.JSONField(default=list)  # [{"rule_id", "reason"}]: what held papers back, without titles
    challenge_route = models.TextField(blank=True)
    decided_by = models.ForeignKey("people.Person", null=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.outcome} (request {self.request_id})"


class Challenge(models.Model):
    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="challenges")
    challenger = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    grounds = models.TextField()
    created_at = models.DateTimeField()
    review = models.OneToOneField(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Challenge to request {self.request_id}"


class Grant(models.Model):
    """Access to one document for one person beyond what their role gives: a need-to-know or onward grant."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="grants")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="document_grants")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    request = models.ForeignKey(AccessRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="onward")
    purpose_limitation = models.TextField()
    expires_on = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "document", "revoked_at", "expires_on"])]

    def __str__(self) -> str:
        return f"Grant of document {self.document_id} to person {self.person_id}"


class OnwardDisclosure(models.Model):
    """002 4.5: need-to-know material passed to a second councillor, on equal need or with notice to the first."""

    source = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="+")
    grant = models.OneToOneField(Grant, on_delete=models.PROTECT, related_name="+")
    equal_need = models.BooleanField()
    reasons = models.TextField()
    first_notified = models.BooleanField()
    disclosed_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Onward disclosure {self.pk}"


class Disclosure(models.Model):
    """The disclosure log: who opened which document, when, and on which basis."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="disclosures")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    grant = models.ForeignKey(Grant, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["council", "-opened_at", "-id"])]

    def __str__(self) -> str:
        return f"Document {self.document_id} opened by person {self.person_id}"


class StatutoryRequest(models.Model):
    """A request made under FOI, FOISA or EIR instead of need to know (000 ACCESS ¶6; 002 4.1)."""

    class Regime(models.TextChoices):
        FOI = "foi", "Freedom of Information Act 2000"
        FOISA = "foisa", "Freedom of Information (Scotland) Act 2002"
        EIR = "eir", "Environmental Information Regulations 2004"
        EIR_EXTENDED = "eir_extended", "EIR, extended for complex or voluminous requests"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="statutory_requests")
    requester = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    regime = models.CharField(max_length=20, choices=Regime.choices)
    description = models.TextField()
    received = models.DateField()
    due = models.DateField()
    skipped_days = models.JSONField(default=list)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-received", "-id"]

    def __str__(self) -> str:
        return f"{self.regime} request {self.pk}"
