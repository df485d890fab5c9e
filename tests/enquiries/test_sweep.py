"""The enquiry clock in the sweep: reminders, overdue notices and escalation, each sent once; recalculation
when the calendar changes; due enquiries found through the index."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from councildesk.audit.models import AuditEvent
from councildesk.councils.models import Council
from councildesk.enquiries import sweep
from councildesk.enquiries.models import Enquiry
from councildesk.enquiries.services import enquiry_raise
from councildesk.notifications.models import Notification


def raised(cast, key="k"):
    return enquiry_raise(
        actor=cast.councillor, council=cast.council, subject="Pond", details="Bench broken", submission_key=key
    )


def kinds(person):
    return sorted(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


def test_reminder_then_overdue_each_sent_once(sandon_cast, frozen):
    c = sandon_cast
    e = raised(c)  # ack due Wed 2 Dec, response due Mon 14 Dec
    frozen.set(frozen.at + dt.timedelta(days=3))  # Thu 3 Dec: acknowledgement overdue
    assert sweep.run(frozen.now()) == 1
    assert sweep.run(frozen.now()) == 0
    assert "enquiry.ack_overdue" in kinds(c.head)
    frozen.set(dt.datetime(2026, 12, 11, 9, 0, tzinfo=frozen.at.tzinfo))  # Fri 11 Dec: the working day before
    assert sweep.run(frozen.now()) == 1
    assert "enquiry.response_reminder" in kinds(c.head)  # unassigned: the head officer handles it
    frozen.set(dt.datetime(2026, 12, 15, 9, 0, tzinfo=frozen.at.tzinfo))
    assert sweep.run(frozen.now()) == 1
    assert sweep.run(frozen.now()) == 0
    assert kinds(c.councillor).count("enquiry.overdue_to_raiser") == 1
    assert Enquiry.objects.get(pk=e.pk).next_notice_on is None
    assert AuditEvent.objects.filter(action="enquiry.notice_sent").count() == 3


def test_a_late_sweep_sends_the_overdue_notice_without_a_stale_reminder(sandon_cast, frozen):
    c = sandon_cast
    raised(c)
    frozen.set(dt.datetime(2026, 12, 20, 9, 0, tzinfo=frozen.at.tzinfo))
    assert sweep.run(frozen.now()) == 2  # acknowledgement overdue and response overdue; no reminder
    assert "enquiry.response_reminder" not in kinds(c.head)


def test_002_overdue_tells_cmt_and_offers_the_follow_up(district_cast, frozen):
    c = district_cast
    raised(c)
    frozen.set(frozen.at + dt.timedelta(days=8))
    sweep.run(frozen.now())
    assert "enquiry.response_overdue" in kinds(c.cmt)
    note = Notification.objects.get(recipient=c.councillor, kind="enquiry.overdue_to_raiser")
    assert "3.6" in note.body


def test_closed_and_paused_enquiries_get_nothing(sandon_cast, frozen):
    from councildesk.enquiries import handling

    c = sandon_cast
    a, b = raised(c, "a"), raised(c, "b")
    handling.enquiry_answer(actor=c.head, council=c.council, pk=a.pk, answer="Done")
    handling.enquiry_pause(actor=c.head, council=c.council, pk=b.pk, reason="Waiting")
    frozen.set(frozen.at + dt.timedelta(days=30))
    assert sweep.run(frozen.now()) == 0


def test_a_new_closure_day_moves_open_deadlines_and_is_recorded(sandon_cast, frozen):
    c = sandon_cast
    e = raised(c)
    sweep.run(frozen.now())  # records the calendar in force
    council = Council.objects.get(pk=c.council.pk)
    data = dict(council.profile_data)
    data["closure_days"] = ["2026-12-03"]
    council.profile_data = data
    council.save(update_fields=["profile_data"])
    assert sweep.recalculate_changed_calendars() == 1
    after = Enquiry.objects.get(pk=e.pk)
    assert after.response_due == e.response_due + dt.timedelta(days=1)
    assert after.calendar != e.calendar
    assert AuditEvent.objects.filter(action="enquiry.deadlines_recalculated").count() == 1
    assert sweep.recalculate_changed_calendars() == 0


def test_the_sweep_reads_due_enquiries_through_the_partial_index(sandon_cast, frozen):
    raised(sandon_cast)
    with CaptureQueriesContext(connection) as ctx:
        sweep.send_due_notices(frozen.today())
    select = next(q["sql"] for q in ctx.captured_queries if "next_notice_on" in q["sql"] and "SELECT" in q["sql"])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + select)
            plan = " ".join(str(r) for r in cursor.fetchall())
        else:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN " + select)
            plan = " ".join(r[0] for r in cursor.fetchall())
    assert "enquiry_due_notice" in plan
