"""API routes for documents and need-to-know: list, upload, request, decide, challenge, disclosure log."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["documents"])
