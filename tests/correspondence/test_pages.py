"""The pages and the API: a refusal keeps what was typed and shows the clause; the API has no way to copy anyone
in blind either."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from councildesk.api.tokens import token_issue
from councildesk.correspondence import services


def client_for(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


@pytest.mark.rule("CORRESPONDENCE_NO_FORWARD_TO_RESIDENTS")
def test_a_refused_forward_keeps_what_was_typed_and_cites_the_clause(world):
    w = world("district-annex")
    thread = services.thread_start(
        actor=w.cllr, council=w.council, subject="Bins", body="Missed again.", to_ids=[w.officer.pk]
    )
    services.message_post(actor=w.officer, council=w.council, thread_id=thread.pk, body="Crew was short.")
    c = client_for(w.cllr)
    base = f"/c/district-annex/correspondence/{thread.pk}/"
    page = c.get(base + "copy/").content.decode()
    assert "Exactly what they will see" in page
    assert "Crew was short." in page
    r = c.post(
        base + "copy/",
        {"external_name": "Mrs Resident", "external_email": "res@example.org", "reason": "She asked", "reviewed": "on"},
    )
    assert r.status_code == 400
    body = r.content.decode()
    assert "5.14" in body
    assert "Mrs Resident" in body
    assert "She asked" in body


@pytest.mark.rule("CORRESPONDENCE_NO_BLIND_COPIES")
def test_the_api_refuses_a_blind_copy_and_lists_every_participant(world):
    w = world("mayor-town")
    _, key = token_issue(actor=w.cllr, name="phone")
    c = Client(headers={"Authorization": f"Bearer {key}"})
    url = "/api/v1/councils/mayor-town/correspondence"
    body = {"subject": "Parking", "body": "Verges.", "to": [w.head.username], "bcc": [w.cllr2.username]}
    r = c.post(url, json.dumps(body), content_type="application/json")
    assert r.status_code == 403
    assert r.json()["citations"][0]["clause"] == "12.1"
    body["bcc"] = []
    r = c.post(url, json.dumps(body), content_type="application/json")
    assert r.status_code == 201
    assert {p["username"] for p in r.json()["participants"]} == {w.cllr.username, w.head.username}
