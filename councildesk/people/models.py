"""People, their dated roles in each council, and the council's structure: wards, committees, groups."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from . import kinds as role_kinds


class Person(AbstractUser):
    """A person who signs in. They may hold roles in several councils at once."""

    is_host_admin = models.BooleanField(
        default=False, help_text="Runs this installation; may see every council's structure and audit status."
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleKind(models.TextChoices):
    COUNCILLOR = "councillor", "Councillor"
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-Chair"
    MAYOR = "mayor", "Mayor"
    CO_OPTED_MEMBER = "co_opted_member", "Co-opted member"
    CLERK = "clerk", "Clerk"
    OFFICER = "officer", "Officer"
    CHIEF_EXECUTIVE = "chief_executive", "Chief Executive"
    HEAD_OF_SERVICE = "head_of_service", "Head of Service"
    CMT_MEMBER = "cmt_member", "Corporate Management Team member"
    MONITORING_OFFICER = "monitoring_officer", "Monitoring Officer"


MEMBER_KINDS = role_kinds.MEMBER_KINDS  # kept for existing imports; the vocabulary lives in kinds.py


D = TypeVar("D", bound="Dated")


def active_on(rows: models.QuerySet[D], day: dt.date) -> models.QuerySet[D]:
    """The rows whose period includes ``day`` (first and last days inclusive)."""
    return rows.filter(Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day)))


class Dated(models.Model):
    """A period with a first and (optional) last day, both inclusive."""

    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="%(class)s_end_after_start",
            ),
        ]

    def is_active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


class Role(Dated):
    """A person's role in a council for a period: a councillor's term, an officer's employment."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(max_length=30, choices=RoleKind.choices)
    line_manager = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="For officers."
    )
    serving_body = models.CharField(
        max_length=200,
        blank=True,
        help_text="For a Monitoring Officer of another council: that council's name.",
    )

    class Meta(Dated.Meta):
        ordering = ["council", "kind", "person"]
        indexes = [models.Index(fields=["person", "council", "start"])]
        constraints = [
            *Dated.Meta.constraints,
            models.UniqueConstraint(fields=["council", "person", "kind", "start"], name="role_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()} ({self.council_id})"


class Ward(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="wards")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="ward_unique_name")]

    def __str__(self) -> str:
        return self.name


class WardMembership(Dated):
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ward_memberships")

    class Meta(Dated.Meta):
        ordering = ["ward", "person"]

    def __str__(self) -> str:
        return f"{self.person} in {self.ward}"


class Committee(models.Model):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", "Committee"
        SUB_COMMITTEE = "sub_committee", "Sub-committee"
        PERSONNEL = "personnel", "Personnel committee"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="committees")
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="committee_unique_name")]

    def __str__(self) -> str:
        return self.name


class CommitteeSeat(Dated):
    class Seat(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-Chair"
        MEMBER = "member", "Member"
        CO_OPTED = "co_opted", "Co-opted member"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="committee_seats")
    seat = models.CharField(max_length=20, choices=Seat.choices, default=Seat.MEMBER)

    class Meta(Dated.Meta):
        ordering = ["committee", "seat", "person"]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_seat_display()}, {self.committee})"


class PoliticalGroup(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=160)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="group_unique_name")]

    def __str__(self) -> str:
        return self.name


class GroupMembership(Dated):
    group = models.ForeignKey(PoliticalGroup, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="group_memberships")
    is_leader = models.BooleanField(default=False)

    class Meta(Dated.Meta):
        ordering = ["group", "-is_leader", "person"]

    def __str__(self) -> str:
        return f"{self.person} in {self.group}"


class MonitoringArrangement(Dated):
    """A council served by another council's Monitoring Officer for a period: a parish or town council by its
    principal council. Whoever holds the principal council's Monitoring Officer role then acts as this council's
    Monitoring Officer (the access gate derives the role), without holding a role here."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="served_by")
    principal = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="serves")

    class Meta(Dated.Meta):
        ordering = ["principal", "council", "start"]
        constraints = [
            *Dated.Meta.constraints,
            models.CheckConstraint(condition=~Q(council=models.F("principal")), name="arrangement_not_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.council_id} served by {self.principal_id}"
