"""Issue 15, read against the seeds: each defect's test fails before its fix. Plus the enquiry gaps: ward
tagging, workplans, and the personal-staff-matters decline ground."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, ProtocolViolation
from councildesk.enquiries import handling, services
from councildesk.enquiries.models import Enquiry
from councildesk.enquiries.rules import decline_reasons
from councildesk.notifications.models import Notification
from councildesk.people import services as people
from tests import factories

from .conftest import cast_for


def raise_(cast, key="k", actor=None, **kw):
    kw.setdefault("subject", "Pond")
    kw.setdefault("details", "Bench broken")
    return services.enquiry_raise(actor=actor or cast.councillor, council=cast.council, submission_key=key, **kw)


# Defect 1: the people an enquiry is routed to can act on it (002 3.2, 3.3, 3.4, 3.6).


@pytest.mark.rule("ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE", "ROLES_LINE_MANAGEMENT_PREVAILS")
def test_a_head_of_service_answers_a_routed_concern_and_assigns_only_their_own_staff(district_cast):
    c = district_cast
    own = factories.person_with_role(c.council, "officer", line_manager=c.hos)
    e = raise_(c, category="service_concern")
    handling.enquiry_assign(actor=c.hos, council=c.council, pk=e.pk, assignee=own)
    assert Enquiry.objects.get(pk=e.pk).assignee == own
    other = raise_(c, key="k2", category="service_concern")
    with pytest.raises(ProtocolViolation) as exc:  # c.officer does not report to this Head of Service
        handling.enquiry_assign(actor=c.hos, council=c.council, pk=other.pk, assignee=c.officer)
    assert all(x.clause is None or x.clause for x in exc.value.citations)
    assert "3.4" in {x.rule_id: x.clause for x in exc.value.citations}["ROLES_LINE_MANAGEMENT_PREVAILS"]
    handling.enquiry_answer(actor=c.hos, council=c.council, pk=other.pk, answer="Crew booked.")
    assert Enquiry.objects.get(pk=other.pk).status == "answered"


@pytest.mark.rule("ENQUIRY_STRATEGIC_OR_POLICY_TO_CMT", "ENQUIRY_UNANSWERED_FOLLOW_UP")
def test_a_cmt_member_handles_a_strategic_enquiry_and_the_follow_up_goes_to_the_relevant_member(district_cast, frozen):
    c = district_cast
    second_cmt = factories.person_with_role(c.council, "cmt_member")
    own = factories.person_with_role(c.council, "officer", line_manager=second_cmt)
    e = raise_(c, category="strategic")
    handling.enquiry_assign(actor=second_cmt, council=c.council, pk=e.pk, assignee=own)
    frozen.set(frozen.at + dt.timedelta(days=8))
    e = handling.enquiry_escalate(actor=c.councillor, council=c.council, pk=e.pk)
    assert e.escalated_to == second_cmt  # the CMT member over the officer who had it, not the first by id


# Defect 2: officers can decline party-political work in 001, 002 and 003 (001 6.2, 002 7.3, 003 8.1).


@pytest.mark.rule("GROUPS_NO_PARTY_POLITICAL_WORK", "GROUPS_NO_COMPULSION_OF_OFFICERS", "ENQUIRY_OFFICER_MAY_DECLINE")
@pytest.mark.parametrize(
    ("slug", "rule", "clause"),
    [
        ("cottingham", "GROUPS_NO_PARTY_POLITICAL_WORK", "3.4"),
        ("district-annex", "GROUPS_NO_PARTY_POLITICAL_WORK", "7.3"),
        ("west-northants-town", "GROUPS_NO_PARTY_POLITICAL_WORK", "4.1"),
    ],
)
def test_party_political_work_can_be_declined_where_any_of_its_rules_is_adopted(db, frozen, slug, rule, clause):
    c = cast_for(slug)
    e = raise_(c)
    handling.enquiry_decline(actor=c.head, council=c.council, pk=e.pk, code="party_political", explanation="No.")
    e.refresh_from_db()
    assert (e.status, e.decline_rule) == ("declined", rule)
    assert e.decline_clause.startswith(clause)


@pytest.mark.rule("ENQUIRY_OFFICER_MAY_DECLINE")
def test_cottingham_and_west_northants_map_the_officer_may_decline_clauses(db):
    cottingham = factories.council("cottingham").profile
    assert cottingham.clause("ENQUIRY_OFFICER_MAY_DECLINE") == "6.2; 4.2"
    assert {"professional_judgement", "party_political"} <= {r.code for r in decline_reasons(cottingham)}
    wnt = factories.council("west-northants-town").profile
    assert wnt.clause("ENQUIRY_OFFICER_MAY_DECLINE") == "7.14; 8.1; 5.1; 7.4"


# Defect 5: an officer's extension does not postpone the councillor's follow-up (002 3.5, 3.6).


@pytest.mark.rule("ENQUIRY_UNANSWERED_FOLLOW_UP")
def test_an_extension_does_not_move_the_district_follow_up(district_cast, frozen):
    c = district_cast
    e = raise_(c)  # Mon 30 Nov; 7 calendar days -> due Mon 7 Dec; follow-up opens Tue 8 Dec
    handling.enquiry_extend(actor=c.head, council=c.council, pk=e.pk, units=30, reason="Waiting for the survey")
    frozen.set(frozen.at + dt.timedelta(days=7))
    with pytest.raises(ProtocolViolation) as exc:
        handling.enquiry_escalate(actor=c.councillor, council=c.council, pk=e.pk)
    assert "8 December 2026" in exc.value.reason
    assert exc.value.citations[0].clause.startswith("3.6")
    frozen.set(frozen.at + dt.timedelta(days=1))
    assert handling.enquiry_escalate(actor=c.councillor, council=c.council, pk=e.pk).escalated_to == c.cmt


# Defect 11: no follow-up where the protocol gives no route; never to the officer who failed to answer.


@pytest.mark.rule("ENQUIRY_UNANSWERED_FOLLOW_UP")
def test_no_follow_up_where_the_protocol_gives_no_route(sandon_cast, frozen):
    c = sandon_cast
    e = raise_(c)
    frozen.set(frozen.at + dt.timedelta(days=30))
    with pytest.raises(NotFound):
        handling.enquiry_escalate(actor=c.councillor, council=c.council, pk=e.pk)


@pytest.mark.rule("ENQUIRY_UNANSWERED_FOLLOW_UP")
def test_the_follow_up_never_goes_to_the_officer_who_failed_to_answer(district_cast, frozen):
    c = district_cast
    e = raise_(c, category="strategic")
    handling.enquiry_assign(actor=c.head, council=c.council, pk=e.pk, assignee=c.cmt)
    other = factories.person_with_role(c.council, "cmt_member")
    frozen.set(frozen.at + dt.timedelta(days=8))
    assert handling.enquiry_escalate(actor=c.councillor, council=c.council, pk=e.pk).escalated_to == other


# Defect 11: no councillor-reply clock for 000, 001, 003; default targets labelled as such.


@pytest.mark.rule("ENQUIRY_MEMBER_RESPONSE_TO_OFFICERS")
@pytest.mark.parametrize(("slug", "clock"), [("sandon-burston", False), ("cottingham", False), ("mayor-town", True)])
def test_a_question_to_a_councillor_runs_a_clock_only_where_the_protocol_puts_a_reply_duty(db, frozen, slug, clock):
    c = cast_for(slug)
    q = services.question_ask(
        actor=c.head, council=c.council, councillor=c.councillor, subject="s", details="d", submission_key="q"
    )
    assert (q.response_due is not None) is clock


@pytest.mark.rule("ENQUIRY_RESPONSE_TARGET")
def test_default_targets_are_labelled_as_defaults_awaiting_confirmation(sandon_cast):
    c = sandon_cast
    e = raise_(c)
    web = Client()
    web.force_login(c.councillor)
    page = web.get(f"/c/{c.council.slug}/enquiries/{e.pk}/").content.decode()
    assert "a default awaiting the council&#x27;s confirmation" in page or "default awaiting" in page
    assert "the council's own standard" not in page
    api = web.get(f"/c/{c.council.slug}/enquiries/new/").content.decode()
    assert "09:00 to 17:00" in api
    assert "council setting" in api


# Defect 6: district councillors see totals only (002 4.2).


@pytest.mark.rule("ACCESS_REQUESTS_PRIVATE_TO_REQUESTER")
def test_a_councillor_on_the_workload_page_sees_totals_not_other_councillors(district_cast):
    from councildesk.enquiries.reports import workload
    from councildesk.people.access import membership_for

    c = district_cast
    raise_(c)
    raise_(c, key="k2", actor=c.other_councillor)
    as_chair = workload(membership_for(c.chair, c.council.slug), frozen_today())
    assert [row[0] for row in as_chair.per_councillor] == ["All councillors"]
    assert as_chair.per_councillor[0][2] == 2
    as_head = workload(membership_for(c.head, c.council.slug), frozen_today())
    assert len(as_head.per_councillor) == 2


def frozen_today() -> dt.date:
    from councildesk.core import clock

    return clock.today()


# Defect 7: district nominated contact officers may be addressed (002 3.2 fn 2).


@pytest.mark.rule("ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE")
def test_a_districts_nominated_contact_can_be_addressed(district_cast):
    c = district_cast
    with pytest.raises(ProtocolViolation):
        raise_(c, key="before", addressed_to=c.officer)
    services.service_contact_add(actor=c.head, council=c.council, service="Waste", officer=c.officer)
    e = raise_(c, addressed_to=c.officer)
    assert (e.route, e.addressed_to) == ("nominated", c.officer)
    handling.enquiry_answer(actor=c.officer, council=c.council, pk=e.pk, answer="Collected tomorrow.")


# Gaps: ward members told (002 4.4, 004 9.1); workplans (002 3.4, 5.4(iii)); personal staff matters (004 4.9).


@pytest.mark.rule("WARD_MEMBERS_KEPT_INFORMED")
def test_an_enquiry_tagged_with_a_ward_tells_that_wards_members_without_naming_the_raiser(district_cast):
    c = district_cast
    ward = people.ward_create(actor=None, council=c.council, name="Mill End")
    people.ward_member_add(actor=None, ward=ward, person=c.other_councillor, start=dt.date(2023, 5, 8))
    people.ward_member_add(actor=None, ward=ward, person=c.councillor, start=dt.date(2023, 5, 8))
    raise_(c, ward=ward)
    told = Notification.objects.get(recipient=c.other_councillor, kind="enquiry.ward_matter")
    assert "Mill End" in told.subject
    assert "4.4" in told.body
    assert c.councillor.username not in told.body + told.subject
    assert not Notification.objects.filter(recipient=c.councillor, kind="enquiry.ward_matter").exists()


def test_wards_are_not_told_where_the_protocol_is_silent(sandon_cast):
    c = sandon_cast
    ward = people.ward_create(actor=None, council=c.council, name="North")
    people.ward_member_add(actor=None, ward=ward, person=c.other_councillor, start=dt.date(2023, 5, 8))
    raise_(c, ward=ward)
    assert not Notification.objects.filter(kind="enquiry.ward_matter").exists()


@pytest.mark.rule("ENQUIRY_NEW_WORK_OUTSIDE_WORKPLAN")
def test_work_outside_an_officers_workplan_goes_to_their_line_manager(district_cast):
    c = district_cast
    planner = factories.person_with_role(c.council, "officer", line_manager=c.hos)
    services.workplan_heading_add(actor=c.head, council=c.council, officer=planner, heading="Planning policy")
    inside = raise_(c)
    handling.enquiry_assign(actor=c.head, council=c.council, pk=inside.pk, assignee=planner, heading="planning policy")
    assert Enquiry.objects.get(pk=inside.pk).assignee == planner
    outside = raise_(c, key="k2")
    handling.enquiry_assign(actor=c.head, council=c.council, pk=outside.pk, assignee=planner, heading="Car parks")
    assert Enquiry.objects.get(pk=outside.pk).assignee == c.hos
    event = AuditEvent.objects.filter(action="enquiry.assigned").last()
    assert "ENQUIRY_NEW_WORK_OUTSIDE_WORKPLAN" in event.rule_ids


@pytest.mark.rule("EMPLOYMENT_OFFICER_NO_PERSONAL_MATTERS_WITH_MEMBERS")
@pytest.mark.parametrize(("fixture", "clause"), [("mayor_cast", "4.9"), ("sandon_cast", "Expectations ¶1 •10")])
def test_an_officer_declines_a_personal_matter_about_staff(request, fixture, clause):
    c = request.getfixturevalue(fixture)
    e = raise_(c)
    handling.enquiry_decline(
        actor=c.head, council=c.council, pk=e.pk, code="personal_staff_matters", explanation="A staffing matter."
    )
    e.refresh_from_db()
    assert e.decline_clause == clause


@pytest.mark.rule("ELECTIONS_NO_ELECTIONEERING_SUPPORT", "RESOURCES_NO_PRIVATE_CORRESPONDENCE")
@pytest.mark.rule("RESOURCES_SUPPORT_ONLY_AS_COUNCILLOR", "RESOURCES_NO_PARTY_POLITICAL_STAFF_WORK")
def test_mayor_town_offers_each_resources_ground_with_its_own_rule(mayor_cast):
    grounds = {r.code: r.rule_for(mayor_cast.council.profile) for r in decline_reasons(mayor_cast.council.profile)}
    assert grounds["electioneering"] == "ELECTIONS_NO_ELECTIONEERING_SUPPORT"
    assert grounds["private_correspondence"] == "RESOURCES_NO_PRIVATE_CORRESPONDENCE"
    assert grounds["other_body"] == "RESOURCES_SUPPORT_ONLY_AS_COUNCILLOR"
    assert grounds["party_political"] == "RESOURCES_NO_PARTY_POLITICAL_STAFF_WORK"
