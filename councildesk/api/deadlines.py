"""API routes for the deadline calculator: statutory regimes and this council's own targets."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["deadlines"])
