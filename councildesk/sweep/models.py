"""The lease that lets one sweep run at a time, across processes and on both databases."""

from __future__ import annotations

from django.db import models


class SweepLease(models.Model):
    """Held by the running sweep until ``expires_at``; a crashed holder's lease simply runs out."""

    name = models.CharField(max_length=40, primary_key=True)
    holder = models.CharField(max_length=120, blank=True, help_text="host:pid:random of the sweep holding it.")
    acquired_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} held by {self.holder or 'nobody'}"
