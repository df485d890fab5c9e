"""The JSON API: tokens, the council gate, and the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.test import Client

from councildesk.api.models import ApiToken
from councildesk.api.tokens import token_issue, token_revoke
from councildesk.audit.models import AuditEvent
from councildesk.people.models import Role
from councildesk.people.services import role_end
from tests.factories import person_with_role


@pytest.fixture
def clerk(sandon):
    return person_with_role(sandon, "clerk")


def _get(path, key=None, **params):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return Client().get(path, params or None, headers=headers)


def test_openapi_lists_every_route():
    schema = _get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "councildesk API"
    assert "/api/v1/councils/{slug}/people" in schema["paths"]
    assert "/api/v1/councils/{slug}/audit" in schema["paths"]


def test_a_token_reads_its_owners_council_and_is_stored_only_as_a_hash(clerk, sandon):
    _token, key = token_issue(actor=clerk, name="laptop")
    assert key not in ApiToken.objects.values_list("key_hash", flat=True)
    assert AuditEvent.objects.filter(council=sandon, action="api_token.issued").exists()
    body = _get("/api/v1/councils/sandon-burston", key).json()
    assert body["head_officer_title"] == "Proper Officer/Clerk"
    assert body["your_roles"] == ["Proper Officer/Clerk"]
    people = _get("/api/v1/councils/sandon-burston/people", key).json()
    assert [p["username"] for p in people] == [clerk.username]


def test_a_revoked_or_made_up_token_is_refused(clerk):
    token, key = token_issue(actor=clerk, name="old")
    token_revoke(actor=clerk, token_id=token.pk)
    assert _get("/api/v1/me", key).status_code == 401
    assert _get("/api/v1/me", "cd_not-a-real-token").status_code == 401


def test_an_error_names_the_rule_and_clause_as_json(sandon):
    import datetime as dt

    former = person_with_role(sandon, "councillor", start=dt.date(2019, 5, 6))
    _, key = token_issue(actor=former, name="x")
    role_end(actor=None, role=Role.objects.get(person=former), end=dt.date(2023, 5, 7))
    response = _get("/api/v1/councils/sandon-burston", key)
    assert response.status_code == 403
    body = response.json()
    assert body["citations"][0]["rule_id"] == "ROLES_COUNCILLOR_TERM_BOUNDED"
    assert "ended on" in body["reason"]


def test_clauses_come_from_the_profile_until_the_document_is_imported(clerk):
    _, key = token_issue(actor=clerk, name="x")
    clauses = _get("/api/v1/councils/sandon-burston/clauses", key).json()
    refs = {c["ref"] for c in clauses}
    assert "Some general principles ¶2" in refs
    one = _get("/api/v1/councils/sandon-burston/clause", key, ref="Some general principles ¶2").json()
    assert "ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF" in one["rule_ids"]
    assert _get("/api/v1/councils/sandon-burston/clause", key, ref="99.99").status_code == 404


def test_audit_status_reports_an_intact_chain(clerk):
    _, key = token_issue(actor=clerk, name="x")
    body = _get("/api/v1/councils/sandon-burston/audit", key).json()
    assert body["intact"] is True
    assert body["events_checked"] >= 3
