"""API routes for in-app notifications and, for the head officer, the email outbox."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["notifications"])
