"""Political groups' business with officers: advice given to a group, requests for an officer to attend a group's
meeting, and the confidential notes of group discussions. Fields and constraints only; the workflow lives in
``services.py`` and the policy in ``rules.py``.

The groups themselves and their members are ``people.PoliticalGroup`` and ``people.GroupMembership``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class GroupAdvice(models.Model):
    """A report or advice given by an officer to one political group. Its content is the group's and the
    officers'; other groups learn only that it was given (where the council's protocol says they are told)."""

    class Kind(models.TextChoices):
        ADVICE = "advice", "Advice"
        REPORT = "report", "Written report"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="group_advice")
    group = models.ForeignKey("people.PoliticalGroup", on_delete=models.PROTECT, related_name="advice")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ADVICE)
    matter = models.CharField(max_length=200)
    matter_key = models.CharField(max_length=200, db_index=True)  # the matter, normalised, to find the same matter
    facts = models.TextField()
    options = models.TextField(blank=True)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="group_advice_given")
    given_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    flags = models.JSONField(default=list, blank=True)  # phrases the facts-and-options check found
    override_reason = models.TextField(blank=True)  # why the officer sent it despite the flags
    verified_at = models.DateTimeField(null=True, blank=True)
    correction = models.TextField(blank=True)  # the officer's correction of the record attributed to them

    class Meta:
        ordering = ["-given_on", "-pk"]
        indexes = [models.Index(fields=["council", "matter_key"], name="group_advice_matter")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.group_id} on {self.matter}"


class AttendanceRequest(models.Model):
    """A group's request for an officer to attend its meeting (or an officer's direct invitation, logged)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="group_attendance")
    group = models.ForeignKey("people.PoliticalGroup", on_delete=models.PROTECT, related_name="attendance_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    matter = models.CharField(max_length=200)
    matter_key = models.CharField(max_length=200, db_index=True)
    meeting_on = models.DateField()
    invited_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attendees = models.TextField(blank=True)  # who else will be present (002 7.5)
    non_members_present = models.BooleanField(default=False)
    party_business_on_agenda = models.BooleanField(default=False)  # the officer leaves before that part (004 8.3)
    at_a_home = models.BooleanField(default=False)  # held at someone's home: officers are not expected (002 5.9)
    created_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    attending_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_stayed = models.PositiveIntegerField(null=True, blank=True)
    withdrew = models.BooleanField(default=False)
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-meeting_on", "-pk"]

    def __str__(self) -> str:
        return f"Attendance at {self.group_id} on {self.meeting_on}"


class GroupNote(models.Model):
    """A note of a group's discussion at which an officer was present: confidential to the group and the officers
    present. A legal duty to disclose elsewhere is declared on the record (003 7.7)."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="group_notes")
    group = models.ForeignKey("people.PoliticalGroup", on_delete=models.PROTECT, related_name="notes")
    attendance = models.ForeignKey(AttendanceRequest, on_delete=models.PROTECT, related_name="notes")
    body = models.TextField()
    disclosure_duty = models.TextField(blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"Note of {self.group_id}'s meeting"
