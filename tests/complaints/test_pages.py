"""The pages, the GOV.UK way: a confirmation banner after each action, an error summary linking each field, a
refusal that keeps what was typed and cites the council's clause, dates like "4 December 2026"."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from councildesk.complaints.models import Complaint, Handler
from councildesk.notifications.models import Notification
from tests.factories import SLUGS

from .conftest import build

pytestmark = pytest.mark.django_db


def client_for(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def key_of(response) -> str:
    return re.search(r'name="submission_key" value="(\w+)"', response.content.decode()).group(1)


@pytest.mark.rule("COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_CLERK")
def test_journey_a_cottingham_councillors_concern_about_the_clerk_reaches_the_personnel_committee_chair():
    t = build("cottingham")
    me = client_for(t.cllrs[0])
    form = me.get("/c/cottingham/complaints/new/")
    assert form.status_code == 200
    data = {
        "kind": "concern",
        "subject": str(t.head.pk),
        "summary": "Agenda papers late again",
        "details": "Papers for the last three meetings arrived the evening before.",
        "submission_key": key_of(form),
    }
    done = me.post("/c/cottingham/complaints/new/", data, follow=True)
    text = done.content.decode()
    assert "govuk-notification-banner--success" in text
    assert "passed, in confidence" in text
    complaint = Complaint.objects.get()
    assert set(Handler.objects.filter(complaint=complaint).values_list("person_id", flat=True)) == {t.vice.pk}
    assert Notification.objects.filter(recipient=t.vice, kind="complaint").exists()
    again = me.post("/c/cottingham/complaints/new/", data, follow=True)  # a double click: one complaint
    assert "already sent" in again.content.decode()
    assert Complaint.objects.count() == 1
    chair_page = client_for(t.vice).get(f"/c/cottingham/complaints/{complaint.pk}/")
    assert chair_page.status_code == 200
    assert complaint.received_on.strftime("%-d %B %Y") in chair_page.content.decode()


def test_a_bad_submission_shows_an_error_summary_and_keeps_what_was_typed():
    t = build("sandon-burston")
    me = client_for(t.cllrs[0])
    form = me.get("/c/sandon-burston/complaints/new/")
    response = me.post(
        "/c/sandon-burston/complaints/new/",
        {
            "kind": "code_of_conduct",
            "subject": str(t.officer.pk),
            "summary": "Keep this summary",
            "details": "Keep these details",
            "submission_key": key_of(form),
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in text
    assert 'href="#id_subject"' in text
    assert "Keep this summary" in text
    assert "Keep these details" in text
    assert Complaint.objects.count() == 0


@pytest.mark.rule("COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED")
def test_journey_a_panel_of_two_cannot_be_constituted_and_the_refusal_cites_7_2():
    t = build("cottingham")
    from councildesk.complaints import rules, services

    c, _ = services.complaint_raise(
        actor=t.officer,
        council=t.council,
        kind=rules.GRIEVANCE,
        subject=t.cllrs[0],
        summary="Grievance",
        details="d",
        submission_key="p1",
    )
    services.complaint_formalise(actor=t.officer, council=t.council, pk=c.pk, reason="Formal", bypass=True)
    chair = client_for(t.personnel[0])
    url = f"/c/cottingham/complaints/{c.pk}/panel/"
    assert chair.get(url).status_code == 200
    refused = chair.post(url, {"members": [str(t.personnel[0].pk), str(t.personnel[1].pk)]})
    text = refused.content.decode()
    assert "exactly 3 members" in text
    assert "7.2" in text
    assert "checked" in text  # the two choices stay ticked
    ok = chair.post(url, {"members": [str(p.pk) for p in t.personnel]}, follow=True)
    assert "The panel has been constituted" in ok.content.decode()


@pytest.mark.parametrize("slug", SLUGS)
def test_where_concerns_go_is_in_the_councils_own_titles_never_the_profiles_keys(slug):
    t = build(slug)
    page = client_for(t.cllrs[0]).get(f"/c/{slug}/complaints/").content.decode()
    table = page.partition("Where concerns go")[2]
    cells = re.findall(r'<td class="govuk-table__cell">([^<]*)</td>', table)
    assert cells, "the routes table is on the page"
    assert not [c for c in cells if "_" in c], cells  # no key such as personnel_committee or grievance_procedure
