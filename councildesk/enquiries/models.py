"""Enquiries: a councillor's request to officers, or an officer's question to a councillor, with its clock.

Deadlines are stored as dates with the target (value and unit) and the calendar fingerprint they were computed
with, so a page can always say "due 4 December 2026 (5 working days)" and the sweep can recompute them when the
calendar changes. ``next_notice_on`` is the one indexed column the sweep reads: the date of the next reminder,
overdue notice or escalation, or null when nothing is pending (closed, or the clock is paused).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, models
from django.db.models import Q
from django.utils import timezone

from councildesk.core import fixedsql
from councildesk.councils.calendar import calendar_for

from .clock import label, outcome


class Enquiry(models.Model):
    class Direction(models.TextChoices):
        TO_OFFICER = "to_officer", "Councillor to officers"
        TO_COUNCILLOR = "to_councillor", "Officer to councillor"

    class Category(models.TextChoices):
        INFORMATION = "information", "Information, explanation or advice"
        FACTUAL = "factual", "Purely factual information"
        SERVICE_REQUEST = "service_request", "A service to be delivered"
        SERVICE_CONCERN = "service_concern", "A service request that failed or went wrong"
        STRATEGIC = "strategic", "A strategic or policy matter"

    class Route(models.TextChoices):
        HEAD_OFFICER = "head_officer", "Head officer"
        CONTACT_CENTRE = "contact_centre", "Contact Centre"
        HEAD_OF_SERVICE = "head_of_service", "Head of Service"
        CMT = "cmt", "Corporate Management Team"
        DIRECT = "direct", "Officer (direct contact approved)"
        NOMINATED = "nominated", "A service's nominated contact officer"
        COUNCILLOR = "councillor", "Councillor"

    class Status(models.TextChoices):
        NEW = "new", "Received"
        ASSIGNED = "assigned", "Assigned"
        ANSWERED = "answered", "Answered"
        DECLINED = "declined", "Declined"

    class Priority(models.IntegerChoices):
        NORMAL = 0, "Normal"
        HIGH = 1, "High"
        URGENT = 2, "Urgent"

    OPEN = (Status.NEW, Status.ASSIGNED)

    # No index of its own: every composite index below starts with the council (each index costs every raise).
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="enquiries", db_index=False)
    # The council's own running number, shown as "E1, E2…"; given on first save from EnquiryCounter.
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    direction = models.CharField(max_length=20, choices=Direction.choices, default=Direction.TO_OFFICER)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.INFORMATION)
    route = models.CharField(max_length=20, choices=Route.choices)
    raised_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="enquiries_raised")
    # Links that are mostly empty are indexed only where set (see Meta), so a raise does not write an index entry
    # for each empty one.
    addressed_to = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enquiries_addressed",
        db_index=False,
    )
    assignee = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enquiries_assigned",
        db_index=False,
    )
    ward = models.ForeignKey("people.Ward", on_delete=models.PROTECT, null=True, blank=True, db_index=False)
    # The committee whose business the matter touches, so its members hear of it in their digest.
    committee = models.ForeignKey("people.Committee", on_delete=models.PROTECT, null=True, blank=True, db_index=False)
    # The head officer's approval an enquiry to a junior officer relies on (000 Some general principles ¶2; 004 4.6).
    direct_contact = models.ForeignKey(
        "DirectContact", on_delete=models.PROTECT, null=True, blank=True, related_name="enquiries", db_index=False
    )
    # The workplan heading the work falls under, where the officer has a workplan (002 3.4, 5.4(iii)).
    heading = models.CharField(max_length=120, blank=True)
    subject = models.CharField(max_length=200)
    details = models.TextField()
    on_behalf_of_constituent = models.BooleanField(default=False)
    constituent_consent = models.BooleanField(default=False)  # no longer asked: no protocol requires it
    requested_by = models.DateField(null=True, blank=True)  # a request, never a commitment (004 4.7)
    submission_key = models.CharField(max_length=64)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    # 1 while the status is open, 0 once closed; kept by save(). An integer, not a boolean, because Django writes
    # a boolean filter as a bare column, which SQLite cannot use as an index key.
    active = models.PositiveSmallIntegerField(default=1)
    priority = models.IntegerField(choices=Priority.choices, default=Priority.NORMAL)  # the head officer's alone
    received_at = models.DateTimeField()
    out_of_hours = models.BooleanField(default=False)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    decline_code = models.CharField(max_length=40, blank=True)
    decline_rule = models.CharField(max_length=80, blank=True)
    decline_clause = models.CharField(max_length=200, blank=True)
    escalated_to = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enquiries_escalated",
        db_index=False,
    )

    # The clock. Targets are copied from the profile at receipt; extra_units hold pauses and extensions.
    clock_start = models.DateField()
    ack_value = models.PositiveIntegerField(null=True, blank=True)
    ack_unit = models.CharField(max_length=20, blank=True)
    ack_due = models.DateField(null=True, blank=True)
    response_value = models.PositiveIntegerField(null=True, blank=True)
    response_unit = models.CharField(max_length=20, blank=True)
    response_due = models.DateField(null=True, blank=True)
    # The council's confirmation each target was taken from, or null when it was a profile default awaiting
    # confirmation (or set by the protocol's own clause). Historic enquiries keep the targets they started with.
    ack_confirmed = models.ForeignKey(
        "ConfirmedTarget", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    response_confirmed = models.ForeignKey(
        "ConfirmedTarget", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    extra_units = models.PositiveIntegerField(default=0)
    calendar = models.CharField(max_length=200, blank=True)
    paused_since = models.DateField(null=True, blank=True)
    pause_reason = models.CharField(max_length=500, blank=True)
    notices_sent = models.PositiveIntegerField(default=0)  # bit set of clock.Notice values already sent
    next_notice_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["council", "raised_by", "submission_key"], name="enquiry_one_per_submission"
            ),
            models.UniqueConstraint(fields=["council", "number"], name="enquiry_number_per_council"),
        ]
        indexes = [
            # The sweep: due notices only, never a scan of closed enquiries.
            models.Index(
                fields=["next_notice_on"], name="enquiry_due_notice", condition=Q(next_notice_on__isnull=False)
            ),
            # Pages: a councillor's own enquiries, newest first; the open queue in the head officer's order.
            models.Index(fields=["council", "raised_by", "-id"], name="enquiry_mine"),
            models.Index(fields=["council", "addressed_to", "active"], name="enquiry_addressed"),
            models.Index(fields=["council", "active", "-priority", "response_due", "id"], name="enquiry_queue"),
            models.Index(fields=["council", "assignee", "status"], name="enquiry_assignee"),
            models.Index(fields=["council", "received_at"], name="enquiry_received"),
            # The weekly digest: matters touching a ward or committee, by when they were raised.
            models.Index(fields=["ward", "received_at"], name="enquiry_ward_received", condition=Q(ward__isnull=False)),
            models.Index(
                fields=["committee", "received_at"],
                name="enquiry_committee_received",
                condition=Q(committee__isnull=False),
            ),
            # The ward and committee links are indexed by the two above; the other mostly-empty links only where set.
            *(
                models.Index(fields=[link], name=f"enquiry_{name}_set", condition=Q(**{f"{link}__isnull": False}))
                for link, name in (
                    ("addressed_to", "addressed_to"),
                    ("assignee", "assignee"),
                    ("direct_contact", "direct_contact"),
                    ("escalated_to", "escalated_to"),
                    ("ack_confirmed", "ack_confirmed"),
                    ("response_confirmed", "resp_confirmed"),
                )
            ),
        ]
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.ref}: {self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.number is None and self._state.adding and self.council_id is not None:
            self.number = EnquiryCounter.next_for(self.council_id)
        self.active = int(self.status in self.OPEN)
        if (fields := kwargs.get("update_fields")) is not None and "status" in fields:
            kwargs["update_fields"] = {*fields, "active"}
        if self._state.adding and self.pk is None and not args and not kwargs:
            fixedsql.insert(self)  # a new enquiry: the same INSERT, written once rather than compiled per call
            return
        super().save(*args, **kwargs)

    @property
    def ref(self) -> str:
        """The enquiry's number as this council's people know it: "E7" is the council's seventh."""
        return f"E{self.number if self.number is not None else self.pk}"

    @property
    def answered_on(self) -> dt.date | None:
        """The day it was answered or declined, in the council's time zone."""
        return timezone.localtime(self.closed_at).date() if self.closed_at and not self.is_open else None

    @property
    def within_target(self) -> bool | None:
        """Whether it was answered by its response deadline; None when open or without a target."""
        day = self.answered_on
        if day is None or self.response_due is None:
            return None
        return day <= self.response_due

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def response_label(self) -> str:
        """'due 4 December 2026 (5 working days)', with '+ n' for time added by pauses and extensions."""
        return label(self.clock_start, self.response_due, self.response_value, self.response_unit, self.extra_units)

    @property
    def outcome_label(self) -> str:
        """'Answered on 4 December 2026, within target' or '..., 2 working days late' (in the council's working
        days); 'Declined on …' likewise; '' while it is open."""
        day = self.answered_on
        if day is None:
            return ""
        declined = self.status == self.Status.DECLINED
        return outcome(
            closed_on=day,
            due=self.response_due,
            unit=self.response_unit,
            declined=declined,
            calendar=calendar_for(self.council),
        )

    @property
    def clock_label(self) -> str:
        """What a list or page says about the clock: the outcome once closed, the response target while open."""
        return self.outcome_label or (self.response_label if self.response_due else "No target set")


