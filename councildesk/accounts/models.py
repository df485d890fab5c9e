"""Recovery codes: each opens one sign-in when the authenticator is lost. Only a keyed digest is stored."""

from __future__ import annotations

from django.db import models


class RecoveryCode(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "digest"])]

    def __str__(self) -> str:
        return f"recovery code of {self.person_id}{' (used)' if self.used_at else ''}"


class SetUpDue(models.Model):
    """An administrator reset this person's second factor: they set one up again at their next sign-in, whatever
    their role. Removed when they do."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="second_factor_due")
    reset_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"second factor to set up again by {self.person_id}"
