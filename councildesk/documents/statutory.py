"""Statutory requests (000 ACCESS ¶6; 002 4.1; 004 10.9): a councillor may ask under FOI, FOISA or EIR instead of
need to know. They run on the statutory clock, counted by the calendars package. The law gives everyone these
rights, so they apply where a protocol is silent too (the citation says so)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.calendars.statutory import Regime, regimes_for, statutory_deadline
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.dates import long_date
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import membership_for
from councildesk.people.models import Person
from councildesk.people.selectors import role_holders

from .models import StatutoryRequest
from .need_to_know import TEXT_MIN, cited
from .permissions import Access
from .rules import BASELINES


@implements(
    R.ACCESS_STATUTORY_RIGHTS_PRESERVED,
    silent="baseline",
    baseline=BASELINES[R.ACCESS_STATUTORY_RIGHTS_PRESERVED],
)
def statutory_request_make(
    *, actor: Person, council: Council, regime: str, description: str, received: dt.date | None = None
) -> StatutoryRequest:
    with transaction.atomic():
        a = Access(membership_for(actor, council.slug))
        if not a.viewer.is_member:
            raise NotFound("That page")
        # Extending an EIR request is the council's decision (statutory_request_extend), never the requester's.
        allowed = {r.value for r in regimes_for(council.nation) if r not in (Regime.SAR, Regime.EIR_EXTENDED)}  # type: ignore[arg-type]
        problems: dict[str, str] = {}
        if regime not in allowed:
            problems["regime"] = "Choose " + ", ".join(sorted(r.upper() for r in allowed)) + "."
        if len(description.strip()) < TEXT_MIN:
            problems["description"] = "Describe the information you ask for."
        if problems:
            raise ValidationFailed("The request is incomplete.", problems)
        day = received or a.m.day
        due = statutory_deadline(Regime(regime), day, council.nation)  # type: ignore[arg-type]
        req = StatutoryRequest.objects.create(
            council=council,
            requester=actor,
            regime=regime,
            description=description.strip(),
            received=day,
            due=due.due,
            skipped_days=[{"day": s.day.isoformat(), "reason": s.reason} for s in due.skipped][:400],
            created_at=clock.now(),
        )
        record(
            council=council,
            actor=actor,
            action=events.STATUTORY_REQUEST_MADE,
            subject=req,
            data={"regime": regime, "received": day, "due": due.due},
            rule_ids=[c.rule_id for c in cited(council, [R.ACCESS_STATUTORY_RIGHTS_PRESERVED])],
        )
        for person in role_holders(council, [a.policy.head_officer_kind], a.m.day):
            notify(
                council=council,
                recipient=person,
                kind="statutory_request.made",
                subject=f"A {Regime(regime).value.upper()} request is due by {long_date(due.due)}",
                body="A councillor has made a statutory request for information.",
                url=reverse("statutory_requests", kwargs={"slug": council.slug}),
            )
        return req


def statutory_request_extend(*, actor: Person, council: Council, pk: int) -> StatutoryRequest:
    """The council extends an EIR request for complex or voluminous information (EIR 2004 reg. 7): the head
    officer's decision, recorded, with the new date counted from receipt and the requester told."""
    with transaction.atomic():
        a = Access(membership_for(actor, council.slug))
        if not a.m.is_head_officer:
            raise NotFound("That page")
        req = StatutoryRequest.objects.select_for_update().filter(council=council, pk=pk).first()
        if req is None:
            raise NotFound("That request")
        if req.regime != Regime.EIR.value:
            raise ValidationFailed("Only an EIR request can be extended this way, and only once.")
        due = statutory_deadline(Regime.EIR_EXTENDED, req.received, council.nation)  # type: ignore[arg-type]
        req.regime = Regime.EIR_EXTENDED.value
        req.due = due.due
        req.skipped_days = [{"day": s.day.isoformat(), "reason": s.reason} for s in due.skipped][:400]
        req.save(update_fields=["regime", "due", "skipped_days"])
        record(
            council=council,
            actor=actor,
            action=events.STATUTORY_REQUEST_EXTENDED,
            subject=req,
            data={"due": due.due},
            rule_ids=[c.rule_id for c in cited(council, [R.ACCESS_STATUTORY_RIGHTS_PRESERVED])],
        )
        notify(
            council=council,
            recipient=req.requester,
            kind="statutory_request.extended",
            subject=f"Your EIR request now has until {long_date(due.due)}",
            body="The council extended it because the information is complex or voluminous.",
            url=reverse("statutory_requests", kwargs={"slug": council.slug}),
        )
        return req
