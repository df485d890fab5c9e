"""The pages: a press release drafted, submitted, refused with the clause (what was typed kept), approved with
reasons and published; a member's contact refused with the clause; a poll recorded with the computed notice date."""

from __future__ import annotations

import pytest
from django.test import Client

from councildesk.media.models import MediaContact, PressRelease


def client_for(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


@pytest.mark.rule("MEDIA_SENSITIVE_RELEASE_APPROVAL")
def test_journey_a_release_waits_for_approval_and_is_published(world):
    w = world("sandon-burston")
    officer, clerk = client_for(w.officer), client_for(w.head)
    base = "/c/sandon-burston/media/"
    assert officer.get(base).status_code == 200
    r = officer.post(base + "releases/new/", {"title": "Court hearing", "body": "The court hearing is on Monday."})
    row = PressRelease.objects.get()
    assert r.status_code == 302
    officer.post(f"{base}releases/{row.pk}/submit/", {"override_reason": ""})
    page = clerk.get(f"{base}releases/{row.pk}/").content.decode()
    assert "PRESS AND MEDIA ¶3" in page
    assert "Approve or refuse" in page
    r = clerk.post(f"{base}releases/{row.pk}/decide/", {"decision": "approve", "reason": "Facts only."})
    assert r.status_code == 400
    body = r.content.decode()
    assert "publicity code" in body
    assert "Facts only." in body  # what was typed is kept
    r = clerk.post(
        f"{base}releases/{row.pk}/decide/", {"decision": "approve", "reason": "Facts only.", "code_confirmed": "on"}
    )
    assert r.status_code == 302
    clerk.post(f"{base}releases/{row.pk}/publish/")
    row.refresh_from_db()
    assert row.status == PressRelease.Status.PUBLISHED
    assert "Court hearing" in client_for(w.cllr).get(base).content.decode()  # published: everyone sees it


@pytest.mark.rule("MEDIA_COUNCIL_SPOKESPERSONS")
def test_a_councillor_speaking_for_the_council_is_refused_on_the_page_with_the_clause(world):
    w = world("sandon-burston")
    r = client_for(w.cllr).post(
        "/c/sandon-burston/media/contacts/new/",
        {"outlet": "Gazette", "subject": "Verges", "capacity": "council", "occurred_on": "2026-01-05"},
    )
    assert r.status_code == 400
    body = r.content.decode()
    assert "PRESS AND MEDIA ¶4" in body
    assert "Gazette" in body
    assert not MediaContact.objects.exists()


def test_the_head_officer_records_a_poll_on_the_page(world):
    w = world("mayor-town")
    c = client_for(w.head)
    assert client_for(w.cllr).get("/c/mayor-town/elections/new/").status_code == 404
    r = c.post(
        "/c/mayor-town/elections/new/", {"title": "Town elections", "kind": "scheduled", "poll_date": "2027-05-06"}
    )
    assert r.status_code == 302
    assert "31 March 2027" in c.get("/c/mayor-town/elections/").content.decode()
    bad = c.post(
        "/c/mayor-town/elections/new/",
        {"title": "By-election", "kind": "by_election", "poll_date": "2027-05-06", "notice_date": "2027-06-01"},
    )
    assert bad.status_code == 400
    assert "must come before polling day" in bad.content.decode()
