"""Enquiry pages and API: a double-submitted form makes one enquiry, forms report problems, queries do not grow
with the number of enquiries, and the API runs the whole workflow with the documented error shapes."""

from __future__ import annotations

from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from councildesk.api.tokens import token_issue
from councildesk.enquiries.models import Enquiry
from councildesk.enquiries.services import enquiry_raise


def client_for(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def test_a_double_submitted_form_makes_one_enquiry(sandon_cast):
    c = sandon_cast
    web = client_for(c.councillor)
    url = f"/c/{c.council.slug}/enquiries/new/"
    form = {"category": "information", "subject": "Potholes", "details": "Mill Lane", "submission_key": "abc123"}
    first = web.post(url, form)
    second = web.post(url, form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Enquiry.objects.count() == 1


def test_an_empty_form_reports_each_problem(sandon_cast):
    c = sandon_cast
    response = client_for(c.councillor).post(f"/c/{c.council.slug}/enquiries/new/", {"submission_key": "k"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert 'href="#id_subject"' in text
    assert not Enquiry.objects.exists()


def test_a_refusal_on_the_page_names_rule_and_clause(sandon_cast):
    c = sandon_cast
    form = {
        "category": "information",
        "subject": "Verges",
        "details": "Please cut them",
        "submission_key": "k",
        "addressed_to": str(c.officer.pk),
    }
    response = client_for(c.councillor).post(f"/c/{c.council.slug}/enquiries/new/", form)
    assert response.status_code == 403
    assert c.council.profile.title("ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF") in unescape(response.content.decode())
    assert "ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF" not in response.content.decode()
    assert "Some general principles ¶2" in response.content.decode()


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["head", "councillor"])
def test_list_pages_run_the_same_queries_at_2_and_40_enquiries(sandon_cast, who):
    c = sandon_cast
    url = f"/c/{c.council.slug}/enquiries/"
    web = client_for(getattr(c, who))
    for i in range(2):
        enquiry_raise(actor=c.councillor, council=c.council, subject=f"s{i}", details="d", submission_key=f"a{i}")
    few = _queries(web, url)
    for i in range(38):
        enquiry_raise(actor=c.councillor, council=c.council, subject=f"t{i}", details="d", submission_key=f"b{i}")
    assert _queries(web, url) == few


def test_the_api_runs_the_workflow(sandon_cast):
    c = sandon_cast
    api = Client()
    base = f"/api/v1/councils/{c.council.slug}/enquiries"

    def auth(person):
        return {"Authorization": f"Bearer {token_issue(actor=person, name='t')[1]}"}

    cllr, head, officer = auth(c.councillor), auth(c.head), auth(c.officer)
    body = {"subject": "Bins", "details": "Missed collection", "submission_key": "api-1"}
    made = api.post(base, body, content_type="application/json", headers=cllr)
    again = api.post(base, body, content_type="application/json", headers=cllr)
    assert made.status_code == again.status_code == 201
    pk = made.json()["id"]
    assert again.json()["id"] == pk
    assert made.json()["response_target"].endswith("(10 working days)")
    refused = api.post(f"{base}/{pk}/priority", {"priority": 2}, content_type="application/json", headers=cllr)
    assert refused.status_code == 403
    assert refused.json()["citations"][0]["rule_id"] == "ENQUIRY_CLERK_SETS_PRIORITIES"
    ok = api.post(
        f"{base}/{pk}/assign",
        {"assignee": officer and c.officer.username},
        content_type="application/json",
        headers=head,
    )
    assert ok.json()["assignee"] == c.officer.username
    missing = api.post(f"{base}/{pk}/answer", {}, content_type="application/json", headers=officer)
    assert missing.status_code == 400
    assert "answer" in missing.json()["problems"]
    done = api.post(f"{base}/{pk}/answer", {"answer": "Tomorrow"}, content_type="application/json", headers=officer)
    assert done.json()["status"] == "answered"
    assert api.get(f"{base}/{pk}", headers=cllr).json()["answer"] == "Tomorrow"
    other = auth(c.other_councillor)
    assert api.get(f"{base}/{pk}", headers=other).status_code == 404
    assert api.get(f"{base}/{pk + 1000}", headers=other).status_code == 404
    bad = api.post(base, {"subject": 5}, content_type="application/json", headers=cllr)
    assert bad.status_code == 422
    assert bad.json()["error"] == "ValidationFailed"
