"""Password change, and reset by email through the outbox; a reset link works once."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from councildesk.accounts import events
from councildesk.audit.models import AuditEvent
from councildesk.notifications.models import OutboxEmail
from tests import factories

from .conftest import sign_in

pytestmark = pytest.mark.django_db
NEW = "a-much-longer-passphrase-7"


def test_changing_the_password_needs_the_current_one_and_meets_the_policy(client, sandon, cllr):
    client.force_login(cllr)
    wrong = client.post(
        "/accounts/password/",
        {"current_password": "nope-not-it", "new_password": NEW, "confirm_password": NEW},
    )
    assert 'href="#id_current_password"' in wrong.content.decode()
    short = client.post(
        "/accounts/password/",
        {"current_password": factories.PASSWORD, "new_password": "short", "confirm_password": "short"},
    )
    assert 'href="#id_new_password"' in short.content.decode()
    done = client.post(
        "/accounts/password/",
        {"current_password": factories.PASSWORD, "new_password": NEW, "confirm_password": NEW},
        follow=True,
    )
    assert "Your password has been changed" in done.content.decode()
    assert client.get("/accounts/").status_code == 200  # this session stays
    assert AuditEvent.objects.filter(council=sandon, action=events.PASSWORD_CHANGED, actor=cllr).count() == 1
    assert sign_in(Client(), cllr.username, NEW).status_code == 302


def test_changing_the_password_ends_other_sessions(sandon, cllr):
    other = Client()
    other.force_login(cllr)
    mine = Client()
    mine.force_login(cllr)
    mine.post(
        "/accounts/password/", {"current_password": factories.PASSWORD, "new_password": NEW, "confirm_password": NEW}
    )
    assert other.get("/accounts/").status_code == 302


def _reset_link() -> str:
    email = OutboxEmail.objects.latest("id")
    return re.search(r"https?://\S+/accounts/password/reset/new/\?\S+", email.body).group(0).split("8000", 1)[1]


def test_a_reset_link_goes_through_the_outbox_and_works_once(client, sandon):
    person = factories.person_with_role(
        sandon,
        "councillor",
    )
    person.email = "connor@example.org"
    person.save()
    page = client.post("/accounts/password/reset/", {"email": "Connor@Example.org"})
    assert "Check your email" in page.content.decode()
    email = OutboxEmail.objects.get()
    assert email.to_address == "connor@example.org"
    assert email.status == "pending"
    assert AuditEvent.objects.filter(council=sandon, action=events.PASSWORD_RESET_REQUESTED).count() == 1
    link = _reset_link()
    assert client.get(link).status_code == 200
    done = client.post(link, {"new_password": NEW, "confirm_password": NEW}, follow=True)
    assert "Your password has been reset" in done.content.decode()
    assert AuditEvent.objects.filter(council=sandon, action=events.PASSWORD_RESET).count() == 1
    assert sign_in(Client(), person.username, NEW).status_code == 302
    # Replayed: the link's token was tied to the old password.
    replay = client.post(link, {"new_password": "another-long-passphrase-9", "confirm_password": "x"})
    assert replay.status_code == 400
    assert "This link does not work" in replay.content.decode()
    assert client.get(link).status_code == 400
    assert sign_in(Client(), person.username, NEW).status_code == 302


def test_asking_for_an_unknown_address_looks_the_same_and_sends_nothing(client, sandon):
    page = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert "Check your email" in page.content.decode()
    assert not OutboxEmail.objects.exists()


def test_a_forged_reset_link_fails(client, sandon, cllr):
    response = client.get("/accounts/password/reset/new/", {"u": "MQ", "t": "abc-123"})
    assert response.status_code == 400
