"""Throttling and lockout: by account from one address, by address, and softly by account; unlocking; audit."""

from __future__ import annotations

import pytest
from django.test import Client

from councildesk.accounts import events
from councildesk.audit.models import AuditEvent
from tests import factories

from .conftest import sign_in

pytestmark = pytest.mark.django_db


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _actions(council, action):
    return AuditEvent.objects.filter(council=council, action=action)


def test_a_councillor_signs_in_with_a_password_and_it_is_audited(client, sandon, cllr):
    response = sign_in(client, cllr.username)
    assert response.status_code == 302
    assert _signed_in(client)
    event = _actions(sandon, events.SIGNED_IN).get()
    assert event.data["address"] == "10.0.0.1"
    assert event.actor_id == cllr.pk


def test_a_wrong_password_is_an_error_linked_to_the_field_and_an_audited_failure(client, sandon, cllr):
    response = sign_in(client, cllr.username, "wrong-password-here")
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'href="#id_password"' in html
    assert not _signed_in(client)
    assert _actions(sandon, events.SIGN_IN_FAILED).get().data["reason"] == "wrong password"


def test_five_wrong_passwords_lock_the_account_from_that_address_only(client, sandon, cllr):
    for _ in range(5):
        sign_in(client, cllr.username, "wrong-password-here", address="203.0.113.9")
    refused = sign_in(client, cllr.username, address="203.0.113.9")  # even the right password
    assert refused.status_code == 429
    assert "You cannot sign in just now" in refused.content.decode()
    assert not _signed_in(client)
    assert _actions(sandon, events.LOCKED_OUT).count() == 1
    # The person, from their own address, is not locked out by someone else's guessing.
    assert sign_in(Client(), cllr.username, address="10.0.0.1").status_code == 302


def test_an_attacker_cannot_lock_every_user_of_a_council_out_at_once(sandon):
    """Guessing at every account from one address, then from many: everyone still signs in."""
    everyone = [factories.person_with_role(sandon, "councillor") for _ in range(7)]
    attacker = Client()
    for person in everyone:
        for _ in range(10):
            sign_in(attacker, person.username, "wrong-password-here", address="198.51.100.7")
    for i, person in enumerate(everyone):  # each from an address never seen before
        response = sign_in(Client(), person.username, address=f"10.1.0.{i + 1}")
        assert response.status_code == 302, person.username

    # A botnet: many addresses, each below the per-address limits, push every account past the soft
    # account limit. The account is refused only from new addresses; its usual address still works.
    for person in everyone:
        for n in range(6):
            for _ in range(4):
                sign_in(attacker, person.username, "wrong-password-here", address=f"192.0.2.{n + 10}")
    for i, person in enumerate(everyone):
        assert sign_in(Client(), person.username, address=f"10.1.0.{i + 1}").status_code == 302, person.username
        assert sign_in(Client(), person.username, address="10.9.9.9").status_code == 429


def test_an_address_that_fails_too_often_is_refused_for_every_account(client, sandon, cllr):
    for n in range(30):
        sign_in(client, f"nobody{n}", "wrong-password-here", address="198.51.100.8")
    assert sign_in(client, cllr.username, address="198.51.100.8").status_code == 429
    assert sign_in(Client(), cllr.username, address="10.0.0.2").status_code == 302


def test_the_clerk_unlocks_a_person_of_their_council_from_the_lockouts_page(client, sandon, cllr, clerk):
    for _ in range(5):
        sign_in(Client(), cllr.username, "wrong-password-here", address="203.0.113.9")
    client.force_login(clerk)
    page = client.get("/accounts/lockouts/")
    assert page.status_code == 200
    assert cllr.username in page.content.decode()
    response = client.post("/accounts/lockouts/", {"username": cllr.username}, follow=True)
    assert f"{cllr.username} can sign in again." in response.content.decode()
    event = _actions(sandon, events.UNLOCKED).get()
    assert event.actor_id == clerk.pk
    assert sign_in(Client(), cllr.username, address="203.0.113.9").status_code == 302


def test_only_head_officers_and_the_host_administrator_unlock_and_only_their_own_people(client, sandon, district):
    other = factories.person_with_role(district, "councillor")
    for _ in range(5):
        sign_in(Client(), other.username, "wrong-password-here", address="203.0.113.9")
    clerk = factories.person_with_role(sandon, "clerk")
    client.force_login(clerk)
    assert other.username not in client.get("/accounts/lockouts/").content.decode()
    assert client.post("/accounts/lockouts/", {"username": other.username}).status_code == 404
    assert client.post("/accounts/lockouts/", {"address": "203.0.113.9"}).status_code == 404

    councillor = factories.person_with_role(sandon, "councillor")
    client.force_login(councillor)
    assert client.get("/accounts/lockouts/").status_code == 404

    admin = factories.PersonFactory(is_host_admin=True)
    client.force_login(admin)
    assert other.username in client.get("/accounts/lockouts/").content.decode()
    assert client.post("/accounts/lockouts/", {"username": other.username}).status_code == 302
    assert _actions(district, events.UNLOCKED).get().actor_id == admin.pk


def test_the_host_administrator_unlocks_an_address(client, sandon, cllr):
    for n in range(30):
        sign_in(Client(), cllr.username if n == 0 else f"nobody{n}", "wrong-password-here", address="198.51.100.8")
    admin = factories.PersonFactory(is_host_admin=True)
    client.force_login(admin)
    assert "198.51.100.8" in client.get("/accounts/lockouts/").content.decode()
    client.post("/accounts/lockouts/", {"address": "198.51.100.8"})
    assert sign_in(Client(), cllr.username, address="198.51.100.8").status_code == 302
    assert _actions(sandon, events.UNLOCKED).get().data["address"] == "198.51.100.8"
