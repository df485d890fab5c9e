"""Officers at group meetings: the profile's decider, the direct invitation in 002, who else is present, the Town
Clerk and non-members, no compulsion, even-handedness, the stay, and confidential notes."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.groups import rules, selectors, services
from councildesk.groups.models import AttendanceRequest
from councildesk.notifications.models import Notification
from councildesk.people.access import membership_for


def _ask(w, group="A", **kw):
    kw.setdefault("attendees", "Group members only")
    return services.attendance_request(
        actor=w.leaders[group],
        council=w.council,
        group_id=w.groups[group].pk,
        matter=kw.pop("matter", "Play area"),
        meeting_on=clock.today() + dt.timedelta(days=7),
        **kw,
    )


@pytest.mark.rule("GROUPS_ATTENDANCE_DECIDED_BY_SENIOR_OFFICER")
def test_requests_go_to_the_profiles_decider(district_world, mayor_world):
    for w in (district_world, mayor_world):
        row = _ask(w)
        assert Notification.objects.filter(kind="group_attendance_requested", recipient=w.head).exists()
        with pytest.raises(NotFound):
            services.attendance_decide(actor=w.officer, council=w.council, attendance_id=row.pk, accept=True)
        services.attendance_decide(
            actor=w.head, council=w.council, attendance_id=row.pk, accept=True, attending_officer_id=w.officer.pk
        )
        row.refresh_from_db()
        assert row.attending_officer == w.officer


@pytest.mark.rule("GROUPS_INVITED_OFFICER_NOTIFIES_CHIEF_EXECUTIVE")
def test_a_direct_invitation_in_the_district_reaches_the_chief_executive(district_world):
    w = district_world
    _ask(w, invited_officer_id=w.officer.pk)
    notice = Notification.objects.get(kind="group_attendance_requested", recipient=w.head)
    assert "invited" in notice.body
    assert "for you to decide" in notice.body


@pytest.mark.rule("GROUPS_ATTENDEES_DISCLOSED_TO_OFFICER")
def test_the_district_requires_who_else_is_present(district_world):
    with pytest.raises(ProtocolViolation) as caught:
        _ask(district_world, attendees="")
    assert caught.value.citations[0].clause == "7.5"


@pytest.mark.rule("GROUPS_CLERK_NO_ATTENDANCE_WITH_NON_MEMBERS")
def test_the_town_clerk_does_not_attend_with_non_members_but_another_officer_may(mayor_world):
    w = mayor_world
    with pytest.raises(ProtocolViolation) as caught:
        _ask(w, invited_officer_id=w.head.pk, non_members_present=True)
    assert caught.value.citations[0].clause == "8.2"
    row = _ask(w, non_members_present=True)
    with pytest.raises(ProtocolViolation):
        services.attendance_decide(actor=w.head, council=w.council, attendance_id=row.pk, accept=True)
    services.attendance_decide(
        actor=w.head, council=w.council, attendance_id=row.pk, accept=True, attending_officer_id=w.officer.pk
    )


@pytest.mark.rule("GROUPS_NON_MEMBERS_PRESENT_RESTRICT_INFORMATION")
def test_the_attending_officer_is_warned_when_non_members_are_present(mayor_world):
    w = mayor_world
    row = _ask(w, non_members_present=True)
    services.attendance_decide(
        actor=w.head, council=w.council, attendance_id=row.pk, accept=True, attending_officer_id=w.officer.pk
    )
    notice = Notification.objects.get(kind="group_attendance_assigned", recipient=w.officer)
    assert "do not divulge confidential" in notice.body
    assert [c.clause for c in rules.non_member_warning(w.council.profile, True)] == ["8.14"]


@pytest.mark.rule("GROUPS_NO_COMPULSION_OF_OFFICERS")
def test_the_invited_employee_may_refuse_and_the_refusal_is_recorded(cottingham):
    w = cottingham
    with pytest.raises(ValidationFailed) as caught:
        _ask(w)  # 001 6.2: the employee decides, so the group names whom it invites
    assert "invited_officer" in caught.value.problems
    row = _ask(w, invited_officer_id=w.officer.pk)
    services.attendance_decide(actor=w.officer, council=w.council, attendance_id=row.pk, accept=False, reason="Leave")
    row.refresh_from_db()
    assert row.status == AttendanceRequest.Status.DECLINED
    assert [c.clause for c in rules.decline_citations(w.council.profile)] == ["6.2"]


@pytest.mark.rule("GROUPS_EQUAL_AVAILABILITY_OF_OFFICER_SUPPORT")
def test_a_second_group_on_the_same_matter_cannot_be_declined(mayor_world):
    w = mayor_world
    first = _ask(w, group="A")
    services.attendance_decide(
        actor=w.head, council=w.council, attendance_id=first.pk, accept=True, attending_officer_id=w.officer.pk
    )
    second = _ask(w, group="B", matter="PLAY AREA")
    with pytest.raises(ProtocolViolation) as caught:
        services.attendance_decide(actor=w.head, council=w.council, attendance_id=second.pk, accept=False)
    assert caught.value.citations[0].clause == "8.11"
    other = _ask(w, group="C", matter="Allotments")
    services.attendance_decide(actor=w.head, council=w.council, attendance_id=other.pk, accept=False)


@pytest.mark.rule("GROUPS_ATTENDANCE_DURATION_AND_WITHDRAWAL")
def test_the_officer_records_how_long_they_stayed_and_may_leave(mayor_world):
    w = mayor_world
    row = _ask(w)
    services.attendance_decide(
        actor=w.head, council=w.council, attendance_id=row.pk, accept=True, attending_officer_id=w.officer.pk
    )
    with pytest.raises(NotFound):
        services.attendance_record_stay(actor=w.head, council=w.council, attendance_id=row.pk, minutes_stayed=30)
    services.attendance_record_stay(
        actor=w.officer,
        council=w.council,
        attendance_id=row.pk,
        minutes_stayed=20,
        withdrew=True,
        withdrawal_reason="Party business began",
    )
    row.refresh_from_db()
    assert (row.minutes_stayed, row.withdrew) == (20, True)


@pytest.mark.rule("GROUPS_DISCUSSIONS_CONFIDENTIAL", "GROUPS_DISCLOSURE_DUTY_DECLARED")
def test_notes_are_kept_to_the_group_and_the_officer_present(wnt):
    w = wnt
    row = _ask(w, invited_officer_id=w.officer.pk)
    services.attendance_decide(actor=w.officer, council=w.council, attendance_id=row.pk, accept=True)
    note = services.note_write(
        actor=w.officer,
        council=w.council,
        attendance_id=row.pk,
        body="Secret plan X.",
        disclosure_duty="The figures must be disclosed under FOI.",
    )
    for person in (w.leaders["A"], w.members["A"], w.officer):
        assert selectors.note_get_for(membership_for(person, w.council.slug), note.pk) == note
    for person in (w.leaders["B"], w.members["C"], w.loner, w.head):  # the head officer was not present
        with pytest.raises(NotFound):
            selectors.note_get_for(membership_for(person, w.council.slug), note.pk)
    with pytest.raises(NotFound):
        services.note_write(actor=w.leaders["B"], council=w.council, attendance_id=row.pk, body="Peek")


@pytest.mark.rule("GROUPS_ATTENDANCE_NOT_ENDORSEMENT", "GROUPS_MEETINGS_MAKE_NO_COUNCIL_DECISIONS")
def test_meeting_records_carry_the_disclaimers_where_adopted(all_councils):
    assert [c.clause for c in rules.meeting_record_disclaimers(all_councils["mayor-town"].profile)] == ["8.4", "8.6"]
    assert rules.meeting_record_disclaimers(all_councils["cottingham"].profile) == []


def test_another_groups_request_is_invisible(district_world):
    w = district_world
    row = _ask(w, group="A")
    with pytest.raises(NotFound):
        selectors.attendance_get_for(membership_for(w.members["B"], w.council.slug), row.pk)


def test_a_request_for_another_councils_group_is_refused(district_world, mayor_world):
    with pytest.raises(ValidationFailed) as caught:
        services.attendance_request(
            actor=district_world.leaders["A"],
            council=district_world.council,
            group_id=mayor_world.groups["A"].pk,
            matter="x",
            meeting_on=clock.today(),
            attendees="members",
        )
    assert "group" in caught.value.problems
