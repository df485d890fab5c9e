"""Party business, the group-only label, the formal-report reminder, the County Association, and the tally of
officer support to each group."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from councildesk.core.errors import NotFound, ProtocolViolation
from councildesk.groups import rules, selectors, services
from councildesk.groups.models import AttendanceRequest
from councildesk.people.access import membership_for


def client_for(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


DAY = dt.date.today()


@pytest.mark.rule("GROUPS_OFFICER_EXCLUDED_FROM_PARTY_BUSINESS")
def test_advice_on_party_business_is_refused_where_the_protocol_says_so(mayor_world):
    g = mayor_world
    with pytest.raises(rules.PartyBusiness) as refused:
        services.advice_record(
            actor=g.head,
            council=g.council,
            group_id=g.groups["A"].pk,
            matter="Leaflet for the May campaign",
            facts="Costs of printing.",
            party_business=True,
        )
    assert refused.value.citations[0].clause == "8.3"
    assert "party business" in refused.value.message


@pytest.mark.rule("GROUPS_OFFICER_EXCLUDED_FROM_PARTY_BUSINESS")
def test_where_the_protocol_is_silent_party_business_is_not_refused(all_councils):
    profile = all_councils["cottingham"].profile
    rules.check_not_party_business(profile, party_business=True)  # 001 has no such clause: nothing to refuse
    assert rules.party_business_part(profile, on_agenda=True) == []


@pytest.mark.rule("GROUPS_OFFICER_EXCLUDED_FROM_PARTY_BUSINESS")
def test_a_meeting_with_party_business_tells_the_officer_to_leave_before_that_part(mayor_world):
    g = mayor_world
    row = services.attendance_request(
        actor=g.members["A"],
        council=g.council,
        group_id=g.groups["A"].pk,
        matter="Budget briefing",
        meeting_on=DAY + dt.timedelta(days=3),
        party_business_on_agenda=True,
    )
    assert AttendanceRequest.objects.get(pk=row.pk).party_business_on_agenda
    html = client_for(g.head).get(reverse("group_attendance", args=[g.council.slug, row.pk])).content.decode()
    assert "the officer leaves before that part of the meeting" in html
    assert "Your council's clause:" in html


@pytest.mark.rule("GROUPS_NO_PUBLIC_REFERENCE_TO_GROUP_ADVICE", "GROUPS_BRIEFING_NOT_SUBSTITUTE_FOR_FORMAL_ADVICE")
def test_advice_records_carry_the_group_only_rule_and_officers_see_the_formal_report_reminder(mayor_world):
    g = mayor_world
    advice = services.advice_record(
        actor=g.head, council=g.council, group_id=g.groups["A"].pk, matter="Library hours", facts="Opening costs."
    )
    url = reverse("group_advice", args=[g.council.slug, advice.pk])
    member_html = client_for(g.members["A"]).get(url).content.decode()
    assert "Members must not refer in public" in member_html
    assert "does not replace the full information and advice" not in member_html
    officer_html = client_for(g.head).get(url).content.decode()
    assert "does not replace the full information and advice" in officer_html
    assert "8.5" in officer_html


@pytest.mark.rule("GROUPS_CLERK_GUIDANCE_FROM_COUNTY_ASSOCIATION")
def test_the_clerk_is_pointed_to_the_county_association_only_where_the_protocol_does(all_councils):
    assert rules.county_association_help(all_councils["cottingham"].profile)[0].clause == "6.5"
    assert rules.county_association_help(all_councils["mayor-town"].profile) == []
    assert all_councils["cottingham"].profile.groups.county_association


@pytest.mark.rule("GROUPS_EVEN_HANDED_SERVICE_TO_WHOLE_COUNCIL")
def test_the_head_officer_sees_support_per_group_and_a_group_left_without_any(mayor_world):
    g = mayor_world
    for matter in ("Parking", "Parks", "Pools"):
        services.advice_record(
            actor=g.head, council=g.council, group_id=g.groups["A"].pk, matter=matter, facts="Facts."
        )
    m = membership_for(g.head, g.council.slug)
    rows = dict(selectors.service_by_group(m, DAY - dt.timedelta(days=30)))
    by_id = {grp.pk: r for grp, r in rows.items()}
    assert by_id[g.groups["A"].pk].advice == 3
    assert by_id[g.groups["B"].pk].advice == 0
    assert rules.imbalance(list(by_id.values())) == [g.groups["B"].pk, g.groups["C"].pk]
    html = client_for(g.head).get(reverse("groups_service", args=[g.council.slug])).content.decode()
    assert "Had no support" in html
    with pytest.raises(NotFound):
        selectors.service_by_group(membership_for(g.members["A"], g.council.slug), DAY)


@pytest.mark.rule("EMPLOYMENT_NO_HOME_VISITS")
def test_an_officer_is_not_asked_to_a_meeting_in_someones_home_in_the_district(district_world, mayor_world):
    w = district_world
    with pytest.raises(ProtocolViolation) as refused:
        services.attendance_request(
            actor=w.members["A"],
            council=w.council,
            group_id=w.groups["A"].pk,
            matter="Local plan",
            meeting_on=DAY + dt.timedelta(days=5),
            attendees="Group A members only",
            at_a_home=True,
        )
    assert refused.value.citations[0].clause == "5.9"
    assert not AttendanceRequest.objects.filter(council=w.council).exists()
    # 004 says nothing about homes: the same request is taken there.
    row = services.attendance_request(
        actor=mayor_world.members["A"],
        council=mayor_world.council,
        group_id=mayor_world.groups["A"].pk,
        matter="Local plan",
        meeting_on=DAY + dt.timedelta(days=5),
        at_a_home=True,
    )
    assert row.at_a_home
