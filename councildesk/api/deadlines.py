"""API routes for the deadline calculator: statutory regimes and this council's own targets."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Path, Router, Schema, Status

from councildesk.core.errors import ValidationFailed
from councildesk.deadlines.selectors import deadline_calculate_for, deadline_options_for, parse_request

from . import schemas as s
from .common import ERRORS, gate

router = Router(tags=["deadlines"])


class SkippedDayOut(Schema):
    day: dt.date
    reason: str


class DeadlineOut(Schema):
    regime: str
    title: str
    received: dt.date
    due: dt.date
    label: str
    unit: str
    value: int
    calendar: str
    calendar_name: str
    source: str
    skipped: list[SkippedDayOut]


class RegimeOut(Schema):
    regime: str
    title: str
    period: str
    source: str
    kind: str
    description: str


class InvalidInputOut(s.ErrorOut):
    problems: dict[str, str]


@router.get("", response={200: DeadlineOut, **ERRORS, 422: InvalidInputOut})
def deadline_get(
    request: HttpRequest, slug: Path[str], regime: str = "", received: str = ""
) -> dict[str, object] | Status[dict[str, object]]:
    """When a request or enquiry received on ``received`` (YYYY-MM-DD) is due under ``regime``.

    ``regime`` is a statutory regime (``foi``, ``foisa``, ``eir``, ``eir_extended``, ``sar``) or one of this
    council's targets (``enquiry_response``, ...): ``GET .../deadlines/regimes`` lists what this council offers.
    """
    m = gate(request, slug)
    try:
        option, day = parse_request(deadline_options_for(m), regime, received)
    except ValidationFailed as e:
        return Status(422, e.as_dict())
    result = deadline_calculate_for(m, option.key, day)
    d = result.deadline
    return {
        "regime": result.option.key,
        "title": result.option.label,
        "received": result.received,
        "due": d.due,
        "label": d.label(),
        "unit": d.unit,
        "value": d.value,
        "calendar": d.calendar,
        "calendar_name": result.calendar_name,
        "source": result.option.source,
        "skipped": [{"day": x.day, "reason": x.reason} for x in d.skipped],
    }


@router.get("/regimes", response={200: list[RegimeOut], **ERRORS})
def deadline_regimes(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    """What this council can calculate: the statutory regimes of its nation, then its own targets."""
    return [
        {
            "regime": o.key,
            "title": o.label,
            "period": o.period,
            "source": o.source,
            "kind": o.kind,
            "description": o.description,
        }
        for o in deadline_options_for(gate(request, slug))
    ]
