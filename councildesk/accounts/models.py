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
