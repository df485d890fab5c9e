"""API routes for enquiries: raise, route, assign, answer, decline, pause, extend, escalate."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["enquiries"])
