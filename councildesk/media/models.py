"""Press and media: press releases (draft -> approval -> publication), members' media contacts with the capacity
they spoke in, media enquiries received by officers, and the register of council spokespersons. Fields only; the
policy is in ``rules.py`` and the workflow in ``services.py``."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PressRelease(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING = "awaiting", "Waiting for approval"
        READY = "ready", "Ready to publish (no approval needed)"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"
        PUBLISHED = "published", "Published"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="press_releases")
    title = models.CharField(max_length=200)
    body = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    topics = models.JSONField(default=list, blank=True)  # the sensitive topics it is about (000 ¶3)
    approval_rules = models.JSONField(default=list, blank=True)  # rule ids that made approval necessary
    flags = models.JSONField(default=list, blank=True)  # phrases the officer-statement check found
    flag_override = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    pre_election_period = models.ForeignKey(
        "elections.PreElectionPeriod", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    code_confirmed = models.BooleanField(default=False)  # had regard to the publicity code (000 ¶1, ¶5; 004 11.1)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["council", "status"], name="press_release_status")]

    def __str__(self) -> str:
        return self.title


class MediaContact(models.Model):
    """A member's contact with the media, with the capacity they spoke in (002 8.3; 004 11.5(a))."""

    class Capacity(models.TextChoices):
        WARD_MEMBER = "ward_member", "As a ward member"
        PERSONAL = "personal", "In a personal capacity (not the council's view)"
        COUNCIL = "council", "On behalf of the council"
        PARTY_GROUP = "party_group", "On behalf of a party group"
        CANDIDATE = "candidate", "As an election candidate or party activist"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="media_contacts")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outlet = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    approached_by_media = models.BooleanField(default=False)
    capacity = models.CharField(max_length=20, choices=Capacity.choices)
    consulted = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(blank=True)
    claims_matter = models.BooleanField(default=False)  # may give rise to third-party or insurance claims
    occurred_on = models.DateField()
    warnings = models.JSONField(default=list, blank=True)  # rule ids whose care warning was shown
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.member} to {self.outlet}"


class MediaEnquiry(models.Model):
    """Media interest in the council's activities, logged by an officer (000 Officer/Clerks ¶4 •7; 004 11.3)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        REFERRED = "referred", "Referred to the committee chair"
        ANSWERED = "answered", "Answered"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="media_enquiries")
    outlet = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    ward = models.ForeignKey("people.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    committee = models.ForeignKey("people.Committee", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    contentious = models.BooleanField(default=False)
    policy_comment = models.BooleanField(default=False)  # asks for a view on policy or a political matter
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # the officer authorised to answer (004 11.4)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    response = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    told = models.JSONField(default=list, blank=True)  # usernames of the members told

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.subject}"


class Spokesperson(models.Model):
    """A councillor the council appointed to speak for it on an area of expertise (000 PRESS AND MEDIA ¶4)."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="spokespersons")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    area = models.CharField(max_length=200)
    resolution = models.CharField(max_length=200)  # the council's minute appointing them
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["area", "pk"]

    def __str__(self) -> str:
        return f"{self.person} on {self.area}"
