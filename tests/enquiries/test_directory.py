"""The directory of services (002 3.2 fn 2) and officers' workplans (002 3.4, 5.4(iii)): pages and API."""

from __future__ import annotations

import pytest
from django.test import Client

from councildesk.api.tokens import token_issue
from councildesk.audit.models import AuditEvent
from councildesk.enquiries.models import Enquiry, ServiceContact, WorkplanHeading
from councildesk.enquiries.services import enquiry_raise


def _web(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def _auth(person) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_issue(actor=person, name='t')[1]}"}


@pytest.mark.rule("ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE")
def test_the_chief_executives_office_lists_a_contact_and_councillors_write_to_them(district_cast):
    c = district_cast
    url = f"/c/{c.council.slug}/enquiries/services/"
    form = {"service": "Waste and recycling", "officer": str(c.officer.pk), "kind": "nominated"}
    done = _web(c.head).post(url, form, follow=True)
    text = done.content.decode()
    assert "govuk-notification-banner--success" in text
    assert "is now listed for Waste and recycling (Nominated officer)" in text
    page = _web(c.councillor).get(url).content.decode()
    assert "Waste and recycling" in page
    assert c.officer.get_full_name() in page
    assert "List an officer for a service" not in page  # councillors read it; the head officer's office keeps it
    assert _web(c.councillor).post(url, form).status_code == 404
    e = enquiry_raise(
        actor=c.councillor,
        council=c.council,
        subject="Bins",
        details="Missed collection",
        submission_key="k",
        category="service_request",
        addressed_to=c.officer,
    )
    assert e.route == Enquiry.Route.NOMINATED


@pytest.mark.rule("ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE")
def test_removing_a_contact_keeps_the_row_and_audits_it(district_cast):
    c = district_cast
    api = Client()
    base = f"/api/v1/councils/{c.council.slug}/enquiries"
    made = api.post(
        f"{base}/services",
        {"service": "Planning", "officer": c.hos.username, "kind": "head"},
        content_type="application/json",
        headers=_auth(c.head),
    )
    assert made.status_code == 201
    listed = api.get(f"{base}/services", headers=_auth(c.councillor)).json()
    assert [(r["service"], r["officer"], r["kind"]) for r in listed] == [("Planning", c.hos.username, "head")]
    refused = api.post(
        f"{base}/services/remove", {"id": made.json()["id"]}, content_type="application/json", headers=_auth(c.officer)
    )
    assert refused.status_code == 403
    gone = _web(c.head).post(f"/c/{c.council.slug}/enquiries/services/", {"remove": made.json()["id"]}, follow=True)
    assert "is no longer listed for Planning" in gone.content.decode()
    assert ServiceContact.objects.get().removed_at is not None
    assert api.get(f"{base}/services", headers=_auth(c.councillor)).json() == []
    assert AuditEvent.objects.filter(action="enquiry.service_contact_removed").count() == 1


@pytest.mark.rule("ENQUIRY_NEW_WORK_OUTSIDE_WORKPLAN")
def test_workplans_page_agrees_headings_and_assignment_outside_them_goes_to_the_line_manager(district_cast):
    c = district_cast
    url = f"/c/{c.council.slug}/enquiries/workplans/"
    done = _web(c.head).post(url, {"officer": str(c.officer.pk), "heading": "Allotments"}, follow=True)
    assert "“Allotments” was added to" in done.content.decode()
    own = _web(c.officer).get(url)
    assert own.status_code == 200
    assert "Your workplan" in own.content.decode()
    assert "Allotments" in own.content.decode()
    assert _web(c.officer).post(url, {"officer": str(c.officer.pk), "heading": "X"}).status_code == 404
    assert _web(c.councillor).get(url).status_code == 404
    api = Client()
    base = f"/api/v1/councils/{c.council.slug}/enquiries"
    assert [h["heading"] for h in api.get(f"{base}/workplans", headers=_auth(c.officer)).json()] == ["Allotments"]
    assert api.get(f"{base}/workplans", headers=_auth(c.councillor)).status_code == 404
    heading = WorkplanHeading.objects.get()
    removed = _web(c.head).post(url, {"remove": heading.pk}, follow=True)
    assert "was taken off" in removed.content.decode()
    assert api.get(f"{base}/workplans", headers=_auth(c.officer)).json() == []
    assert AuditEvent.objects.filter(action="enquiry.workplan_heading_removed").count() == 1


def test_the_assign_form_carries_the_workplan_heading(district_cast):
    c = district_cast
    e = enquiry_raise(actor=c.councillor, council=c.council, subject="Grass", details="Cut it", submission_key="w")
    url = f"/c/{c.council.slug}/enquiries/{e.pk}/"
    assert 'name="assign-heading"' in _web(c.head).get(url).content.decode()
    _web(c.head).post(f"{url}do/assign/", {"assign-assignee": str(c.officer.pk), "assign-heading": "Parks"})
    e.refresh_from_db()
    assert e.heading == "Parks"
