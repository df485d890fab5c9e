"""The per-council append-only event log. Rows are never updated or deleted (PostgreSQL enforces this)."""

from __future__ import annotations

from django.db import models


class AuditEvent(models.Model):
    # Indexed by the (council, seq) constraint, which leads with it; a second index would cost every append.
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="audit_events", db_index=False
    )
    seq = models.PositiveBigIntegerField()
    occurred_at = models.DateTimeField()
    # The actor is kept as text too, so the record stays readable if the person is ever removed.
    # PROTECT: a person who ever acted is deactivated, never deleted, so the hashed actor id keeps its meaning.
    actor = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=100)
    subject_type = models.CharField(max_length=100)
    subject_id = models.CharField(max_length=100)
    data = models.JSONField(default=dict)
    rule_ids = models.JSONField(default=list)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["council", "seq"]
        constraints = [models.UniqueConstraint(fields=["council", "seq"], name="audit_one_event_per_seq")]

    def __str__(self) -> str:
        return f"{self.council_id}#{self.seq} {self.action}"


class AuditHead(models.Model):
    """The newest event of each council's chain, moved only by ``record`` in the event's transaction.

    It serialises writers (a row lock on PostgreSQL) and lets ``verify`` notice the newest events being removed.
    """

    council = models.OneToOneField("councils.Council", primary_key=True, on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.council_id} head #{self.seq}"
