"""The review reminder sweep job: the protocol's review date raises reminders to the head officer (the Clerk) and
the chair before it is due, and again on the day (000 version table; 004 HEADER and 1.2).

Due versions are found through the partial index on ``review_notice_on``; each stage is marked under a row lock
and each notice carries a dedupe key, so two sweeps at once still send one reminder.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.notifications.services import notify
from councildesk.people.kinds import CHAIR, MAYOR
from councildesk.people.selectors import role_holders

from .models import ProtocolVersion

DUE_SOON, DUE = 1, 2


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@implements(
    R.PROTOCOL_REVIEW_DUE,
    silent="baseline",
    baseline="a review date recorded for the protocol is reminded, whether or not the text sets a cycle",
)
def run(now: dt.datetime) -> int:
    today = timezone.localdate(now)
    due_ids = list(
        ProtocolVersion.objects.filter(review_notice_on__isnull=False, review_notice_on__lte=today)
        .order_by("review_notice_on", "id")
        .values_list("pk", flat=True)[:500]
    )
    sent = 0
    for pk in due_ids:
        with transaction.atomic():
            v = ProtocolVersion.objects.select_for_update().select_related("council").filter(pk=pk).first()
            if v is None or v.review_notice_on is None or v.review_notice_on > today or v.next_review is None:
                continue
            stage = DUE if today >= v.next_review else DUE_SOON
            if v.review_notices_sent >= stage:
                continue
            council, profile = v.council, v.council.profile
            people = role_holders(council, [profile.roles.head_of_paid_service, CHAIR, MAYOR], today)
            when = _long(v.next_review)
            subject = (
                f"The protocol is due for review on {when}"
                if stage == DUE_SOON
                else f"The protocol's review date, {when}, has come"
            )
            body = (
                f"Version {v.version} of {profile.protocol.title} is due for review on {when}. "
                "Put the review to the council in time, and record the new version with its minute reference."
            )
            for person in people:
                notify(
                    council=council,
                    recipient=person,
                    kind="protocol.review_due",
                    subject=subject,
                    body=body,
                    url=reverse("protocol", args=[council.slug]),
                    dedupe_key=f"protocol_review:{v.pk}:{v.next_review.isoformat()}:{stage}:{person.pk}",
                )
            v.review_notices_sent = stage
            v.review_notice_on = v.next_review if stage == DUE_SOON else None
            v.save(update_fields=["review_notices_sent", "review_notice_on"])
            record(
                council=council,
                actor=None,
                action=events.PROTOCOL_VERSION_REVIEW_REMINDED,
                subject=v,
                data={
                    "stage": "due_soon" if stage == DUE_SOON else "due",
                    "next_review": v.next_review.isoformat(),
                    "recipients": len(people),
                },
                rule_ids=[R.PROTOCOL_REVIEW_DUE],
            )
            sent += 1
    return sent
