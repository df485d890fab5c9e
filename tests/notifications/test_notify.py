"""notify(): the transactional outbox. Written with the caller's change, deduplicated by the database."""

from __future__ import annotations

import pytest
from django.db import transaction

from councildesk.notifications.models import Notification, OutboxEmail
from councildesk.notifications.services import notify
from tests.factories import person_with_role


@pytest.fixture
def clerk(sandon):
    person = person_with_role(sandon, "clerk")
    person.email = "clerk@sandon.example"
    person.save()
    return person


def _notify(council, recipient, **kwargs):
    args = {"kind": "test.thing", "subject": "A thing happened", "body": "Details.", **kwargs}
    return notify(council=council, recipient=recipient, **args)


def test_notify_writes_a_notification_and_an_email_with_an_absolute_link(sandon, clerk):
    with transaction.atomic():
        notification = _notify(sandon, clerk, url="/c/sandon-burston/")
    assert notification is not None
    assert notification.read_at is None
    email = OutboxEmail.objects.get()
    assert email.notification == notification
    assert email.to_address == "clerk@sandon.example"
    assert email.status == OutboxEmail.Status.PENDING
    assert email.next_attempt_at == notification.created_at
    assert "http://127.0.0.1:8000/c/sandon-burston/" in email.body


def test_no_email_without_an_address_or_when_not_wanted(sandon, clerk):
    councillor = person_with_role(sandon, "councillor")
    councillor.email = ""
    councillor.save()
    with transaction.atomic():
        _notify(sandon, councillor)
        _notify(sandon, clerk, email=False)
    assert Notification.objects.count() == 2
    assert OutboxEmail.objects.count() == 0


def test_a_repeated_dedupe_key_writes_nothing_and_returns_none(sandon, district, clerk):
    with transaction.atomic():
        first = _notify(sandon, clerk, dedupe_key="enquiry:1:reminder")
        again = _notify(sandon, clerk, dedupe_key="enquiry:1:reminder", subject="Different words")
        other_council = _notify(district, clerk, dedupe_key="enquiry:1:reminder")
        Notification.objects.count()  # the transaction is still usable after the refused insert
    assert first is not None
    assert again is None
    assert other_council is not None
    assert Notification.objects.filter(council=sandon).count() == 1
    assert OutboxEmail.objects.filter(council=sandon).count() == 1


def test_notify_refuses_to_run_outside_a_transaction(committed_db):
    from tests import factories

    sandon = factories.council("sandon-burston")
    person = person_with_role(sandon, "clerk")
    with pytest.raises(RuntimeError, match="inside the transaction"):
        _notify(sandon, person)
    assert not Notification.objects.exists()


def test_a_rolled_back_change_leaves_no_notification_behind(committed_db):
    from tests import factories

    sandon = factories.council("sandon-burston")
    person = person_with_role(sandon, "clerk")

    def change_that_fails_after_notifying():
        with transaction.atomic():
            _notify(sandon, person)
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        change_that_fails_after_notifying()
    assert not Notification.objects.exists()
    assert not OutboxEmail.objects.exists()
