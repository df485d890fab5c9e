"""The pages and the API: a member's public meeting refused in the pre-election period (what was typed kept), a
ward matter recorded with its banner, the area offered in the navigation only where the protocol provides for it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from councildesk.api.tokens import token_issue
from councildesk.core import clock
from councildesk.elections import services as elections
from councildesk.wards.models import PublicMeeting, WardMatter


def client_for(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


@pytest.mark.rule("ELECTIONS_NO_MEMBER_PUBLIC_MEETINGS_IN_RUN_UP")
def test_journey_a_members_public_meeting_is_refused_in_the_pre_election_period(world):
    w = world("mayor-town")
    today = clock.today()
    elections.period_record(
        actor=w.head,
        council=w.council,
        title="Town council elections",
        poll_date=today + dt.timedelta(days=30),
        notice_date=today - dt.timedelta(days=1),
    )
    c = client_for(w.n1)
    r = c.post(
        "/c/mayor-town/wards/meetings/new/",
        {
            "kind": "public_meeting",
            "title": "Save the bandstand",
            "held_on": str(today + dt.timedelta(days=60)),
            "venue": "Church hall",
        },
    )
    assert r.status_code == 400
    body = r.content.decode()
    assert "pre-election period" in body
    assert "9.4(b)" in body
    assert "Save the bandstand" in body
    assert "Church hall" in body
    assert not PublicMeeting.objects.exists()


def test_an_officer_records_a_ward_matter_on_the_page_and_the_area_is_in_the_navigation(world):
    w = world("mayor-town")
    c = client_for(w.officer)
    r = c.post(
        "/c/mayor-town/wards/matters/new/",
        {"title": "Bus route change", "summary": "Route 4 moves.", "trigger": "operational", "wards": [w.north.pk]},
        follow=True,
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert "2 ward member(s) have been told" in body
    assert "Bus route change" in body
    assert "Wards and resources" in body
    s = world("sandon-burston")
    assert "Wards and resources" not in client_for(s.n1).get("/c/sandon-burston/").content.decode()


def test_the_api_records_a_matter_and_hides_it_from_a_member_outside_the_ward(world):
    w = world("mayor-town")
    token = token_issue(actor=w.officer, name="t")[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    r = api.post(
        "/api/v1/councils/mayor-town/wards/matters",
        {"title": "Tree felling", "summary": "Six limes.", "trigger": "operational", "ward_ids": [w.south.pk]},
        content_type="application/json",
    )
    assert r.status_code == 201
    assert r.json()["members_told"] == 1
    other = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(actor=w.n1, name='t')[1]}")
    assert other.get(f"/api/v1/councils/mayor-town/wards/matters/{WardMatter.objects.get().pk}").status_code == 404
