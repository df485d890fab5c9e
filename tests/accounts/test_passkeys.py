"""Passkeys as a second factor: added from the account page and used at sign-in instead of a code, by a software
authenticator (tests/accounts/authenticator.py). A replayed assertion, another site's origin, another challenge
and a counter that went backwards are all refused; each add, use, refusal and removal is audited."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from webauthn.helpers import bytes_to_base64url

from councildesk.accounts import events, passkeys, services
from councildesk.accounts.models import Passkey, RecoveryCode
from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, ValidationFailed
from tests import factories

from .authenticator import SoftAuthenticator, options_in
from .conftest import sign_in

pytestmark = pytest.mark.django_db
RP = passkeys.RelyingParty(id="testserver", origin="http://testserver")


def _signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _register(person, authenticator: SoftAuthenticator, name: str = "Work laptop") -> Passkey:
    options, challenge = passkeys.registration_options(person, RP)
    return passkeys.passkey_register(
        actor=person, name=name, credential=authenticator.create(json.loads(options)), challenge=challenge, rp=RP
    )[0]


def _pending(person) -> Client:
    """A browser whose password step is done: it is on the second step."""
    client = Client()
    assert sign_in(client, person.username).status_code == 302
    return client


def _signed_in_now(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_a_passkey_is_added_from_the_account_page_with_its_public_key_count_and_transports(sandon, clerk):
    client = _signed_in(clerk)
    authenticator = SoftAuthenticator()
    page = client.get("/accounts/passkeys/new/").content.decode()
    options = options_in(page)
    assert options["rp"]["id"] == "testserver"
    assert options["attestation"] == "none"
    response = client.post(
        "/accounts/passkeys/new/", {"name": "Work laptop", "credential": authenticator.create(options)}
    )
    assert "recovery code" in response.content.decode().lower()  # their first second factor: codes come with it
    key = Passkey.objects.get(person=clerk)
    assert (key.name, bytes(key.credential_id), key.sign_count) == ("Work laptop", authenticator.credential_id, 0)
    assert key.transports == ["internal", "hybrid"]
    assert len(bytes(key.public_key)) > 64
    assert RecoveryCode.objects.filter(person=clerk).count() == 10
    event = AuditEvent.objects.get(council=sandon, action=events.PASSKEY_ADDED)
    assert (event.actor, event.data["name"]) == (clerk, "Work laptop")
    account = client.get("/accounts/").content.decode()
    assert "Work laptop" in account
    assert "Remove<span" in account


def test_adding_needs_a_name_and_a_fresh_challenge_from_this_site(sandon, clerk):
    client = _signed_in(clerk)
    authenticator = SoftAuthenticator()
    options = options_in(client.get("/accounts/passkeys/new/").content.decode())
    nameless = client.post("/accounts/passkeys/new/", {"name": "", "credential": authenticator.create(options)})
    assert 'href="#id_name"' in nameless.content.decode()
    # The page was shown again with a new challenge: the answer to the old one is refused.
    stale = client.post("/accounts/passkeys/new/", {"name": "Key", "credential": authenticator.create(options)})
    assert "could not be checked" in stale.content.decode()
    elsewhere = options_in(stale.content.decode())
    phished = client.post(
        "/accounts/passkeys/new/",
        {"name": "Key", "credential": authenticator.create(elsewhere, origin="https://evil.example")},
    )
    assert "could not be checked" in phished.content.decode()
    assert not Passkey.objects.filter(person=clerk).exists()
    assert not AuditEvent.objects.filter(action=events.PASSKEY_ADDED).exists()


def test_a_passkey_signs_in_instead_of_a_code_for_a_role_that_needs_a_second_factor(sandon, clerk):
    authenticator = SoftAuthenticator()
    key = _register(clerk, authenticator)
    client = _pending(clerk)
    assert not _signed_in_now(client)
    page = client.get("/accounts/login/verify/").content.decode()
    assert "Use a passkey" in page
    options = options_in(page)
    assert options["allowCredentials"][0]["id"] == bytes_to_base64url(authenticator.credential_id)
    response = client.post("/accounts/login/passkey/", {"credential": authenticator.get(options)})
    assert response.status_code == 302
    assert _signed_in_now(client)
    key.refresh_from_db()
    assert key.sign_count == 1
    assert key.last_used_at is not None
    assert AuditEvent.objects.get(council=sandon, action=events.PASSKEY_USED).data["name"] == "Work laptop"
    assert AuditEvent.objects.get(council=sandon, action=events.SIGNED_IN).data["second_factor"] == "passkey"


def _refused(client: Client, credential: str) -> None:
    response = client.post("/accounts/login/passkey/", {"credential": credential}, follow=True)
    assert "could not be checked" in response.content.decode()
    assert not _signed_in_now(client)


def test_a_replayed_assertion_is_refused(sandon, clerk):
    authenticator = SoftAuthenticator()
    _register(clerk, authenticator)
    first = _pending(clerk)
    used = authenticator.get(options_in(first.get("/accounts/login/verify/").content.decode()))
    assert first.post("/accounts/login/passkey/", {"credential": used}).status_code == 302
    # Someone who captured that answer signs in with the password and replays it to their own second step.
    thief = _pending(clerk)
    thief.get("/accounts/login/verify/")
    _refused(thief, used)
    # Nor does the same session take one answer twice: the challenge is used up by the first try.
    again = _pending(clerk)
    answer = authenticator.get(options_in(again.get("/accounts/login/verify/").content.decode()))
    _refused(again, authenticator.get({"challenge": "bm90LXRoZS1jaGFsbGVuZ2U"}))
    _refused(again, answer)
    failed = AuditEvent.objects.filter(council=sandon, action=events.SECOND_FACTOR_FAILED)
    assert failed.count() == 3
    assert {e.data["method"] for e in failed} == {"passkey"}


def test_another_sites_origin_another_challenge_and_a_counter_gone_back_are_refused(sandon, clerk):
    authenticator = SoftAuthenticator()
    key = _register(clerk, authenticator)
    client = _pending(clerk)
    options = options_in(client.get("/accounts/login/verify/").content.decode())
    _refused(client, authenticator.get(options, origin="https://councildesk.evil.example"))
    options = options_in(client.get("/accounts/login/verify/").content.decode())
    _refused(client, authenticator.get(options, rp_id="evil.example"))
    options = options_in(client.get("/accounts/login/verify/").content.decode())
    _refused(client, authenticator.get(options, challenge="c29tZS1vdGhlci1jaGFsbGVuZ2U"))
    key.sign_count = 50
    key.save(update_fields=["sign_count"])
    options = options_in(client.get("/accounts/login/verify/").content.decode())
    _refused(client, authenticator.get(options, count=7))  # a cloned authenticator's counter lags behind
    options = options_in(client.get("/accounts/login/verify/").content.decode())
    assert (
        client.post("/accounts/login/passkey/", {"credential": authenticator.get(options, count=51)}).status_code == 302
    )
    assert _signed_in_now(client)


def test_one_persons_passkey_does_not_sign_in_another(sandon, clerk):
    other = factories.person_with_role(sandon, "officer")
    theirs = SoftAuthenticator()
    _register(other, theirs)
    _register(clerk, SoftAuthenticator())
    client = _pending(clerk)
    options = options_in(client.get("/accounts/login/verify/").content.decode())
    _refused(client, theirs.get(options))


def test_a_passkey_is_removed_by_its_owner_only(sandon, clerk, cllr):
    key = _register(clerk, SoftAuthenticator())
    with pytest.raises(NotFound):
        passkeys.passkey_remove(actor=cllr, passkey_id=key.pk)
    client = _signed_in(clerk)
    assert client.post(f"/accounts/passkeys/{key.pk}/remove/").status_code == 302
    assert not Passkey.objects.filter(pk=key.pk).exists()
    event = AuditEvent.objects.get(council=sandon, action=events.PASSKEY_REMOVED)
    assert (event.actor, event.data["name"]) == (clerk, "Work laptop")
    assert "is removed" in client.get("/accounts/").content.decode()


def test_the_same_authenticator_is_not_added_twice(sandon, clerk):
    authenticator = SoftAuthenticator()
    _register(clerk, authenticator)
    with pytest.raises(ValidationFailed, match="already added"):
        _register(clerk, authenticator, name="Again")


def test_a_second_factor_reset_removes_the_persons_passkeys(sandon, clerk, cllr):
    _register(cllr, SoftAuthenticator())
    services.second_factor_reset(actor=clerk, username=cllr.username, reason="Laptop stolen on the train")
    assert not Passkey.objects.filter(person=cllr).exists()
    event = AuditEvent.objects.get(council=sandon, action=events.SECOND_FACTOR_RESET)
    assert event.data["passkeys"] == "1"
