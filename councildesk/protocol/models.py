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
