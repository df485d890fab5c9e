"""Pre-election periods: from the notice of election to polling day. Fields only; the dates' arithmetic is in
``rules.py`` and the workflow in ``services.py``."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PreElectionPeriod(models.Model):
    """One poll that affects the council, and the period before it during which publicity is reviewed (000 PRESS
    AND MEDIA ¶5; 002 8.5) and members do not arrange public meetings (004 9.4(b))."""

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled council elections"
        BY_ELECTION = "by_election", "By-election"
        OTHER_POLL = "other_poll", "Another local or national poll"

    class NoticeSource(models.TextChoices):
        LIBRARY = "library", "Computed from the election timetable rules"
        CLERK = "clerk", "Entered by the head officer"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="pre_election_periods")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SCHEDULED)
    title = models.CharField(max_length=200)
    poll_date = models.DateField()
    notice_date = models.DateField()
    notice_source = models.CharField(max_length=10, choices=NoticeSource.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-poll_date", "-pk"]
        indexes = [models.Index(fields=["council", "poll_date"], name="pre_election_poll")]
        constraints = [
            models.CheckConstraint(condition=models.Q(notice_date__lt=models.F("poll_date")), name="notice_before_poll")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.notice_date} to {self.poll_date})"

    @property
    def council_elections(self) -> bool:
        """Whether the poll elects members of this council (004 9.4(b) covers only council elections)."""
        return self.kind != self.Kind.OTHER_POLL
