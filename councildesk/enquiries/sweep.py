"""The enquiry clock's sweep job: reminders, overdue notices and escalation, and recalculation after a calendar
change. Due enquiries are found through the partial index on ``next_notice_on``, never by scanning, and each
notice is sent once: the bit set ``notices_sent`` is updated under a row lock, and notifications carry a
dedupe key, so two sweeps at once still send one notice.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.calendars.working_days import Calendar
from councildesk.catalogue.ids import R, RuleId
from councildesk.catalogue.registry import implements
from councildesk.councils.calendar import calendar_for
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.models import Person

from . import rules
from .clock import Notice, label, next_notice
from .common import long_date, role_holders, url_of
from .deadlines import reschedule, target_note
from .handling import enquiry_recompute
from .models import CalendarState, Enquiry

BATCH = 500
PER_TRANSACTION = 50


class RoleHolders:
    """Who holds each role, looked up once per council and role during one sweep."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self._found: dict[tuple[int, str], list[Person]] = {}

    def __call__(self, council: Council, kind: str) -> list[Person]:
        key = (council.pk, kind)
        if key not in self._found:
            self._found[key] = role_holders(council, {kind}, self.today)
        return self._found[key]


def run(now: dt.datetime) -> int:
    today = timezone.localdate(now)
    return recalculate_changed_calendars() + send_due_notices(today)


def recalculate_changed_calendars() -> int:
    """Recompute the open deadlines of every council whose calendar changed since they were computed."""
    done = 0
    for council in Council.objects.all():
        fingerprint = calendar_for(council).fingerprint
        state = CalendarState.objects.filter(council=council).first()
        if state is not None and state.fingerprint == fingerprint:
            continue
        open_ids = list(
            Enquiry.objects.filter(council=council, status__in=Enquiry.OPEN)
            .exclude(calendar=fingerprint)
            .values_list("id", flat=True)
        )
        for pk in open_ids:
            with transaction.atomic():
                e = Enquiry.objects.select_for_update().select_related("council").get(pk=pk)
                done += int(enquiry_recompute(e=e))
        CalendarState.objects.update_or_create(council=council, defaults={"fingerprint": fingerprint})
    return done


def send_due_notices(today: dt.date) -> int:
    holders = RoleHolders(today)
    sent = 0
    calendars: dict[int, Calendar] = {}
    councils: dict[int, Council] = {}  # one parsed profile per council for the whole sweep
    seen: set[int] = set()
    while True:
        due = Enquiry.objects.filter(next_notice_on__lte=today).exclude(pk__in=seen).order_by("next_notice_on", "id")
        ids = list(due.values_list("id", flat=True)[:BATCH])
        if not ids:
            return sent
        seen.update(ids)
        for start in range(0, len(ids), PER_TRANSACTION):
            with transaction.atomic():  # one commit per group of enquiries, not per enquiry
                group = ids[start : start + PER_TRANSACTION]
                # The whole group is locked with one query, in id order so two sweeps cannot deadlock.
                locked = Enquiry.objects.select_for_update().filter(pk__in=group).order_by("id")
                for e in locked:
                    if e.next_notice_on is None or e.next_notice_on > today:
                        continue  # another sweep got there first
                    if e.council_id not in councils:
                        councils[e.council_id] = Council.objects.get(pk=e.council_id)
                        calendars[e.council_id] = calendar_for(councils[e.council_id])
                    e.council = councils[e.council_id]
                    sent += _send(e, today, calendars[e.council_id], holders)


