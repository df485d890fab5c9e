"""Declared connections between officers and councillors, and appointment panels.

A declaration is among the most sensitive records the product holds: only the person who made it, the Monitoring
Officer and the head officer open it (``selectors.visible``); everyone else gets the same 404 as for a missing id.
Every opening is logged (``DeclarationOpening`` and an audit event). Conflict checks elsewhere read the register
through ``selectors.declared_connection`` without showing it.
"""

from __future__ import annotations

from django.db import models

from . import rules


class Declaration(models.Model):
    class Nature(models.TextChoices):
        FAMILY = rules.FAMILY, rules.NATURE_LABELS[rules.FAMILY]
        BUSINESS = rules.BUSINESS, rules.NATURE_LABELS[rules.BUSINESS]
        SOCIAL = rules.SOCIAL, rules.NATURE_LABELS[rules.SOCIAL]
        INFLUENCE = rules.INFLUENCE, rules.NATURE_LABELS[rules.INFLUENCE]

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="declarations")
    declarer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="declarations_made")
    officer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    nature = models.CharField(max_length=12, choices=Nature.choices)
    details = models.TextField(blank=True)
    declared_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    ended_reason = models.TextField(blank=True)
    letter = models.TextField()  # the dated written notice, as sent
    sent_to = models.CharField(max_length=300)  # who the written notice went to
    submission_key = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-declared_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "declarer", "submission_key"], name="declaration_unique_submission"
            ),
        ]
        indexes = [models.Index(fields=["council", "officer", "member"], name="declaration_pair")]

    def __str__(self) -> str:
        return f"Declaration {self.pk}"


class DeclarationOpening(models.Model):
    """One opening of a declaration by one person: the access log."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="openings")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    via = models.CharField(max_length=10)  # "page" or "api"
    opened_at = models.DateTimeField()

    class Meta:
        ordering = ["declaration", "-opened_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person} opened declaration {self.declaration_id}"


class Appointment(models.Model):
    """An officer appointment in which members take part (004 5.2(a), 5.3): published merit criteria, a panel whose
    members each declare no canvassing and no close friend or relative among the candidates."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="appointments")
    post = models.CharField(max_length=200)
    criteria = models.JSONField(default=list)  # the published merit criteria, in order
    # Whether members take part: in 004 only for the posts the council specifies for member appointment (5.2(a)).
    specified_post = models.BooleanField(default=True)
    created_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.post


class Candidate(models.Model):
    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(max_length=200)
    person = models.ForeignKey(  # an internal candidate who already holds a role here
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["appointment", "name", "id"]

    def __str__(self) -> str:
        return self.name


class PanelSeat(models.Model):
    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    no_canvassing_declared_at = models.DateTimeField()
    no_friend_or_relative_declared_at = models.DateTimeField()

    class Meta:
        ordering = ["appointment", "id"]
        constraints = [models.UniqueConstraint(fields=["appointment", "member"], name="panel_seat_unique")]

    def __str__(self) -> str:
        return f"{self.member} on {self.appointment}"


class Score(models.Model):
    seat = models.ForeignKey(PanelSeat, on_delete=models.CASCADE, related_name="scores")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=200)
    score = models.PositiveSmallIntegerField()
    justification = models.TextField()
    scored_at = models.DateTimeField()

    class Meta:
        ordering = ["seat", "candidate", "id"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "candidate", "criterion"], name="panel_score_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class InformationRelease(models.Model):
    """Information about the post given to candidates: always to every candidate at once (004 5.3(e))."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="releases")
    given_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    candidates = models.ManyToManyField(Candidate, related_name="information")
    released_at = models.DateTimeField()

    class Meta:
        ordering = ["appointment", "released_at", "id"]

    def __str__(self) -> str:
        return f"Information on {self.appointment}"


class CanvassingReport(models.Model):
    """A reported attempt to canvass a panel member for a candidate (004 5.3(b))."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="canvassing")
    reported_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    reported_at = models.DateTimeField()

    class Meta:
        ordering = ["appointment", "reported_at", "id"]

    def __str__(self) -> str:
        return f"Canvassing reported on {self.appointment}"


class AdviceRequest(models.Model):
    """A member's request for advice on a likely conflict of interest between their roles (004 2.1), addressed to
    the head officer or the Monitoring Officer. Seen by the member who asked and the person asked."""

    class To(models.TextChoices):
        HEAD_OFFICER = "head_officer", "The head officer"
        MONITORING_OFFICER = "monitoring_officer", "The Monitoring Officer"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    asked_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    addressed_to = models.CharField(max_length=20, choices=To.choices)
    sent_to = models.CharField(max_length=300)  # who it went to, as sent
    question = models.TextField()
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    asked_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-id"]

    def __str__(self) -> str:
        return f"Conflict advice request {self.pk}"


class InterimClerk(models.Model):
    """A councillor acting as Clerk in a vacancy: exceptional, unpaid and short-term, with an end date, and a clear
    record of when they act as Proper Officer rather than as a councillor (000 Officer/Clerks ¶7)."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    minute_ref = models.CharField(max_length=80)  # the council's resolution
    unpaid = models.BooleanField()  # always True: the service refuses anything else
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person} acting as Clerk"
