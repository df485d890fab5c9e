"""Incoming email, kept from the moment it arrives: the raw bytes first, then what intake made of it.

A row is written, and committed, before the listener answers 250 or the IMAP poller marks the message seen, so
nothing that was accepted can be lost. ``dedupe_key`` (the Message-ID, or the digest of a message without one) is
unique across the installation, so a second delivery of the same message is recognised and applied once. The raw
bytes are evidence for the Clerk and are never served or opened by a browser; only attachments that passed
``core.uploads`` are ever stored as files, where a message is placed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class InboundEmail(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received, not yet placed"
        PLACED = "placed", "Placed"
        QUARANTINED = "quarantined", "Quarantined"
        REJECTED = "rejected", "Rejected"

    class Via(models.TextChoices):
        LISTENER = "listener", "Mail server (LMTP or SMTP)"
        IMAP = "imap", "Mailbox (IMAP)"

    council = models.ForeignKey(
        "councils.Council", null=True, blank=True, on_delete=models.PROTECT, related_name="inbound_emails"
    )  # null until intake knows which council the message is for (or when it is for none)
    dedupe_key = models.CharField(max_length=300, unique=True)
    message_id = models.CharField(max_length=250, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    raw = models.BinaryField()
    via = models.CharField(max_length=10, choices=Via.choices)
    envelope_from = models.CharField(max_length=320, blank=True)
    envelope_to = models.JSONField(default=list, blank=True)
    received_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED)
    reason = models.TextField(blank=True)  # plain English: why it is quarantined or rejected
    sender = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)  # the body as plain text (from sanitised HTML where no plain part exists)
    attachment_names = models.JSONField(default=list, blank=True)
    blind_copied = models.BooleanField(default=False)
    placed_as = models.CharField(max_length=300, blank=True)  # a description of where it went
    placed_url = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["council", "status", "-received_at"], name="inbound_email_queue"),
            models.Index(fields=["status"], name="inbound_email_status"),
        ]

    def __str__(self) -> str:
        return f"email {self.pk} ({self.status})"
