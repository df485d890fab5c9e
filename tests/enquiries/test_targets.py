"""Issue 15 defect 11: the profile's numbers are defaults awaiting the council's confirmation until the head officer
records the meeting that confirmed or changed them; new enquiries then use the council's numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from councildesk.api.tokens import token_issue
from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, ProtocolViolation
from councildesk.enquiries import targets
from councildesk.enquiries.models import ConfirmedTarget
from councildesk.enquiries.services import enquiry_raise, question_ask

pytestmark = pytest.mark.rule("ENQUIRY_RESPONSE_TARGET")

AWAITING = "a default awaiting the council's confirmation"


def _web(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def _auth(person) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_issue(actor=person, name='t')[1]}"}


def _raise(c, key: str):
    return enquiry_raise(actor=c.councillor, council=c.council, subject="Verges", details="Cut", submission_key=key)


def test_until_confirmed_the_numbers_are_labelled_as_defaults_in_rows_detail_and_api(sandon_cast):
    c = sandon_cast
    e = _raise(c, "k1")
    base = f"/c/{c.council.slug}/enquiries/"
    for who in (c.councillor, c.head):
        page = _web(who).get(base).content.decode()
        assert "A default awaiting the council&#x27;s confirmation" in page
    detail = _web(c.councillor).get(f"{base}{e.pk}/").content.decode()
    assert "10 working days" in detail
    assert "a default awaiting the council&#x27;s confirmation" in detail
    api = Client().get(f"/api/v1/councils/{c.council.slug}/enquiries/{e.pk}", headers=_auth(c.councillor)).json()
    assert api["response_target_confirmed"] is False
    assert api["response_target_source"] == AWAITING
    assert api["ack_target_confirmed"] is False
    assert api["response_target_minute"] is None


def test_the_head_officer_confirms_a_change_and_new_enquiries_use_it(sandon_cast, frozen):
    c = sandon_cast
    before = _raise(c, "old")
    url = f"/c/{c.council.slug}/enquiries/targets/"
    form = {
        "acknowledgement_value": "3",
        "acknowledgement_unit": "working_days",
        "response_value": "15",
        "response_unit": "working_days",
        "agreed_on": "2026-11-24",
        "minute": "87/26",
    }
    done = _web(c.head).post(url, form, follow=True)
    assert done.status_code == 200
    text = done.content.decode()
    assert "govuk-notification-banner--success" in text
    assert "24 November 2026 (minute 87/26)" in text
    event = AuditEvent.objects.get(action="enquiry.targets_confirmed")
    assert event.data["targets"]["response"]["value"] == 15
    assert event.data["targets"]["response"]["was"]["source"] == AWAITING
    assert event.data["minute"] == "87/26"
    assert event.rule_ids == ["ENQUIRY_RESPONSE_TARGET"]

    after = _raise(c, "new")
    assert (after.ack_value, after.response_value) == (3, 15)
    assert after.response_confirmed is not None
    assert after.response_confirmed.minute == "87/26"
    assert (before.ack_value, before.response_value) == (2, 10)  # an enquiry keeps the targets it started with

    api = Client()
    got = api.get(f"/api/v1/councils/{c.council.slug}/enquiries/{after.pk}", headers=_auth(c.councillor)).json()
    assert got["response_target_confirmed"] is True
    assert got["response_target_minute"] == "87/26"
    assert got["response_target_source"] == "confirmed by the council on 24 November 2026 (minute 87/26)"
    old = api.get(f"/api/v1/councils/{c.council.slug}/enquiries/{before.pk}", headers=_auth(c.councillor)).json()
    assert old["response_target_confirmed"] is False
    listed = api.get(f"/api/v1/councils/{c.council.slug}/enquiries/targets", headers=_auth(c.councillor)).json()
    response = next(t for t in listed if t["kind"] == "response")
    assert response == {
        "kind": "response",
        "value": 15,
        "unit": "working_days",
        "confirmed": True,
        "set_by_clause": None,
        "agreed_on": "2026-11-24",
        "minute": "87/26",
        "source": "confirmed by the council on 24 November 2026 (minute 87/26)",
    }
    rows = _web(c.councillor).get(f"/c/{c.council.slug}/enquiries/").content.decode()
    assert rows.count("A default awaiting the council&#x27;s confirmation") == 1  # the old one only


def test_only_the_head_officer_records_the_decision(sandon_cast):
    c = sandon_cast
    url = f"/c/{c.council.slug}/enquiries/targets/"
    page = _web(c.councillor).get(url)
    assert page.status_code == 200
    assert "Record the decision" not in page.content.decode()
    assert _web(c.councillor).post(url, {"minute": "1"}).status_code == 404
    assert _web(c.officer).post(url, {"minute": "1"}).status_code == 404
    with pytest.raises(NotFound):
        targets.targets_confirm(
            actor=c.officer,
            council=c.council,
            values={"response": (5, "working_days")},
            agreed_on=dt.date(2026, 11, 1),
            minute="1",
        )
    assert not ConfirmedTarget.objects.exists()


def test_problems_are_reported_against_their_fields(sandon_cast):
    c = sandon_cast
    url = f"/c/{c.council.slug}/enquiries/targets/"
    form = {
        "acknowledgement_value": "0",
        "acknowledgement_unit": "working_days",
        "response_value": "10",
        "response_unit": "working_days",
        "agreed_on": "2027-01-05",
        "minute": "",
    }
    response = _web(c.head).post(url, form)
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert 'href="#id_acknowledgement_value"' in text
    assert 'href="#id_minute"' in text
    future = {**form, "acknowledgement_value": "2", "minute": "9/27"}
    text = _web(c.head).post(url, future).content.decode()
    assert 'href="#id_agreed_on"' in text
    assert "today or in the past" in text
    assert not ConfirmedTarget.objects.exists()


def test_a_target_the_protocol_sets_is_not_changed_here(district_cast):
    """002 3.5 sets the one-week response itself: the page offers only the acknowledgement, and the API refuses."""
    c = district_cast
    page = _web(c.head).get(f"/c/{c.council.slug}/enquiries/targets/").content.decode()
    assert "Set by clause 3.5" in page
    assert 'name="acknowledgement_value"' in page
    assert 'name="response_value"' not in page
    refused = Client().post(
        f"/api/v1/councils/{c.council.slug}/enquiries/targets",
        {"response": {"value": 14, "unit": "calendar_days"}, "agreed_on": "2026-11-01", "minute": "4/26"},
        content_type="application/json",
        headers=_auth(c.head),
    )
    assert refused.status_code == 403
    assert refused.json()["citations"][0]["clause"].startswith("3.5")
    with pytest.raises(ProtocolViolation):
        targets.targets_confirm(
            actor=c.head,
            council=c.council,
            values={"response": (14, "calendar_days")},
            agreed_on=dt.date(2026, 11, 1),
            minute="4/26",
        )


def test_a_confirmed_reply_target_runs_the_councillors_clock(mayor_cast):
    c = mayor_cast
    targets.targets_confirm(
        actor=c.head,
        council=c.council,
        values={"reply": (5, "working_days")},
        agreed_on=dt.date(2026, 11, 10),
        minute="M12",
    )
    q = question_ask(
        actor=c.head,
        council=c.council,
        councillor=c.councillor,
        subject="Walkabout",
        details="When?",
        submission_key="q",
    )
    assert q.response_value == 5
    assert targets.enquiry_source(c.council, q) == "confirmed by the council on 10 November 2026 (minute M12)"
    page = _web(c.head).get(f"/c/{c.council.slug}/enquiries/questions/new/").content.decode()
    assert "5 working days (confirmed by the council on 10 November 2026 (minute M12))" in page


def test_no_reply_target_is_offered_where_councillors_owe_no_reply(sandon_cast):
    c = sandon_cast
    assert "reply" not in targets.effective(c.council)
