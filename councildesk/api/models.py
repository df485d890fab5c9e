"""Per-user API tokens. Only a SHA-256 of the token is stored; the token itself is shown once."""

from __future__ import annotations

from django.db import models


class ApiToken(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="The first characters, so the owner can tell tokens apart.")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Every token runs out (COUNCILDESK_API_TOKEN_MAX_DAYS at most); a read-only one may only GET.
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Refused from this moment on.")
    read_only = models.BooleanField(default=False, help_text="May read (GET) but not change anything.")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
