"""The complaint reminder sweep job: a complaint still open after its response target reminds the people handling
it, once. Due complaints are found through the partial index on ``respond_by`` (unreminded, open); each is marked
under a row lock and each notice carries a dedupe key, so two sweeps at once still send one reminder each. The
reminder says nothing of the complaint's content.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core.dates import long_date
from councildesk.notifications.services import notify

from . import events, rules
from .models import Complaint, Handler
from .services import _url

BATCH = 500


@implements(
    R.COMPLAINTS_TIMELY_RESPONSE,
    silent="baseline",
    baseline="every complaint gets a response target on the council's calendar, so none waits unseen",
)
def run(now: dt.datetime) -> int:
    today = timezone.localdate(now)
    due = list(
        Complaint.objects.filter(overdue_reminded_at__isnull=True, respond_by__isnull=False, respond_by__lt=today)
        .exclude(stage=rules.STAGE_CLOSED)
        .order_by("respond_by", "id")
        .values_list("pk", flat=True)[:BATCH]
    )
    sent = 0
    for pk in due:
        with transaction.atomic():
            c = Complaint.objects.select_for_update().select_related("council").filter(pk=pk).first()
            if c is None or c.overdue_reminded_at is not None or c.stage == rules.STAGE_CLOSED:
                continue
            assert c.respond_by is not None
            handlers = [h.person for h in Handler.objects.filter(complaint=c, active=True).select_related("person")]
            for person in handlers:
                notify(
                    council=c.council,
                    recipient=person,
                    kind="complaint",
                    subject=f"A confidential complaint passed its response target on {long_date(c.respond_by)}",
                    body="Sign in to read it and record what has been done. It is confidential to the people "
                    "handling it.",
                    url=_url(c),
                    dedupe_key=f"complaint:{c.pk}:overdue:{person.pk}",
                )
            c.overdue_reminded_at = now
            c.save(update_fields=["overdue_reminded_at"])
            record(
                council=c.council,
                actor=None,
                action=events.COMPLAINT_REMINDED,
                subject=c,
                data={"respond_by": c.respond_by.isoformat(), "handlers": [p.username for p in handlers]},
                rule_ids=[R.COMPLAINTS_TIMELY_RESPONSE],
            )
            sent += len(handlers)
    return sent
