"""Ward matters and public meetings: ward members told (and told first of a sensitive matter), council meetings
invite the wards' members, members' meetings tell the head officer, and the refusals of 004 9.4."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.elections import services as elections
from councildesk.notifications.models import Notification
from councildesk.people.access import membership_for
from councildesk.wards import selectors, services
from councildesk.wards.models import PublicMeeting


def _matter(w, **kw):
    kw.setdefault("ward_ids", [w.north.pk])
    return services.matter_record(
        actor=w.officer,
        council=w.council,
        title=kw.pop("title", "Library opening hours"),
        summary="Consultation on shorter opening hours at North library.",
        trigger=kw.pop("trigger", "consultation"),
        **kw,
    )


def _told(kind, *people):
    return {p.pk for p in people} == set(Notification.objects.filter(kind=kind).values_list("recipient", flat=True))


@pytest.mark.rule("WARD_NOTIFICATION_TRIGGERS")
def test_a_consultation_tells_every_member_of_each_affected_ward_and_no_one_else_sees_it_until_public(world):
    w = world("mayor-town")
    matter = _matter(w, ward_ids=[w.north.pk, w.south.pk])
    assert matter.members_told == 3
    assert _told("ward_matter", w.n1, w.n2, w.s1)
    loner = membership_for(w.loner, w.council.slug)
    with pytest.raises(NotFound):
        selectors.matter_get_for(loner, matter.pk)
    assert selectors.matter_get_for(membership_for(w.n1, w.council.slug), matter.pk) == matter
    services.matter_make_public(actor=w.officer, council=w.council, matter_id=matter.pk)
    assert selectors.matter_get_for(loner, matter.pk) == matter
    with pytest.raises(NotFound):  # members do not record ward matters
        services.matter_record(
            actor=w.n1, council=w.council, title="x", summary="y", trigger="policy", ward_ids=[w.north.pk]
        )


def test_a_ward_of_another_council_is_refused_on_its_field(world):
    w, other = world("mayor-town"), world("district-annex")
    with pytest.raises(ValidationFailed) as caught:
        _matter(w, ward_ids=[other.north.pk])
    assert "wards" in caught.value.problems
    assert not Notification.objects.exists()


@pytest.mark.rule("WARD_SENSITIVE_MATTER_BEFORE_PUBLIC")
def test_a_sensitive_matter_cannot_be_recorded_public_before_its_members_were_told(world):
    w = world("district-annex")
    matter = _matter(w, trigger="operational", urgent_or_sensitive=True)
    early = matter.members_told_at - dt.timedelta(hours=2)
    with pytest.raises(ProtocolViolation) as caught:
        services.matter_make_public(actor=w.officer, council=w.council, matter_id=matter.pk, made_public_at=early)
    assert [c.clause for c in caught.value.citations] == ["4.4"]
    matter.refresh_from_db()
    assert matter.made_public_at is None
    services.matter_make_public(actor=w.officer, council=w.council, matter_id=matter.pk)
    matter.refresh_from_db()
    assert matter.made_public_at >= matter.members_told_at


def _meeting(w, actor, **kw):
    kw.setdefault("held_on", clock.today() + dt.timedelta(days=10))
    return services.meeting_record(
        actor=actor, council=w.council, title=kw.pop("title", "Traffic on the High Street"), venue="Town Hall", **kw
    )


@pytest.mark.rule("WARD_COUNCIL_PUBLIC_MEETING_INVITES")
def test_a_council_public_meeting_invites_every_member_of_the_affected_wards(world):
    w = world("mayor-town")
    meeting = _meeting(w, w.officer, ward_ids=[w.north.pk])
    assert meeting.organiser == PublicMeeting.Organiser.COUNCIL
    assert meeting.invited == 2
    assert _told("public_meeting_invite", w.n1, w.n2)


@pytest.mark.rule("WARD_MEMBER_MEETING_NOTIFY_CLERK")
@pytest.mark.rule("WARD_MEMBER_MEETING_OFFICER_OPTIONAL")
@pytest.mark.rule("PREMISES_MEMBER_MEETING_IN_COUNCIL_VENUE")
def test_a_members_meeting_tells_the_town_clerk_and_party_meetings_get_no_officer_or_council_venue(world):
    w = world("mayor-town")
    meeting = _meeting(w, w.n1, ward_ids=[w.north.pk], officer_asked=True, council_venue=True)
    assert meeting.organiser == PublicMeeting.Organiser.MEMBER
    assert _told("member_public_meeting", w.head)
    assert "not obliged" in Notification.objects.get(kind="member_public_meeting").body
    with pytest.raises(ProtocolViolation) as caught:
        _meeting(w, w.n1, party_political=True, officer_asked=True)
    assert [c.clause for c in caught.value.citations] == ["9.4; 9.4(a)"]
    with pytest.raises(ProtocolViolation) as caught:
        _meeting(w, w.n1, party_political=True, council_venue=True)
    assert caught.value.citations[0].rule_id == "PREMISES_MEMBER_MEETING_IN_COUNCIL_VENUE"
    _meeting(w, w.n1, party_political=True)  # the member's own party meeting, elsewhere, without staff
    services.meeting_officer_answer(actor=w.officer, council=w.council, meeting_id=meeting.pk, attend=False)
    meeting.refresh_from_db()
    assert meeting.officer_answer == "decline"
    assert "not obliged" in Notification.objects.get(kind="member_public_meeting_answer").body
    with pytest.raises(NotFound):  # members do not answer for officers
        services.meeting_officer_answer(actor=w.n2, council=w.council, meeting_id=meeting.pk, attend=True)


@pytest.mark.rule("WARD_NO_STAFF_AT_SURGERIES")
def test_staff_cannot_be_asked_to_a_ward_surgery(world):
    w = world("mayor-town")
    with pytest.raises(ProtocolViolation) as caught:
        _meeting(w, w.n1, kind="surgery", officer_asked=True)
    assert [c.clause for c in caught.value.citations] == ["9.4(c)"]
    _meeting(w, w.n1, kind="surgery")


@pytest.mark.rule("ELECTIONS_NO_MEMBER_PUBLIC_MEETINGS_IN_RUN_UP")
def test_no_members_public_meeting_in_the_pre_election_period_but_surgeries_continue(world):
    w = world("mayor-town")
    today = clock.today()
    elections.period_record(
        actor=w.head,
        council=w.council,
        title="Town council elections",
        poll_date=today + dt.timedelta(days=60),
        notice_date=today + dt.timedelta(days=20),
    )
    _meeting(w, w.n1, held_on=today + dt.timedelta(days=5))  # before the notice: fine
    with pytest.raises(ProtocolViolation) as caught:
        _meeting(w, w.n1, held_on=today + dt.timedelta(days=30))
    assert [c.clause for c in caught.value.citations] == ["9.4(b)"]
    _meeting(w, w.n1, kind="surgery", held_on=today + dt.timedelta(days=30))
    _meeting(w, w.officer, ward_ids=[w.north.pk], held_on=today + dt.timedelta(days=30))  # the council's own
