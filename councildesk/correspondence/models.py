"""Correspondence between councillors and officers: threads whose every participant sees every other, the
messages in them (with attachments), requests to copy a thread to someone new, and official letters.

Fields and constraints only; the workflow lives in ``services.py`` and ``letters.py``, the policy in ``rules.py``.
There is no field for a blind copy anywhere: a participant is a participant, visible to all.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Thread(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="threads")
    subject = models.CharField(max_length=200)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    last_message_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        indexes = [models.Index(fields=["council", "-last_message_at"], name="thread_recent")]

    def __str__(self) -> str:
        return self.subject


class Participant(models.Model):
    """Someone in a thread. Every participant sees every other participant and every message."""

    class Joined(models.TextChoices):
        STARTED = "started", "Started the conversation"
        ADDRESSED = "addressed", "Written to"
        COPIED = "copied", "Copied in"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    joined = models.CharField(max_length=10, choices=Joined.choices)
    joined_at = models.DateTimeField()
    copy_request = models.ForeignKey("CopyRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["thread", "person"], name="participant_once")]
        indexes = [models.Index(fields=["person", "thread"], name="participant_person")]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.thread_id}"


class Message(models.Model):
    class Via(models.TextChoices):
        WEB = "web", "On the web"
        EMAIL = "email", "By email"
        API = "api", "Through the API"
        SYSTEM = "system", "Recorded by councildesk"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField()
    sent_at = models.DateTimeField()
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.WEB)
    # The RFC 5322 Message-ID: ours for messages written here, the sender's for a reply by email. One per thread,
    # so a reply delivered twice is applied once.
    message_id = models.CharField(max_length=300)
    # The visible copy line: "CC councillor X" (000 CORRESPONDENCE ¶1), on the message and its email.
    cc_line = models.CharField(max_length=500, blank=True)
    # 000 CORRESPONDENCE ¶3: an officer's message to a councillor marked confidential says what and why.
    confidential = models.BooleanField(default=False)
    confidential_what = models.TextField(blank=True)
    confidential_why = models.TextField(blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "message_id"], name="thread_message_id_once"),
            models.CheckConstraint(
                condition=Q(confidential=False) | (~Q(confidential_what="") & ~Q(confidential_why="")),
                name="thread_message_confidential_says_what_and_why",
            ),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} in {self.thread_id}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"correspondence/{instance.message.thread.council_id}/{instance.sha256}"


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    file = models.FileField(upload_to=attachment_path, max_length=300)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class CopyRequest(models.Model):
    """A request to copy a thread to someone new: another councillor or officer, or someone outside the council
    (a forward). Where the protocol wants the author's consent, it waits for every other author's answer."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for consent"
        APPLIED = "applied", "Copied"
        REFUSED = "refused", "Refused by the author"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="copy_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    external_name = models.CharField(max_length=200, blank=True)
    external_email = models.EmailField(blank=True)
    # Set when what goes out is only this officer's contact details, with their consent (002 5.14).
    contact_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(external_email=""), name="copy_request_names_someone"
            )
        ]

    def __str__(self) -> str:
        return f"Copy of {self.thread_id}"

    @property
    def recipient_label(self) -> str:
        if self.person_id:
            return str(self.person)
        return f"{self.external_name} <{self.external_email}>".strip()


class Consent(models.Model):
    """One author's answer to a copy request."""

    class Answer(models.TextChoices):
        WAITING = "waiting", "Not answered yet"
        GIVEN = "given", "Consented"
        REFUSED = "refused", "Refused"

    request = models.ForeignKey(CopyRequest, on_delete=models.CASCADE, related_name="consents")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.WAITING)
    answered_at = models.DateTimeField(null=True, blank=True)
    via = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["request", "author"], name="consent_once_per_author")]

    def __str__(self) -> str:
        return f"Consent of {self.author_id} to {self.request_id}"


class Letter(models.Model):
    """An official letter on the council's letterhead, in a signatory's name, issued as a PDF."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CHECKING = "checking", "With the Head of Service for an accuracy check"
        ISSUED = "issued", "Issued"

    class RecipientKind(models.TextChoices):
        RESIDENT = "resident", "A resident"
        COMPLAINANT = "complainant", "A complainant"
        MINISTER = "minister", "A Government Minister"
        ORGANISATION = "organisation", "Another organisation"
        OTHER = "other", "Someone else"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="letters")
    reference = models.CharField(max_length=40)
    recipient_name = models.CharField(max_length=200)
    recipient_address = models.TextField(blank=True)
    recipient_kind = models.CharField(max_length=20, choices=RecipientKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField()
    signatory = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signatory_role = models.CharField(max_length=30)  # the role kind the letter is signed in
    creates_obligations = models.BooleanField(default=False)
    civic_reason = models.TextField(blank=True)  # why the chair or Mayor signs (000 ¶2; 004 12.3)
    ward_capacity = models.BooleanField(default=False)  # written as a ward member (004 12.5)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    check_note = models.TextField(blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    pdf = models.FileField(upload_to="letters/", blank=True, max_length=300)
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-drafted_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["council", "reference"], name="letter_reference_once")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject}"
