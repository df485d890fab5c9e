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


class SignedInSession(models.Model):
    """Which server-side sessions a person is signed in with, so an administrator's action or a new password can
    end them all (accounts/sessions.py). Written on sign-in, removed on sign-out."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"session of {self.person_id}"


class Passkey(models.Model):
    """A WebAuthn credential (a passkey or security key) a person signs in with as their second factor (ADR 0019).
    Only the public key is kept; ``sign_count`` is the authenticator's counter, refused if it goes backwards."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="passkeys")
    name = models.CharField(max_length=60)
    credential_id = models.BinaryField(max_length=1023, unique=True)
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.JSONField(default=list)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"passkey {self.name!r} of {self.person_id}"
