"""The notifications API: your own list, mark read, and the head officer's outbox with retry."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from councildesk.api.tokens import token_issue
from councildesk.notifications.models import OutboxEmail
from councildesk.notifications.services import notify
from tests.factories import person_with_role

BASE = "/api/v1/councils/sandon-burston/notifications"


@pytest.fixture
def people(sandon):
    clerk = person_with_role(sandon, "clerk")
    councillor = person_with_role(sandon, "councillor")
    councillor.email = "cllr@sandon.example"
    councillor.save()
    return clerk, councillor


def call(person, method, path, **params):
    key = token_issue(actor=person, name="t")[1]
    return getattr(Client(), method)(path, params or None, headers={"Authorization": f"Bearer {key}"})


def send(council, person, subject):
    with transaction.atomic():
        return notify(council=council, recipient=person, kind="test.kind", subject=subject, body="b", url="/x/")


def test_the_list_is_my_own_with_an_unread_count(sandon, people):
    clerk, councillor = people
    send(sandon, clerk, "for the clerk")
    send(sandon, councillor, "for the councillor")
    body = call(clerk, "get", BASE).json()
    assert body["count"] == 1
    assert body["unread"] == 1
    assert [n["subject"] for n in body["items"]] == ["for the clerk"]
    assert body["items"][0]["kind"] == "test.kind"
    assert body["items"][0]["read_at"] is None


def test_marking_read_answers_204_and_anyone_elses_answers_404(sandon, people):
    clerk, councillor = people
    mine = send(sandon, clerk, "mine")
    theirs = send(sandon, councillor, "theirs")
    assert call(clerk, "post", f"{BASE}/{mine.pk}/read").status_code == 204
    assert call(clerk, "get", BASE).json()["unread"] == 0
    assert call(clerk, "post", f"{BASE}/{theirs.pk}/read").status_code == 404
    for junk in ("abc", "-1", "0", "9" * 30):
        response = call(clerk, "post", f"{BASE}/{junk}/read")
        assert response.status_code == 404, junk
        assert response.json()["error"] == "NotFound"


def test_the_outbox_is_for_the_head_officer_only(sandon, people):
    clerk, councillor = people
    send(sandon, councillor, "queued")
    assert call(councillor, "get", f"{BASE}/outbox").status_code == 404
    body = call(clerk, "get", f"{BASE}/outbox").json()
    assert body["counts"]["pending"] == 1
    assert body["items"][0]["to_address"] == "cllr@sandon.example"


def test_retry_through_the_api(sandon, people):
    clerk, councillor = people
    send(sandon, councillor, "queued")
    email = OutboxEmail.objects.get()
    assert call(clerk, "post", f"{BASE}/outbox/{email.pk}/retry").status_code == 409  # not failed
    OutboxEmail.objects.filter(pk=email.pk).update(status=OutboxEmail.Status.FAILED, attempts=8)
    assert call(councillor, "post", f"{BASE}/outbox/{email.pk}/retry").status_code == 404
    response = call(clerk, "post", f"{BASE}/outbox/{email.pk}/retry")
    assert response.status_code == 200
    assert response.json()["status"] == "pending"


def test_every_route_is_in_the_openapi_schema_with_its_errors():
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    read = paths["/api/v1/councils/{slug}/notifications/{notification_id}/read"]["post"]["responses"]
    assert {"204", "401", "403", "404"} <= set(read)
    retry = paths["/api/v1/councils/{slug}/notifications/outbox/{email_id}/retry"]["post"]["responses"]
    assert {"200", "401", "403", "404", "409"} <= set(retry)
