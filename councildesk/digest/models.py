"""One row per council and week once that week's councillor digests are written, so the sweep (which runs every
minute) does the work once a week and a restart never sends a second digest."""

from __future__ import annotations

from django.db import models


class DigestRun(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    week = models.CharField(max_length=8)  # ISO year and week the digest covers, e.g. "2026-W48"
    written_at = models.DateTimeField()
    sent = models.PositiveIntegerField(default=0)  # digests written (councillors with nothing new get none)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "week"], name="digest_once_per_week")]

    def __str__(self) -> str:
        return f"Digest {self.week} for council {self.council_id}"
