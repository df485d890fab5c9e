from __future__ import annotations

from django.db import models


class Row(models.Model):
    """The product's enquiry table, read as a plain list."""

    council_id = models.BigIntegerField()
    subject = models.CharField(max_length=200)
    status = models.CharField(max_length=20)
    received_at = models.DateTimeField()
    response_due = models.DateField(null=True)
    active = models.PositiveSmallIntegerField()

    class Meta:
        managed = False
        db_table = "enquiries_enquiry"

    def __str__(self) -> str:
        return self.subject
