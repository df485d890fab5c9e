"""A council is the tenant: every other row belongs to one, and URLs are scoped by its slug."""

from __future__ import annotations

from functools import cached_property

from django.db import models

from .profiles import Profile


class Council(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)
    nation = models.CharField(max_length=20)
    # The validated profile as loaded, and the hash of the file it came from.
    profile_data = models.JSONField()
    profile_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @cached_property
    def profile(self) -> Profile:
        return Profile.model_validate(self.profile_data)
