"""Resetting a lost authenticator: by the council's head officer (for people of that council) or the host
administrator, with a reason; audited; the person is told; they set up again at their next sign-in. Never one's
own, and never across councils (404)."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from councildesk.accounts import events, services
from councildesk.accounts.models import RecoveryCode, SetUpDue
from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.notifications.models import Notification, OutboxEmail
from tests import factories

from .conftest import code_for, enrol, sign_in

pytestmark = pytest.mark.django_db

URL = "/accounts/second-factor/reset/"


def _signed_in_as(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_the_clerk_resets_a_councillors_app_and_the_councillor_sets_up_again(sandon, clerk, cllr):
    cllr.email = "cllr@example.org"
    cllr.save(update_fields=["email"])
    key = enrol(cllr)
    services.recovery_codes_replace(actor=cllr)
    client = _signed_in_as(clerk)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"username": cllr.username, "reason": "Phone lost; checked in person at the office"})
    assert response.status_code == 302
    assert "was reset" in client.get(URL).content.decode()
    assert not TOTPDevice.objects.filter(user=cllr).exists()
    assert not RecoveryCode.objects.filter(person=cllr).exists()
    event = AuditEvent.objects.get(council=sandon, action=events.SECOND_FACTOR_RESET)
    assert event.actor == clerk
    assert event.data["reason"] == "Phone lost; checked in person at the office"
    assert Notification.objects.filter(recipient=cllr, kind=events.SECOND_FACTOR_RESET).exists()
    assert OutboxEmail.objects.filter(to_address="cllr@example.org", subject__contains="was reset").exists()

    # The old app's code no longer signs in: a councillor (for whom it is optional) must set one up again.
    them = Client()
    assert sign_in(them, cllr.username)["Location"] == "/accounts/second-factor/"
    assert "_auth_user_id" not in them.session
    them.get("/accounts/second-factor/")
    new_key = them.session["councildesk.accounts.setup_key"]
    assert new_key != key
    assert them.post("/accounts/second-factor/", {"code": code_for(new_key)}).status_code == 200
    assert "_auth_user_id" in them.session
    assert not SetUpDue.objects.filter(person=cllr).exists()


def test_nobody_resets_their_own(sandon, clerk):
    enrol(clerk)
    with pytest.raises(ValidationFailed):
        services.second_factor_reset(actor=clerk, username=clerk.username, reason="I lost my phone")
    response = _signed_in_as(clerk).post(URL, {"username": clerk.username, "reason": "I lost my phone"})
    assert response.status_code == 200
    assert 'href="#id_username"' in response.content.decode()
    assert TOTPDevice.objects.filter(user=clerk).exists()


def test_a_reason_is_required(sandon, clerk, cllr):
    response = _signed_in_as(clerk).post(URL, {"username": cllr.username, "reason": ""})
    assert 'href="#id_reason"' in response.content.decode()
    assert cllr.username in response.content.decode()  # what was typed is kept


def test_another_councils_person_answers_like_nobody(sandon, clerk):
    district = factories.council("district-annex")
    elsewhere = factories.person_with_role(district, "officer")
    enrol(elsewhere)
    client = _signed_in_as(clerk)
    other = client.post(URL, {"username": elsewhere.username, "reason": "Phone lost, checked"})
    nobody = client.post(URL, {"username": "no-such-person", "reason": "Phone lost, checked"})
    assert other.status_code == nobody.status_code == 404
    assert TOTPDevice.objects.filter(user=elsewhere).exists()
    with pytest.raises(NotFound):
        services.second_factor_reset(actor=clerk, username=elsewhere.username, reason="Phone lost, checked")


def test_a_councillor_cannot_reach_the_page_and_the_host_administrator_can_reset_anyone(sandon, clerk, cllr):
    assert _signed_in_as(cllr).get(URL).status_code == 404
    enrol(clerk)
    host = factories.PersonFactory(is_host_admin=True)
    services.second_factor_reset(actor=host, username=clerk.username, reason="Clerk's phone was stolen")
    assert not TOTPDevice.objects.filter(user=clerk).exists()
    assert AuditEvent.objects.filter(council=sandon, action=events.SECOND_FACTOR_RESET, actor=host).exists()
