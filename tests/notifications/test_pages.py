"""The notifications page (own notices only, mark read) and the head officer's outbox page (retry a failed email)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from councildesk.audit.models import AuditEvent
from councildesk.core import clock
from councildesk.notifications.delivery import deliver_due
from councildesk.notifications.models import Notification, OutboxEmail
from councildesk.notifications.services import notify
from tests.factories import person_with_role

NOW = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clerk(sandon):
    person = person_with_role(sandon, "clerk")
    person.email = "clerk@sandon.example"
    person.save()
    return person


@pytest.fixture
def councillor(sandon):
    person = person_with_role(sandon, "councillor")
    person.email = "cllr@sandon.example"
    person.save()
    return person


def send(council, person, subject, *, minutes=0, email=True):
    with pytest.MonkeyPatch.context() as mp, transaction.atomic():
        mp.setattr(clock, "now", lambda: NOW + dt.timedelta(minutes=minutes))
        return notify(council=council, recipient=person, kind="test", subject=subject, body="b", email=email)


def client_for(person, **kwargs):
    client = Client(**kwargs)
    client.force_login(person)
    return client


def test_the_page_lists_only_my_own_notifications_newest_first(sandon, district, clerk, councillor):
    send(sandon, clerk, "Older notice for the clerk", minutes=1)
    send(sandon, clerk, "Newer notice for the clerk", minutes=2)
    send(sandon, councillor, "A councillor's private notice")
    send(district, clerk, "Another council's notice")
    page = client_for(clerk).get(reverse("notifications", args=["sandon-burston"])).content.decode()
    assert page.index("Newer notice") < page.index("Older notice")
    assert "private notice" not in page
    assert "Another council" not in page
    assert "You have <strong>2</strong> unread" in page


def test_the_page_runs_a_fixed_number_of_queries(sandon, clerk, django_assert_num_queries):
    url = reverse("notifications", args=["sandon-burston"])
    send(sandon, clerk, "one")
    client = client_for(clerk)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(40):
        send(sandon, clerk, f"notice {n}", email=False)
    with django_assert_num_queries(len(few)):
        response = client.get(url + "?page=2")
    assert "Page 2 of 2" in response.content.decode()


def test_mark_as_read_is_a_post_with_csrf_and_only_for_the_recipient(sandon, clerk, councillor):
    mine = send(sandon, clerk, "mine")
    theirs = send(sandon, councillor, "theirs")
    url = reverse("notification_read", args=["sandon-burston", mine.pk])
    assert client_for(clerk, enforce_csrf_checks=True).post(url).status_code == 403  # no CSRF token
    assert client_for(clerk).get(url).status_code == 405
    response = client_for(clerk).post(url, {"page": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("/notifications/?page=1")
    mine.refresh_from_db()
    assert mine.read_at is not None
    other = reverse("notification_read", args=["sandon-burston", theirs.pk])
    assert client_for(clerk).post(other).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    huge = reverse("notification_read", args=["sandon-burston", 10**30])
    assert client_for(clerk).post(huge).status_code == 404


def test_mark_all_as_read_marks_only_mine_in_this_council(sandon, district, clerk, councillor):
    send(sandon, clerk, "a")
    send(sandon, clerk, "b")
    send(sandon, councillor, "c")
    send(district, clerk, "d")
    client_for(clerk).post(reverse("notifications_read_all", args=["sandon-burston"]))
    unread = set(Notification.objects.filter(read_at__isnull=True).values_list("subject", flat=True))
    assert unread == {"c", "d"}


@pytest.fixture
def failed_email(sandon, councillor, smtp):
    send(sandon, councillor, "Your enquiry was answered")
    smtp.data_reply = "451 4.7.1 Greylisted, come back later"
    with override_settings(COUNCILDESK_EMAIL_MAX_ATTEMPTS=2):
        deliver_due(NOW)
        deliver_due(NOW + dt.timedelta(minutes=1))
    email = OutboxEmail.objects.get()
    assert email.status == OutboxEmail.Status.FAILED
    return email


def test_a_failed_email_is_on_the_head_officers_page_with_its_tries_and_error(clerk, councillor, failed_email):
    url = reverse("outbox", args=["sandon-burston"])
    page = client_for(clerk).get(url).content.decode()
    assert "Your enquiry was answered" in page
    assert "451 4.7.1 Greylisted, come back later" in page
    assert "Failed" in page
    assert "Retry now" in page
    assert client_for(councillor).get(url).status_code == 404


def test_retry_now_queues_it_again_and_is_audited(sandon, clerk, councillor, failed_email, smtp):
    url = reverse("outbox_retry", args=["sandon-burston", failed_email.pk])
    assert client_for(councillor).post(url).status_code == 404
    assert client_for(clerk).post(url).status_code == 302
    failed_email.refresh_from_db()
    assert failed_email.status == OutboxEmail.Status.PENDING
    assert failed_email.attempts == 0
    event = AuditEvent.objects.get(council=sandon, action="outbox_email.retried")
    assert event.actor == clerk
    assert event.data["previous_attempts"] == 2
    assert client_for(clerk).post(url).status_code == 409, "only a failed email can be retried"
    smtp.data_reply = None
    assert deliver_due(clock.now()).sent == 1


def test_the_host_administrator_sees_the_outbox_too(sandon, failed_email):
    from tests.factories import PersonFactory

    admin = PersonFactory(is_host_admin=True)
    assert client_for(admin).get(reverse("outbox", args=["sandon-burston"])).status_code == 200


def test_the_header_shows_my_unread_count_on_every_council_page(sandon, clerk, councillor):
    send(sandon, clerk, "a")
    send(sandon, clerk, "b")
    send(sandon, councillor, "not mine")
    page = client_for(clerk).get(reverse("council_home", args=["sandon-burston"])).content.decode()
    assert "Notifications (2 unread)" in page
