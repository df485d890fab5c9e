"""The deadline API: the same answers as the page, 422 with the documented error shape, 404 for another council."""

from __future__ import annotations

import pytest
from django.test import Client

from councildesk.api.tokens import token_issue
from tests.factories import council, person_with_role

from .conftest import reshape

BASE = "/api/v1/councils/sandon-burston/deadlines"


@pytest.fixture
def api(clerk):
    key = token_issue(actor=clerk, name="test")[1]
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_foi_over_christmas(api):
    response = api.get(BASE, {"regime": "foi", "received": "2026-12-21"})
    assert response.status_code == 200
    body = response.json()
    assert body["regime"] == "foi"
    assert body["received"] == "2026-12-21"
    assert body["due"] == "2027-01-22"
    assert body["label"] == "due Fri 22 Jan 2027 (20 working days)"
    assert (body["unit"], body["value"]) == ("working_days", 20)
    assert body["calendar"].startswith("england+wales+scotland+northern_ireland|closures:0:")
    assert body["source"] == "FOIA 2000 s.10"
    assert body["skipped"][0] == {"day": "2026-12-25", "reason": "Bank holiday (UK-wide): Christmas Day"}
    assert len(body["skipped"]) == 12


def test_sar_is_one_calendar_month(api):
    body = api.get(BASE, {"regime": "sar", "received": "2027-01-31"}).json()
    assert body["due"] == "2027-03-01"
    assert body["label"] == "due Mon 1 Mar (1 calendar month)"
    assert body["unit"] == "calendar_months"
    assert [s["reason"] for s in body["skipped"]] == ["Sunday"]


def test_regimes_list_statutes_then_the_councils_targets(api, sandon):
    reshape(sandon, targets={"enquiry_response": {"value": 10, "unit": "working_days"}})
    body = api.get(BASE + "/regimes").json()
    assert [r["regime"] for r in body] == ["foi", "eir", "eir_extended", "sar", "enquiry_response"]
    assert body[0]["source"] == "FOIA 2000 s.10"
    assert body[-1] == {
        "regime": "enquiry_response",
        "title": "Answering a councillor's enquiry",
        "period": "10 working days",
        "source": "set by the council, not in the protocol text",
        "kind": "council",
        "description": body[-1]["description"],
    }


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ({"regime": "nope", "received": "2026-12-21"}, {"regime"}),
        ({"regime": "foi", "received": "tomorrow"}, {"received"}),
        ({"regime": "foi", "received": "1900-01-01"}, {"received"}),
        ({}, {"regime", "received"}),
    ],
)
def test_bad_input_is_422_with_the_documented_error_shape(api, query, fields):
    response = api.get(BASE, query)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "ValidationFailed"
    assert body["message"].startswith("The request was not understood")
    assert set(body["problems"]) == fields


def test_another_council_is_404_whatever_the_input(api, db):
    council("mayor-town")
    for path in ("/api/v1/councils/mayor-town/deadlines", "/api/v1/councils/mayor-town/deadlines/regimes"):
        assert api.get(path, {"regime": "nope"}).status_code == 404


@pytest.mark.django_db  # on PostgreSQL every request sets its row-level security scope (ADR 0015)
def test_without_a_token_it_is_401():
    assert Client().get(BASE, {"regime": "foi", "received": "2026-12-21"}).status_code == 401


def test_an_officer_sees_the_same_answer(sandon):
    officer = person_with_role(sandon, "officer")
    key = token_issue(actor=officer, name="t")[1]
    body = Client().get(BASE, {"regime": "eir", "received": "2026-12-21"}, headers={"Authorization": f"Bearer {key}"})
    assert body.json()["due"] == "2027-01-22"
