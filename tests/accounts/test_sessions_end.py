"""A copied session cookie stops working, on the server, after each thing that should end a person's sessions:
a second-factor reset, a password reset, a password change (every session but the one changing it), a
deactivation, and signing out. The session row itself is gone, not just refused by Django's password hash check.
API tokens are revoked by a second-factor reset, a password reset and a deactivation; a password change keeps
them (the person is signed in and chose it)."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from councildesk.accounts import events, services
from councildesk.accounts.models import SignedInSession
from councildesk.api.models import ApiToken
from councildesk.api.tokens import token_authenticate, token_issue
from councildesk.audit import events as audit_events
from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.notifications.models import OutboxEmail
from tests import factories

from .conftest import sign_in

pytestmark = pytest.mark.django_db
NEW = "a-much-longer-passphrase-7"


def _signed_in(person) -> Client:
    client = Client()
    assert sign_in(client, person.username).status_code == 302
    return client


def _stolen(victim: Client) -> Client:
    """Another browser presenting a copy of the victim's session cookie."""
    thief = Client()
    thief.cookies["sessionid"] = victim.cookies["sessionid"].value
    assert thief.get("/accounts/").status_code == 200  # the copy works until something ends the session
    return thief


def _gone(client: Client) -> bool:
    key = client.cookies["sessionid"].value
    return not Session.objects.filter(session_key=key).exists() and client.get("/accounts/").status_code == 302


def test_signing_in_indexes_the_session_and_signing_out_removes_it(sandon, cllr):
    victim = _signed_in(cllr)
    key = victim.cookies["sessionid"].value
    assert SignedInSession.objects.filter(person=cllr, session_key=key).exists()
    thief = _stolen(victim)
    victim.post("/accounts/logout/")
    assert _gone(thief)
    assert not SignedInSession.objects.filter(person=cllr).exists()


def test_a_second_factor_reset_ends_every_session_and_revokes_every_token(sandon, clerk, cllr):
    phone, laptop = _signed_in(cllr), _signed_in(cllr)
    thief = _stolen(laptop)
    _, key = token_issue(actor=cllr, name="script")
    assert token_authenticate(key) == cllr
    services.second_factor_reset(actor=clerk, username=cllr.username, reason="Phone stolen, checked in person")
    assert _gone(thief)
    assert _gone(phone)
    assert token_authenticate(key) is None
    event = AuditEvent.objects.get(council=sandon, action=events.SECOND_FACTOR_RESET)
    assert event.data["sessions_ended"] == "2"
    assert event.data["api_tokens_revoked"] == "1"
    revoked = AuditEvent.objects.get(council=sandon, action=audit_events.API_TOKEN_REVOKED)
    assert revoked.data["reason"] == "second factor reset"
    assert revoked.actor is None


def test_a_second_factor_reset_leaves_the_administrators_own_sessions(sandon, clerk, cllr):
    admin = Client()
    admin.force_login(clerk)
    admin.post(
        "/accounts/second-factor/reset/", {"username": cllr.username, "reason": "Lost phone, seen in the office"}
    )
    assert admin.get("/accounts/").status_code == 200


def _reset_link() -> str:
    email = OutboxEmail.objects.latest("id")
    return "/accounts/" + re.search(r"/accounts/(password/reset/new/\?\S+)", email.body).group(1)


def test_a_password_reset_ends_every_session_and_revokes_every_token(sandon, cllr):
    cllr.email = "cllr@example.org"
    cllr.save(update_fields=["email"])
    thief = _stolen(_signed_in(cllr))
    _, key = token_issue(actor=cllr, name="script")
    browser = Client()
    browser.post("/accounts/password/reset/", {"email": cllr.email})
    done = browser.post(_reset_link(), {"new_password": NEW, "confirm_password": NEW})
    assert done.status_code == 302
    assert _gone(thief)
    assert token_authenticate(key) is None
    event = AuditEvent.objects.get(council=sandon, action=events.PASSWORD_RESET)
    assert (event.data["sessions_ended"], event.data["api_tokens_revoked"]) == ("1", "1")


