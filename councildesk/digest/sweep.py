"""The sweep job: once a week, from Monday, each current councillor of a council whose protocol asks officers to
keep councillors informed gets one digest of the week before, by notice and email. Nothing new: no digest."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from councildesk.catalogue.ids import R
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import membership_for
from councildesk.people.kinds import MEMBER_KINDS
from councildesk.people.selectors import role_holders

from .compose import lines_for
from .models import DigestRun
from .rules import week_before


def _body(lines: list[str], clause: str | None) -> str:
    why = f" (your protocol, {clause})" if clause else ""
    listed = "\n".join(f"- {line}" for line in lines)
    return f"New since last week, for the positions you hold{why}:\n\n{listed}"


def run(now: dt.datetime) -> int:
    """Write this week's digests for every council due one; returns how many digests were written."""
    day = timezone.localdate(now)
    week = week_before(day)
    written = 0
    for council in Council.objects.order_by("pk"):
        profile = council.profile
        if not profile.adopts(R.ACCESS_PROACTIVE_INFO_BY_POSITION):
            continue
        if DigestRun.objects.filter(council=council, week=week.key).exists():
            continue
        try:
            with transaction.atomic():
                run_row = DigestRun.objects.create(council=council, week=week.key, written_at=now)
                for person in role_holders(council, sorted(MEMBER_KINDS), day):
                    m = membership_for(person, council.slug, day=day)
                    lines = lines_for(m, week)
                    if not lines:
                        continue
                    notify(
                        council=council,
                        recipient=person,
                        kind="councillor_digest",
                        subject=f"Your weekly update from {council.name}",
                        body=_body([line.text for line in lines], profile.clause(R.ACCESS_PROACTIVE_INFO_BY_POSITION)),
                        url=reverse("documents", args=[council.slug]),
                        dedupe_key=f"digest-{week.key}-{person.pk}",
                    )
                    run_row.sent += 1
                run_row.save(update_fields=["sent"])
                written += run_row.sent
        except IntegrityError:  # another sweep wrote this week's run first
            continue
    return written
