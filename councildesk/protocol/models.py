"""A council's imported protocol document, split into addressable clauses."""

from __future__ import annotations

from django.db import models


class ProtocolDocument(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="protocol_documents")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    style = models.CharField(max_length=20)
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["council", "-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["council"], condition=models.Q(is_current=True), name="protocol_one_current_document"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.filename})"


class Clause(models.Model):
    document = models.ForeignKey(ProtocolDocument, on_delete=models.CASCADE, related_name="clauses")
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    ref = models.CharField(max_length=200)
    heading = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    items = models.JSONField(default=list)
    printed = models.CharField(max_length=40, blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["document", "position"]
        constraints = [models.UniqueConstraint(fields=["document", "ref"], name="clause_unique_ref")]
        indexes = [models.Index(fields=["council", "ref"])]

    def __str__(self) -> str:
        return self.ref


class ProtocolVersion(models.Model):
    """One version of the council's protocol: when it was approved, by which minute, and when it is next reviewed.

    A version goes live only with the minute reference of the meeting that approved it (000 version table; 002 9.2;
    004 1.2). Versions seeded from the profile's history keep what the council's document printed, so an old
    version may be live without a minute reference; the page says so.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        LIVE = "live", "Approved"

    class Source(models.TextChoices):
        PROFILE = "profile", "From the council's document"
        RECORDED = "recorded", "Recorded in councildesk"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="protocol_versions")
    version = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.RECORDED)
    approved = models.DateField(null=True, blank=True)
    minute_ref = models.CharField(max_length=200, blank=True)
    change = models.TextField(blank=True)
    next_review = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The date of the next review reminder; null when none is pending. The sweep reads this through its index.
    review_notice_on = models.DateField(null=True, blank=True)
    review_notices_sent = models.PositiveSmallIntegerField(default=0)  # 1: "due soon" sent, 2: "due" sent

    class Meta:
        ordering = ["council", "approved", "id"]
        constraints = [models.UniqueConstraint(fields=["council", "version"], name="protocol_version_unique")]
        indexes = [
            models.Index(
                fields=["review_notice_on"],
                name="protocol_review_due",
                condition=models.Q(review_notice_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.version}"


class Acknowledgement(models.Model):
    """A person's acknowledgement of one version of the protocol (002 1.3/1.7; 004 1.1)."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(ProtocolVersion, on_delete=models.PROTECT, related_name="acknowledgements")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "person"], name="acknowledgement_once")]
        indexes = [models.Index(fields=["council", "person"])]

    def __str__(self) -> str:
        return f"{self.person_id} acknowledged version {self.version_id}"


class InterpretationQuestion(models.Model):
    """A question about interpreting or applying the protocol, for the role the profile names (002 1.9; 004 15.1).

    It runs on the enquiry clock: the council's enquiry response target, on the council's calendar.
    """

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    asked_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    adviser_kind = models.CharField(max_length=40)  # the profile's deciders.protocol_interpretation at asking
    clause = models.CharField(max_length=200, blank=True)  # the clause the question is about, if any
    question = models.TextField()
    asked_at = models.DateTimeField()
    response_value = models.PositiveIntegerField(null=True, blank=True)
    response_unit = models.CharField(max_length=20, blank=True)
    response_due = models.DateField(null=True, blank=True)
    calendar = models.CharField(max_length=200, blank=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["council", "answered_at", "response_due"])]

    def __str__(self) -> str:
        return f"Question {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
