"""Handling an enquiry: assignment by the head officer only, answer, decline with rule and clause, pause and
resume, extension, priorities, escalation, and an officer's question to a councillor."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.audit.models import AuditEvent
from councildesk.audit.verification import verify_council
from councildesk.core.errors import Conflict, NotFound, ProtocolViolation, ValidationFailed
from councildesk.enquiries import handling
from councildesk.enquiries.models import Enquiry
from councildesk.enquiries.services import enquiry_raise, question_ask
from councildesk.notifications.models import Notification


def raised(cast, key="k"):
    return enquiry_raise(
        actor=cast.councillor, council=cast.council, subject="Pond", details="Bench broken", submission_key=key
    )


def test_the_head_officer_assigns_and_the_officer_answers(sandon_cast):
    c = sandon_cast
    e = raised(c)
    handling.enquiry_assign(actor=c.head, council=c.council, pk=e.pk, assignee=c.officer)
    handling.enquiry_answer(actor=c.officer, council=c.council, pk=e.pk, answer="Fixed on Friday.")
    e.refresh_from_db()
    assert (e.status, e.answer, e.next_notice_on) == ("answered", "Fixed on Friday.", None)
    assert Notification.objects.filter(recipient=c.councillor, kind="enquiry.answered").exists()
    assert verify_council(c.council).ok


@pytest.mark.rule("ENQUIRY_CLERK_SETS_PRIORITIES")
def test_nobody_but_the_head_officer_assigns(sandon_cast):
    c = sandon_cast
    e = raised(c)
    with pytest.raises(ProtocolViolation) as exc:
        handling.enquiry_assign(actor=c.councillor, council=c.council, pk=e.pk, assignee=c.officer)
    assert exc.value.citations
    assert Enquiry.objects.get(pk=e.pk).assignee is None


def test_another_councillor_cannot_see_or_touch_it(sandon_cast):
    c = sandon_cast
    e = raised(c)
    with pytest.raises(NotFound):
        handling.enquiry_comment(actor=c.other_councillor, council=c.council, pk=e.pk, text="hello")


@pytest.mark.rule("ENQUIRY_OFFICER_MAY_DECLINE", "RESOURCES_NO_PARTY_POLITICAL_STAFF_WORK")
@pytest.mark.parametrize(
    ("fixture", "code", "rule", "clause"),
    [
        ("district_cast", "outside_duties_or_hours", "ENQUIRY_RESPECT_WORKING_HOURS", "3.4"),
        ("mayor_cast", "party_political", "RESOURCES_NO_PARTY_POLITICAL_STAFF_WORK", "14.3"),
        ("sandon_cast", "professional_judgement", "ENQUIRY_OFFICER_MAY_DECLINE", "Councillors ¶5"),
    ],
)
def test_a_decline_carries_reason_rule_and_the_councils_clause(request, fixture, code, rule, clause):
    c = request.getfixturevalue(fixture)
    e = raised(c)
    handling.enquiry_decline(actor=c.head, council=c.council, pk=e.pk, code=code, explanation="Not for officers.")
    e.refresh_from_db()
    assert (e.status, e.decline_code, e.decline_rule) == ("declined", code, rule)
    assert clause in e.decline_clause
    note = Notification.objects.get(recipient=c.councillor, kind="enquiry.declined")
    assert c.council.profile.title(rule) in note.body  # the rule's title, not its code-style id (issue 13)
    assert rule not in note.body
    assert clause in note.body


def test_a_reason_the_council_did_not_adopt_is_refused(sandon_cast):
    c = sandon_cast  # 000 does not have the working-hours ground (002 only)
    e = raised(c)
    with pytest.raises(ValidationFailed):
        handling.enquiry_decline(
            actor=c.head, council=c.council, pk=e.pk, code="outside_duties_or_hours", explanation="x"
        )


@pytest.mark.rule("ENQUIRY_RESPONSE_TARGET")
def test_pausing_stops_the_clock_and_resuming_moves_the_deadline(sandon_cast, frozen):
    c = sandon_cast
    e = raised(c)
    due = e.response_due
    handling.enquiry_pause(actor=c.head, council=c.council, pk=e.pk, reason="Waiting for the councillor's map")
    assert Enquiry.objects.get(pk=e.pk).next_notice_on is None
    frozen.set(frozen.at + dt.timedelta(days=7))  # Mon 7 Dec: five working days later
    e = handling.enquiry_resume(actor=c.councillor, council=c.council, pk=e.pk)
    assert e.extra_units == 5
    assert e.response_due == dt.date(2026, 12, 21)
    assert e.response_due > due


def test_an_extension_needs_a_reason_and_is_shown(sandon_cast):
    c = sandon_cast
    e = raised(c)
    with pytest.raises(ValidationFailed):
        handling.enquiry_extend(actor=c.head, council=c.council, pk=e.pk, units=3, reason=" ")
    e = handling.enquiry_extend(actor=c.head, council=c.council, pk=e.pk, units=3, reason="Needs the auditor")
    assert e.response_due == dt.date(2026, 12, 17)
    assert AuditEvent.objects.filter(action="enquiry.extended").count() == 1


@pytest.mark.rule("ENQUIRY_CLERK_SETS_PRIORITIES", "ENQUIRY_NO_QUEUE_JUMPING")
def test_a_councillor_cannot_jump_the_queue(mayor_cast):
    c = mayor_cast
    e = raised(c)
    with pytest.raises(ProtocolViolation) as exc:
        handling.enquiry_set_priority(actor=c.councillor, council=c.council, pk=e.pk, priority=2)
    cited = {x.rule_id: x.clause for x in exc.value.citations}
    assert cited == {"ENQUIRY_CLERK_SETS_PRIORITIES": "4.7; 9.5", "ENQUIRY_NO_QUEUE_JUMPING": "9.5"}
    handling.enquiry_set_priority(actor=c.head, council=c.council, pk=e.pk, priority=2)
    assert Enquiry.objects.get(pk=e.pk).priority == 2


@pytest.mark.rule("ENQUIRY_UNANSWERED_FOLLOW_UP")
def test_escalation_in_002_goes_to_cmt_once_overdue(district_cast, frozen):
    c = district_cast
    e = raised(c)
    with pytest.raises(ProtocolViolation) as exc:
        handling.enquiry_escalate(actor=c.councillor, council=c.council, pk=e.pk)
    assert exc.value.citations[0].clause.startswith("3.6")
    frozen.set(frozen.at + dt.timedelta(days=8))
    e = handling.enquiry_escalate(actor=c.councillor, council=c.council, pk=e.pk)
    assert e.escalated_to == c.cmt
    with pytest.raises(Conflict):
        handling.enquiry_escalate(actor=c.councillor, council=c.council, pk=e.pk)


def test_an_answered_enquiry_cannot_be_answered_again(sandon_cast):
    c = sandon_cast
    e = raised(c)
    handling.enquiry_answer(actor=c.head, council=c.council, pk=e.pk, answer="Yes")
    with pytest.raises(Conflict):
        handling.enquiry_answer(actor=c.head, council=c.council, pk=e.pk, answer="Again")


@pytest.mark.rule("ENQUIRY_MEMBER_RESPONSE_TO_OFFICERS")
def test_an_officer_asks_a_councillor_who_answers(mayor_cast):
    c = mayor_cast
    q = question_ask(
        actor=c.officer,
        council=c.council,
        councillor=c.councillor,
        subject="Walkabout",
        details="Which day?",
        submission_key="q",
    )
    assert (q.direction, q.response_unit, q.response_value) == ("to_councillor", "working_days", 10)
    with pytest.raises(ProtocolViolation):
        handling.enquiry_answer(actor=c.officer, council=c.council, pk=q.pk, answer="me?")
    handling.enquiry_answer(actor=c.councillor, council=c.council, pk=q.pk, answer="Tuesday")
    assert Enquiry.objects.get(pk=q.pk).status == "answered"
