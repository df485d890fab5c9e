"""Ward matters, public meetings and ward surgeries, members' visits to council premises, and the council resources
members use. Fields and constraints only; the workflow lives in ``services.py`` and the policy in ``rules.py``.

Wards and their members are ``people.Ward`` and ``people.WardMembership``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class WardMatter(models.Model):
    """A matter affecting one or more wards, recorded by an officer so that the wards' members are told (002 4.4;
    004 9.1, 9.2). An urgent or sensitive matter reaches them before it is made public."""

    class Trigger(models.TextChoices):
        POLICY = "policy", "Policy at its formative stage"
        OPERATIONAL = "operational", "A significant or sensitive operational matter"
        CONSULTATION = "consultation", "A public consultation"
        OTHER = "other", "Another matter affecting the ward"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="ward_matters")
    wards = models.ManyToManyField("people.Ward", related_name="matters")
    title = models.CharField(max_length=200)
    summary = models.TextField()
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    urgent_or_sensitive = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    members_told_at = models.DateTimeField()  # when the ward members' notices were written
    members_told = models.PositiveIntegerField(default=0)
    made_public_at = models.DateTimeField(null=True, blank=True)
    made_public_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["council", "-recorded_at"], name="ward_matter_recent")]

    def __str__(self) -> str:
        return self.title


class PublicMeeting(models.Model):
    """A public meeting on a local issue arranged by the council (every member of the affected wards is invited,
    004 9.3), or a member's own public meeting or ward surgery (the Town Clerk is told, 9.4)."""

    class Organiser(models.TextChoices):
        COUNCIL = "council", "The council"
        MEMBER = "member", "A member"

    class Kind(models.TextChoices):
        PUBLIC_MEETING = "public_meeting", "A public meeting on council business"
        SURGERY = "surgery", "A ward surgery"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="public_meetings")
    organiser = models.CharField(max_length=10, choices=Organiser.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PUBLIC_MEETING)
    wards = models.ManyToManyField("people.Ward", related_name="public_meetings", blank=True)
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    venue = models.CharField(max_length=200)
    council_venue = models.BooleanField(default=False)
    party_political = models.BooleanField(default=False)
    officer_asked = models.BooleanField(default=False)  # an officer is asked to attend; never obliged (9.4(a))
    officer_answer = models.CharField(max_length=10, blank=True)  # "attend" or "decline", without penalty
    officer_answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    arranged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    arranged_at = models.DateTimeField()
    invited = models.PositiveIntegerField(default=0)  # ward members invited, or head officers told

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["council", "-held_on"], name="public_meeting_recent")]

    def __str__(self) -> str:
        return f"{self.title} on {self.held_on}"


class PremisesVisit(models.Model):
    """A member's visit to council premises as an individual member (004 13.3), arranged with the officer in
    charge; the host ward's members are told first where the site is outside the member's own ward."""

    class SiteKind(models.TextChoices):
        WORKPLACE = "workplace", "Offices, depots or other workplaces"
        SCHOOL = "school", "A school"
        VULNERABLE = "vulnerable", "A site serving vulnerable people (for example a care home)"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="premises_visits")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="premises_visits")
    site = models.CharField(max_length=200)
    site_kind = models.CharField(max_length=20, choices=SiteKind.choices, default=SiteKind.WORKPLACE)
    site_ward = models.ForeignKey("people.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    visit_on = models.DateField()
    purpose = models.TextField()
    officer_in_charge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    short_notice_reason = models.TextField(blank=True)  # why it could not be arranged in advance
    conduct_acknowledged_at = models.DateTimeField()
    outside_own_ward = models.BooleanField(default=False)
    ward_members_told = models.JSONField(default=list, blank=True)  # names of the host ward's members told
    arranged_at = models.DateTimeField()

    class Meta:
        ordering = ["-visit_on", "-pk"]

    def __str__(self) -> str:
        return f"Visit to {self.site} on {self.visit_on}"


class ResourceRequest(models.Model):
    """A member's request for council resources or staff time, with its declared purpose (004 14.1; 002 5.5(v))."""

    class Kind(models.TextChoices):
        CONSUMABLES = "consumables", "Consumables (stationery, paper, toner)"
        PRINTING = "printing", "Typing, printing or photocopying"
        EQUIPMENT = "equipment", "Computer or other equipment"
        STAFF_TIME = "staff_time", "Staff time"

    class Purpose(models.TextChoices):
        COUNCIL = "council", "My work as a member of the council"
        PRIVATE = "private", "A private or personal purpose"
        PARTY = "party", "Party-political business"
        CAMPAIGN = "campaign", "Campaigning or electioneering"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="resource_requests")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="resource_requests")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    details = models.TextField()
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.COUNCIL)
    direct = models.BooleanField(default=False)  # a consumables request that needs no formal decision (2.9(b))
    routed_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.member_id}"


class ResourceLedgerEntry(models.Model):
    """A council resource provided to a member: a facility in the member's home, or agreed private use on payment
    such as private photocopying (004 14.2(a), (b))."""

    class Kind(models.TextChoices):
        HOME_FACILITY = "home_facility", "A facility in the member's home"
        PRIVATE_USE = "private_use", "Private use, paid for (for example photocopying)"
        OTHER = "other", "Other resource provided"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="resource_ledger")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="resource_ledger")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=200)
    provided_on = models.DateField()
    charge_pence = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["member", "-provided_on", "-pk"]

    def __str__(self) -> str:
        return self.description


class IctAcknowledgement(models.Model):
    """A member's acknowledgement of the council's ICT security rules (004 14.2(c))."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="ict_acknowledgements")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField()

    class Meta:
        ordering = ["-acknowledged_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["council", "person"], name="ict_ack_once")]

    def __str__(self) -> str:
        return f"ICT rules acknowledged by {self.person_id}"
