"""In-app notifications and the outbox of emails waiting to be delivered.

Both are written in the transaction of the change that causes them (``services.notify``), so a change that
rolls back leaves no notice behind, and a change that commits always has its notice.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Notification(models.Model):
    """A notice for one person in one council, shown on their notifications page."""

    # Indexed by the dedupe constraint and the inbox index, which both lead with it.
    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="notifications", db_index=False
    )
    recipient = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=60, help_text="What caused it, e.g. 'enquiry.reminder'.")
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True, help_text="A path inside councildesk, or empty.")
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    dedupe_key = models.CharField(  # noqa: DJ001 - NULL means no key; '' would collide in the unique constraint
        max_length=200,
        null=True,
        blank=True,
        help_text="At most one notification per key in a council: how the sweep stays idempotent.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # NULL keys are distinct on both SQLite and PostgreSQL, so only keyed notices are deduplicated.
            models.UniqueConstraint(fields=["council", "dedupe_key"], name="notification_unique_dedupe_key"),
        ]
        indexes = [
            models.Index(fields=["council", "recipient", "-created_at", "-id"], name="notification_inbox"),
            models.Index(
                fields=["council", "recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient_id}"


class OutboxEmail(models.Model):
    """One email to send. Rows are never deleted: a sent one keeps ``sent_at``, a given-up one stays ``failed``."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="outbox")
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails"
    )
    to_address = models.EmailField(max_length=254)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # Optional, for mail that can be answered (a thread message, a request for consent): the reply address, the
    # visible Cc line naming everyone else who received it (there is never a Bcc), and extra headers such as
    # Message-ID, In-Reply-To and References. Every value is stripped of line breaks when the email is built.
    reply_to = models.CharField(max_length=320, blank=True)
    cc = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    # For PENDING: when it is due. For SENDING: when the deliverer's lease runs out (then it is due again).
    next_attempt_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=64, blank=True, help_text="The deliverer holding the lease.")
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["next_attempt_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_address} ({self.status})"
