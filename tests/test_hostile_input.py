"""Hostile input gets a clear error and loses nothing: NUL bytes on every channel, weak passwords, header
injection through a notice's subject."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from councildesk.core.errors import ValidationFailed
from councildesk.notifications.models import Notification, OutboxEmail
from councildesk.notifications.services import notify
from councildesk.people import services
from councildesk.people.models import Person
from tests.factories import PersonFactory, person_with_role

MESSAGE = b"NUL byte"


@pytest.fixture
def signed_in(client, sandon):
    clerk = person_with_role(sandon, "clerk", start=dt.date(2020, 1, 1))
    client.force_login(clerk)
    return client


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda c, s: c.get(f"/c/{s}/people/\x00/"), id="path"),
        pytest.param(lambda c, s: c.get(f"/c/{s}/people/?q=a%00b"), id="query string"),
        pytest.param(lambda c, s: c.post(f"/c/{s}/enquiries/new/", {"subject": "a\x00b"}), id="form field"),
        pytest.param(
            lambda c, s: c.post(
                f"/c/{s}/enquiries/new/", "subject=a%00b", content_type="application/x-www-form-urlencoded"
            ),
            id="urlencoded body",
        ),
        pytest.param(
            lambda c, s: c.post(
                f"/c/{s}/enquiries/new/", {"subject": "a\x00b", "f": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}
            ),
            id="multipart field",
        ),
        pytest.param(
            lambda c, s: c.post(
                f"/api/v1/councils/{s}/enquiries", '{"subject": "a\\u0000b"}', content_type="application/json"
            ),
            id="JSON escape",
        ),
        pytest.param(
            lambda c, s: c.post(
                f"/api/v1/councils/{s}/enquiries", b'{"subject": "a\x00b"}', content_type="application/json"
            ),
            id="raw JSON body",
        ),
    ],
)
def test_a_nul_byte_on_any_channel_is_a_clear_400(signed_in, sandon, make):
    before = Notification.objects.count()
    response = make(signed_in, sandon.slug)
    assert response.status_code == 400
    assert MESSAGE in response.content
    assert Notification.objects.count() == before


def test_an_ordinary_request_passes_the_nul_check(signed_in, sandon):
    assert signed_in.get(f"/c/{sandon.slug}/people/?q=100%25").status_code == 200


@pytest.mark.parametrize("weak", ["1", "password1234", "short-pw"])
def test_a_weak_password_is_refused_by_the_service_and_nothing_is_stored(sandon, weak):
    with pytest.raises(ValidationFailed, match="Choose another password") as exc:
        services.person_create(
            actor=None, council=sandon, username="newperson", first_name="New", last_name="Person", password=weak
        )
    assert "password" in exc.value.problems
    assert not Person.objects.filter(username="newperson").exists()


def test_a_strong_password_is_accepted(sandon):
    person = services.person_create(
        actor=None,
        council=sandon,
        username="newperson",
        first_name="New",
        last_name="Person",
        password="correct horse battery staple",
    )
    assert person.check_password("correct horse battery staple")


def test_a_line_break_in_a_subject_never_reaches_an_email_header(sandon):
    recipient = PersonFactory(email="c@example.org")
    with transaction.atomic():
        notice = notify(
            council=sandon, recipient=recipient, kind="test", subject="Hello\r\nBcc: victim@example.org", body="b"
        )
    assert notice is not None
    assert notice.subject == "Hello Bcc: victim@example.org"
    email = OutboxEmail.objects.get(notification=notice)
    assert "\n" not in email.subject
    assert "\r" not in email.subject
