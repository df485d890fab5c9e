"""The sweep's document job: exempt papers become public on their date (found through a partial index)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .services import documents_publish_due


def run(now: dt.datetime) -> int:
    """Publish every exempt paper whose "becomes public" date has come; returns how many. Idempotent."""
    return documents_publish_due(today=timezone.localdate(now))