@implements(R.ENQUIRY_RESPONSE_TARGET)
def _send(e: Enquiry, today: dt.date, calendar: Calendar, holders: RoleHolders) -> int:
    sent = 0
    while nxt := next_notice(
        ack_due=e.ack_due,
        acknowledged=e.acknowledged_at is not None,
        response_due=e.response_due,
        response_unit=e.response_unit,
        sent=e.notices_sent,
        calendar=calendar,
    ):
        notice, day = nxt
        if day > today:
            break
        stale_reminder = notice == Notice.RESPONSE_REMINDER and e.response_due is not None and today > e.response_due
        if not stale_reminder:
            _notify(e, notice, holders)
            record(
                council=e.council,
                actor=None,
                action=events.ENQUIRY_NOTICE_SENT,
                subject=e,
                data={"notice": notice.name, "due": day.isoformat()},
                rule_ids=[c.rule_id for c in e.council.profile.cite(_rule_for(e, notice))],
            )
            sent += 1
        e.notices_sent |= int(notice)
    reschedule(e, calendar)
    e.save(update_fields=["notices_sent", "next_notice_on"])
    return sent


def _rule_for(e: Enquiry, notice: Notice) -> RuleId:
    if e.direction == Enquiry.Direction.TO_COUNCILLOR:
        return R.ENQUIRY_MEMBER_RESPONSE_TO_OFFICERS
    if notice == Notice.RESPONSE_OVERDUE and rules.follow_up_offered(e.council.profile):
        return R.ENQUIRY_UNANSWERED_FOLLOW_UP
    return R.ENQUIRY_RESPONSE_TARGET


def _handlers(e: Enquiry, holders: RoleHolders) -> list[Person]:
    if e.direction == Enquiry.Direction.TO_COUNCILLOR or e.assignee_id or e.addressed_to_id:
        return [p for p in (e.assignee, e.addressed_to) if p is not None]
    kind = rules.route_for(e.council.profile, e.category).recipient_kind
    return holders(e.council, kind)


def _notify(e: Enquiry, notice: Notice, holders: RoleHolders) -> None:
    council, profile = e.council, e.council.profile
    heads = holders(council, profile.deciders.assign_work)
    due = label(e.clock_start, e.response_due, e.response_value, e.response_unit, e.extra_units)
    due = f"{due}; {target_note(council, e)}"
    if notice == Notice.ACK_OVERDUE:
        people, subject = heads, f"{e.ref} has not been acknowledged"
        body = (
            f"'{e.subject}' was due to be acknowledged by {long_date(e.ack_due)} ({target_note(council, e, ack=True)})."
        )
    elif notice == Notice.RESPONSE_REMINDER:
        people, subject = _handlers(e, holders), f"Reminder: {e.ref} is {due}"
        body = f"'{e.subject}' is {due}."
    else:
        people = _handlers(e, holders)
        if e.direction == Enquiry.Direction.TO_OFFICER:
            escalation = holders(council, rules.escalation_kind(profile))
            people = [*people, *heads, *escalation]
        subject, body = f"Overdue: {e.ref} was {due}", f"'{e.subject}' has passed its target ({due})."
    raiser_text = None
    if notice == Notice.RESPONSE_OVERDUE and e.direction == Enquiry.Direction.TO_OFFICER:
        raiser_text = f"Your enquiry '{e.subject}' has passed its target ({due})."
        if rules.follow_up_offered(profile):
            title = profile.title_for(rules.escalation_kind(profile))
            clause = profile.clause(R.ENQUIRY_UNANSWERED_FOLLOW_UP)
            raiser_text += f" You can follow it up with the {title} ({clause})."
    for person in {p.pk: p for p in people}.values():
        notify(
            council=council,
            recipient=person,
            kind=f"enquiry.{str(notice.name).lower()}",
            subject=subject,
            body=body,
            url=url_of(e),
            dedupe_key=f"enquiry:{e.pk}:{notice.name}:{e.response_due}:{person.pk}",
        )
    if raiser_text:
        notify(
            council=council,
            recipient=e.raised_by,
            kind="enquiry.overdue_to_raiser",
            subject=f"{e.ref} is overdue",
            body=raiser_text,
            url=url_of(e),
            dedupe_key=f"enquiry:{e.pk}:overdue_raiser:{e.response_due}",
        )