class EnquiryCounter(models.Model):
    """Each council's last enquiry number. The UPDATE that takes the next number locks the row until the raising
    transaction ends, so two enquiries raised at once never share a number."""

    council = models.OneToOneField("councils.Council", on_delete=models.CASCADE, primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.council_id}: E{self.last}"

    @classmethod
    def next_for(cls, council_id: int) -> int:
        # One fixed statement on every raise (issue 14); the counter row is made once per council.
        assert cls._meta.db_table == "enquiries_enquirycounter"
        with connection.cursor() as cursor:
            cursor.execute(
                'UPDATE "enquiries_enquirycounter" SET "last" = "last" + 1 WHERE "council_id" = %s RETURNING "last"',
                [council_id],
            )
            found = cursor.fetchone()
        if found is not None:
            return int(found[0])
        top = Enquiry.objects.filter(council_id=council_id).aggregate(models.Max("number"))["number__max"] or 0
        cls.objects.create(council_id=council_id, last=top + 1)
        return top + 1


class EnquiryNote(models.Model):
    """The enquiry's visible timeline: acknowledgement, assignment, messages, pause, extension, answer."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True)
    at = models.DateTimeField()
    kind = models.CharField(max_length=30)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} on enquiry {self.enquiry_id}"


class EnquiryAttachment(models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="enquiries/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class DirectContact(models.Model):
    """The head officer's approval for one councillor to deal directly with one officer on one matter."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="direct_contacts")
    councillor = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    matter = models.CharField(max_length=200)
    granted_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField()
    until = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["council", "councillor", "officer"], name="direct_contact_pair")]

    def __str__(self) -> str:
        return f"{self.councillor} → {self.officer}: {self.matter}"


