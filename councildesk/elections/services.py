"""Writes for pre-election periods: the head officer records a poll; the notice of election's date comes from the
election timetable library where it can, and from the head officer otherwise. Gate -> checks -> write -> audit."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.core import clock
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.councils.models import Council
from councildesk.people.access import membership_for
from councildesk.people.models import Person

from . import events, rules
from .models import PreElectionPeriod


def period_record(
    *,
    actor: Person,
    council: Council,
    title: str,
    poll_date: dt.date | None,
    notice_date: dt.date | None = None,
    kind: str = PreElectionPeriod.Kind.SCHEDULED,
) -> PreElectionPeriod:
    """Record a poll and its pre-election period. Without a notice date, the library computes the last day for
    the notice of election from the poll date and the council's nation; where it cannot, the head officer must
    enter it."""
    m = membership_for(actor, council.slug)
    if not m.is_head_officer:
        raise NotFound("That page")
    problems: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        problems["title"] = "Enter what the poll is, for example “Town council elections”."
    elif len(title) > 200:
        problems["title"] = "The title must be 200 characters or fewer."
    if kind not in PreElectionPeriod.Kind.values:
        problems["kind"] = "Choose the kind of poll."
    if poll_date is None:
        problems["poll_date"] = "Enter polling day."
    source = PreElectionPeriod.NoticeSource.CLERK
    if poll_date is not None and notice_date is None:
        try:
            notice_date = rules.notice_of_election_date(poll_date, council.nation)
            source = PreElectionPeriod.NoticeSource.LIBRARY
        except rules.NoticeDateUnknown:
            problems["notice_date"] = "The notice date cannot be worked out for this poll: enter it."
    wrong = rules.check_dates(notice_date, poll_date) if poll_date and notice_date else None
    if wrong and "notice_date" not in problems:
        problems["notice_date"] = wrong
    if problems or poll_date is None or notice_date is None:
        raise ValidationFailed("Check the pre-election period.", problems)
    with transaction.atomic():
        period = PreElectionPeriod.objects.create(
            council=council,
            kind=kind,
            title=title,
            poll_date=poll_date,
            notice_date=notice_date,
            notice_source=source,
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        record(
            council=council,
            actor=actor,
            action=events.PRE_ELECTION_PERIOD_RECORDED,
            subject=period,
            data={"title": title, "kind": kind, "poll_date": poll_date, "notice_date": notice_date, "source": source},
            rule_ids=[R.ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW],
        )
    return period
