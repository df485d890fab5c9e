"""The scheme of delegation and the register of decisions officers take under it.

An ``Authority`` is one entry in the scheme: what is delegated, to which post (or named officer), on which
resolution, and whether it is exercised in consultation with a committee chair. A ``Decision`` is an officer's
decision under one entry. The chair consulted is a separate field: the decider is always the officer (004 7.4).
"""

from __future__ import annotations

from django.db import models


class Authority(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="delegated_authorities")
    ref = models.CharField(max_length=80)  # the scheme's own reference, e.g. "SD 4.2"
    title = models.CharField(max_length=200)  # what is delegated
    holder_kind = models.CharField(max_length=30, blank=True)  # the post that holds it
    holder = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    committee = models.ForeignKey(
        "people.Committee", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # the committee whose resolution gave it
    consult_chair = models.BooleanField(default=False)  # exercised "in consultation with the chair"
    resolution_ref = models.CharField(max_length=80, blank=True)  # the minute that delegated it
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["ref"]
        constraints = [models.UniqueConstraint(fields=["council", "ref"], name="delegated_authority_unique_ref")]

    def __str__(self) -> str:
        return f"{self.ref}: {self.title}"


class Decision(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="delegated_decisions")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="decisions")
    decided_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    decider_title = models.CharField(max_length=120)  # the post, as published
    title = models.CharField(max_length=200)
    summary = models.TextField()  # published on the transparency page when ``published``
    rationale = models.TextField()
    consultee = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # the chair consulted: never the decider
    minute_ref = models.CharField(max_length=80, blank=True)  # the minute or resolution that approves it
    published = models.BooleanField(default=True)
    decided_on = models.DateField()
    implemented_on = models.DateField(null=True, blank=True)
    implemented_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "decided_by", "submission_key"], name="delegated_decision_unique_submission"
            ),
        ]
        indexes = [models.Index(fields=["council", "published", "-decided_on"], name="delegated_decision_public")]

    def __str__(self) -> str:
        return f"Delegated decision {self.pk}"


class Remit(models.Model):
    """One item of a committee's terms of reference: what the committee may decide (003 7.8; 004 2.6, 7.3)."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="remits")
    committee = models.ForeignKey("people.Committee", on_delete=models.PROTECT, related_name="+")
    ref = models.CharField(max_length=80)  # e.g. "ToR 3"
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["committee", "ref"]
        constraints = [models.UniqueConstraint(fields=["committee", "ref"], name="remit_unique_ref")]

    def __str__(self) -> str:
        return f"{self.ref}: {self.text}"


class Resolution(models.Model):
    """A decision of the council or one of its committees, with the officers' advice beside it: members decide,
    having regard to that advice (000 Councillors ¶5 •1; 004 2.10), and officers implement a properly made decision
    even where it departs from their advice (000 Officer/Clerks ¶4 •1)."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="resolutions")
    committee = models.ForeignKey(  # None: the full council
        "people.Committee", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    remit = models.ForeignKey(Remit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=200)
    text = models.TextField()  # what was resolved
    minute_ref = models.CharField(max_length=80)
    officer_advice = models.TextField()
    follows_advice = models.BooleanField()
    departure_reasons = models.TextField(blank=True)
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField()
    implemented_on = models.DateField(null=True, blank=True)
    implemented_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "recorded_by", "submission_key"], name="resolution_unique_submission"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Explanation(models.Model):
    """A councillor's request that the officer explain the guidelines used for a delegated decision (002 3.7),
    on the enquiry clock, and the answer."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="explanations")
    asked_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    question = models.TextField()
    asked_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    answered_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-asked_on", "-id"]

    def __str__(self) -> str:
        return f"Explanation of decision {self.decision_id}"