def test_a_password_change_ends_every_other_session_on_the_server_and_keeps_this_one(sandon, cllr):
    mine = _signed_in(cllr)
    thief = _stolen(_signed_in(cllr))
    _, key = token_issue(actor=cllr, name="script")
    response = mine.post(
        "/accounts/password/", {"current_password": factories.PASSWORD, "new_password": NEW, "confirm_password": NEW}
    )
    assert response.status_code == 302
    assert _gone(thief)
    assert mine.get("/accounts/").status_code == 200
    # The session changing the password was given a new key; the index follows it, so a later reset ends it too.
    assert list(SignedInSession.objects.filter(person=cllr).values_list("session_key", flat=True)) == [
        mine.cookies["sessionid"].value
    ]
    assert token_authenticate(key) == cllr  # a change keeps the person's tokens
    event = AuditEvent.objects.get(council=sandon, action=events.PASSWORD_CHANGED)
    assert event.data["sessions_ended"] == "1"


def test_the_clerk_deactivates_a_person_who_is_then_signed_out_everywhere(sandon, clerk, cllr):
    thief = _stolen(_signed_in(cllr))
    _, key = token_issue(actor=cllr, name="script")
    admin = Client()
    admin.force_login(clerk)
    assert admin.get("/accounts/deactivate/").status_code == 200
    response = admin.post("/accounts/deactivate/", {"username": cllr.username, "reason": "Resigned on 3 March"})
    assert response.status_code == 302
    assert "can no longer sign in" in admin.get("/accounts/deactivate/").content.decode()
    cllr.refresh_from_db()
    assert not cllr.is_active
    assert _gone(thief)
    assert token_authenticate(key) is None
    assert sign_in(Client(), cllr.username).status_code == 200  # the right password no longer signs in
    event = AuditEvent.objects.get(council=sandon, action=events.DEACTIVATED)
    assert event.actor == clerk
    assert event.data == {
        "reason": "Resigned on 3 March",
        "sessions_ended": "1",
        "api_tokens_revoked": "1",
    }
    assert ApiToken.objects.get(person=cllr).revoked_at is not None


def test_deactivating_needs_a_reason_is_never_ones_own_and_stays_within_the_council(sandon, district, clerk, cllr):
    with pytest.raises(ValidationFailed, match="own account"):
        services.person_deactivate(actor=clerk, username=clerk.username, reason="testing myself")
    with pytest.raises(ValidationFailed, match="Say why"):
        services.person_deactivate(actor=clerk, username=cllr.username, reason=" ")
    elsewhere = factories.person_with_role(district, "councillor")
    with pytest.raises(NotFound):
        services.person_deactivate(actor=clerk, username=elsewhere.username, reason="Not mine to deactivate")
    admin = Client()
    admin.force_login(cllr)
    assert admin.get("/accounts/deactivate/").status_code == 404
    form = Client()
    form.force_login(clerk)
    page = form.post("/accounts/deactivate/", {"username": clerk.username, "reason": "testing myself"})
    assert 'href="#id_username"' in page.content.decode()


def test_an_account_made_inactive_by_any_code_keeps_no_session(sandon, cllr):
    thief = _stolen(_signed_in(cllr))
    cllr.is_active = False
    cllr.save(update_fields=["is_active"])
    assert _gone(thief)


def test_only_a_host_administrator_resets_or_deactivates_a_host_administrator(sandon, clerk):
    host = factories.person_with_role(sandon, "councillor")
    host.is_host_admin = True
    host.save(update_fields=["is_host_admin"])
    with pytest.raises(ValidationFailed, match="only another host administrator"):
        services.person_deactivate(actor=clerk, username=host.username, reason="Left the council in May")
    with pytest.raises(ValidationFailed, match="only another host administrator"):
        services.second_factor_reset(actor=clerk, username=host.username, reason="Lost the phone")
    host.refresh_from_db()
    assert host.is_active
    page = Client()
    page.force_login(clerk)
    typed = {"username": host.username, "reason": "Left the council in May"}
    body = page.post("/accounts/deactivate/", typed).content.decode()
    assert 'href="#id_username"' in body
    assert "Left the council in May" in body  # what the Clerk typed is kept
    other = factories.PersonFactory(is_host_admin=True)
    assert services.person_deactivate(actor=other, username=host.username, reason="Left the council").is_active is False
