"""Advice on a conflict between a member's roles (004 2.1); the warning where a declared relationship pairs a member
with an officer (004 4.4); members' HR role limited to the posts the council specifies (004 5.2); and the appointment
panel pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation
from councildesk.declarations import advice, services
from councildesk.declarations.models import PanelSeat
from councildesk.notifications.models import Notification
from councildesk.people.access import membership_for
from tests.complaints.conftest import build

pytestmark = pytest.mark.django_db


@pytest.mark.rule("DECLARATIONS_ROLE_CONFLICT_ADVICE")
def test_mayor_town_a_member_asks_the_town_clerk_for_advice_on_a_conflict_between_roles():
    t = build("mayor-town")
    row = advice.advice_request(actor=t.cllrs[0], council=t.council, to="head_officer", question="I chair a charity.")
    assert Notification.objects.filter(recipient=t.head, dedupe_key=f"conflict_advice:{row.pk}:{t.head.pk}").exists()
    with pytest.raises(NotFound):  # nobody else reads it, not even the Monitoring Officer it was not sent to
        advice.advice_get_for(membership_for(t.mo, t.council.slug), row.pk)
    advice.advice_answer(actor=t.head, council=t.council, pk=row.pk, answer="Declare it and leave the room.")
    assert Notification.objects.filter(recipient=t.cllrs[0], dedupe_key=f"conflict_advice:{row.pk}:answered").exists()
    elsewhere = build("district-annex")
    with pytest.raises(NotFound):
        advice.advice_request(actor=elsewhere.cllrs[0], council=elsewhere.council, to="head_officer", question="?")


@pytest.mark.rule("DECLARATIONS_AVOID_PERCEIVED_CONFLICT")
def test_mayor_town_a_declared_pair_is_warned_with_the_clause():
    t = build("mayor-town")
    day = clock.today()
    assert advice.perceived_conflict(t.council, t.chair, t.officer, day) is None
    services.declaration_make(
        actor=t.officer, council=t.council, counterpart=t.chair, nature="family", details="", submission_key="k"
    )
    warning = advice.perceived_conflict(t.council, t.chair, t.officer, day)
    assert warning is not None
    text, citations = warning
    assert "declared relationship" in text
    assert [c.clause for c in citations] == ["4.4"]


@pytest.mark.rule("EMPLOYMENT_MEMBER_HR_ROLE_LIMITED")
def test_mayor_town_members_sit_only_on_appointments_to_specified_posts():
    t = build("mayor-town")
    a = services.appointment_create(
        actor=t.head, council=t.council, post="Groundsman", criteria="Experience", specified_post=False
    )
    with pytest.raises(ProtocolViolation, match="not specified") as refused:
        services.seat_take(actor=t.chair, council=t.council, pk=a.pk, no_canvassing=True, no_friend_or_relative=True)
    assert [c.clause for c in refused.value.citations] == ["5.2"]
    b = services.appointment_create(actor=t.head, council=t.council, post="Deputy Town Clerk", criteria="Experience")
    services.seat_take(actor=t.chair, council=t.council, pk=b.pk, no_canvassing=True, no_friend_or_relative=True)
    assert PanelSeat.objects.filter(appointment=b, member=t.chair).exists()


@pytest.mark.rule("EMPLOYMENT_APPOINTMENT_NO_CANVASSING")
def test_the_appointment_pages_set_up_a_panel_and_a_refusal_cites_the_clause():
    t = build("mayor-town")
    slug = t.council.slug
    head, member = Client(), Client()
    head.force_login(t.head)
    member.force_login(t.chair)
    created = head.post(
        reverse("appointment_new", kwargs={"slug": slug}),
        {"post": "Deputy Town Clerk", "criteria": "Experience\nCiLCA", "specified_post": "on"},
        follow=True,
    )
    assert "merit criteria are published" in created.content.decode()
    a = created.context["a"]
    url = reverse("appointment_seat", kwargs={"slug": slug, "appointment_id": a.pk})
    refused = member.post(url, {"no_friend_or_relative": "on"})
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "5.3(b)" in body
    assert "checked" in body  # what was ticked is kept
    seated = member.post(url, {"no_canvassing": "on", "no_friend_or_relative": "on"}, follow=True)
    assert "You are on the panel" in seated.content.decode()
    assert member.get(url).status_code == 404  # a seated member has no seat to take


@pytest.mark.rule("EMPLOYMENT_COUNCILLOR_AS_INTERIM_CLERK")
def test_sandon_a_councillor_acts_as_clerk_only_unpaid_and_short_term_with_the_capacity_recorded():
    import datetime as dt

    from councildesk.declarations import interim

    t = build("sandon-burston")
    start = clock.today()

    def record(**kw):
        fields = {"starts_on": start, "ends_on": start + dt.timedelta(days=60), "unpaid": True, "minute_ref": "Min 9"}
        fields.update(kw)
        return interim.interim_clerk_record(actor=t.chair, council=t.council, person=t.cllrs[0], **fields)

    for bad in ({"unpaid": False}, {"ends_on": None}, {"ends_on": start + dt.timedelta(days=400)}):
        with pytest.raises(ProtocolViolation) as refused:
            record(**bad)
        assert [c.clause for c in refused.value.citations] == ["Officer/Clerks ¶7"]
    row = record()
    assert row.unpaid
    assert interim.capacity(t.council, t.cllrs[0], start).startswith("Acting as Proper Officer")
    assert interim.capacity(t.council, t.cllrs[1], start) == ""
