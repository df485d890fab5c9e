"""API tokens: every token expires, may be read-only, and can be revoked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings

from councildesk.api.models import ApiToken
from councildesk.api.tokens import token_issue, token_revoke
from councildesk.audit.models import AuditEvent
from councildesk.core import clock
from councildesk.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def _get(path: str, key: str, method: str = "get"):
    return getattr(Client(), method)(path, headers={"Authorization": f"Bearer {key}"})


def test_a_token_expires(clerk, sandon, monkeypatch):
    token, key = token_issue(actor=clerk, name="laptop", days=30)
    assert token.expires_at == token.created_at + dt.timedelta(days=30)
    assert _get("/api/v1/me", key).status_code == 200
    later = clock.now() + dt.timedelta(days=30, seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert _get("/api/v1/me", key).status_code == 401
    event = AuditEvent.objects.get(council=sandon, action="api_token.issued")
    assert event.data["expires_at"] == token.expires_at.isoformat()


@override_settings(COUNCILDESK_API_TOKEN_MAX_DAYS=365)
def test_a_token_cannot_last_longer_than_the_installation_allows(clerk):
    with pytest.raises(ValidationFailed):
        token_issue(actor=clerk, name="forever", days=366)
    with pytest.raises(ValidationFailed):
        token_issue(actor=clerk, name="never", days=0)


def test_a_read_only_token_reads_but_cannot_change_anything(clerk, sandon):
    _token, key = token_issue(actor=clerk, name="dashboard", read_only=True)
    assert _get(f"/api/v1/councils/{sandon.slug}", key).status_code == 200
    refused = _get(f"/api/v1/councils/{sandon.slug}/notifications/1/read", key, "post")
    assert refused.status_code == 403
    assert "read-only" in refused.json()["message"]
    _token, writer = token_issue(actor=clerk, name="script")
    assert _get(f"/api/v1/councils/{sandon.slug}/notifications/1/read", writer, "post").status_code != 403


def test_a_revoked_token_is_refused_and_the_revocation_audited(clerk, sandon):
    token, key = token_issue(actor=clerk, name="old")
    token_revoke(actor=clerk, token_id=token.pk)
    assert _get("/api/v1/me", key).status_code == 401
    assert AuditEvent.objects.filter(council=sandon, action="api_token.revoked").count() == 1


def test_the_tokens_page_issues_with_an_expiry_and_a_scope(client, clerk):
    client.force_login(clerk)
    page = client.post("/accounts/tokens/", {"name": "reports", "days": "30", "scope": "read"})
    assert "Token created" in page.content.decode()
    token = ApiToken.objects.get(person=clerk)
    assert token.read_only
    assert (token.expires_at - token.created_at).days == 30
    assert "Read only" in page.content.decode()
