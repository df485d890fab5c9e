"""Reads for payments, contracts and the register of signatories: council business, read by everyone with a role
in the council; another council's rows answer 404 like a missing id."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from councildesk.core.errors import NotFound
from councildesk.councils.models import Council
from councildesk.people.access import Membership

from .models import Commitment, Signatory

PAGE = 200
MAX_ID = 2**63


def signatories_current(council: Council, day: dt.date) -> QuerySet[Signatory]:
    return (
        Signatory.objects.filter(council=council, appointed_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .select_related("person")
    )


def commitments_for(m: Membership) -> list[Commitment]:
    return list(Commitment.objects.filter(council=m.council).select_related("raised_by")[:PAGE])


def commitment_get_for(m: Membership, pk: int) -> Commitment:
    if not 0 < pk < MAX_ID:
        raise NotFound("That payment or contract")
    row = Commitment.objects.filter(council=m.council, pk=pk).select_related("raised_by").first()
    if row is None:
        raise NotFound("That payment or contract")
    return row