class ServiceContact(models.Model):
    """The directory of services kept by the head officer's office: each service's Head of Service and its
    nominated contact officers, whom councillors may write to directly (002 3.2 and footnote 2)."""

    class Kind(models.TextChoices):
        HEAD = "head", "Head of Service"
        NOMINATED = "nominated", "Nominated officer"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="service_contacts")
    service = models.CharField(max_length=120)
    officer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NOMINATED)
    added_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["council", "officer"], name="service_contact_officer")]
        ordering = ["service", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.service}: {self.officer} ({self.get_kind_display()})"


class WorkplanHeading(models.Model):
    """One heading of an officer's agreed workplan; work outside every heading goes to their line manager."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    heading = models.CharField(max_length=120)
    added_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["council", "officer"], name="workplan_officer")]
        ordering = ["heading", "id"]

    def __str__(self) -> str:
        return f"{self.officer}: {self.heading}"


class ConfirmedTarget(models.Model):
    """The council's own confirmation of one enquiry target (value and unit), with the meeting that agreed it.

    Rows are never changed: a new confirmation is a new row, and the newest row of each kind is in force. Until a
    council confirms a target, the profile's number is a default awaiting its confirmation (issue 15 defect 11).
    """

    class Kind(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", "Acknowledging an enquiry"
        RESPONSE = "response", "Answering an enquiry"
        REPLY = "reply", "A councillor replying to an officer's question"

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", "working days"
        CALENDAR_DAYS = "calendar_days", "calendar days"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.PositiveIntegerField()
    unit = models.CharField(max_length=20, choices=Unit.choices)
    agreed_on = models.DateField()  # the date of the meeting that agreed it
    minute = models.CharField(max_length=100)  # that meeting's minute reference
    confirmed_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["council", "kind", "-id"], name="confirmed_target_current")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value} {self.get_unit_display()} (minute {self.minute})"


class CalendarState(models.Model):
    """The calendar fingerprint each council's open deadlines were last computed with (see sweep)."""

    council = models.OneToOneField("councils.Council", on_delete=models.CASCADE, primary_key=True)
    fingerprint = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.fingerprint
