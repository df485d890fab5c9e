"""Attachments in conversations: uploaded on the web and through the API, each inspected by core/uploads (the one
file inspection) with the count and total size limits; every participant downloads them, anyone else gets 404."""

from __future__ import annotations

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from councildesk.api.tokens import token_issue
from councildesk.core.errors import ValidationFailed
from councildesk.correspondence import services
from councildesk.correspondence.models import Attachment

CSV = b"street,lights out\r\nMill Lane,3\r\nChurch Lane,1\r\n"


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _api(person) -> Client:
    _, secret = token_issue(actor=person, name="files")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _thread(w):
    return services.thread_start(
        actor=w.cllr, council=w.council, subject="Street lights", body="Several are out.", to_ids=[w.head.pk]
    )


def test_a_file_attached_on_the_web_is_downloaded_by_every_participant_and_by_no_one_else(world):
    w = world("sandon-burston")
    thread = _thread(w)
    url = reverse("correspondence_thread", args=[w.council.slug, thread.pk])
    upload = SimpleUploadedFile("lights.csv", CSV, content_type="text/csv")
    done = _client(w.head).post(url, {"body": "The list is attached.", "attachments": [upload]}, follow=True)
    assert "Reply sent to everyone" in done.content.decode()
    stored = Attachment.objects.get()
    assert (stored.name, stored.size) == ("lights.csv", len(CSV))
    download = reverse("correspondence_attachment", args=[w.council.slug, stored.pk])
    assert download in done.content.decode()
    got = _client(w.cllr).get(download)
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == CSV
    assert got["Content-Disposition"].startswith("attachment")
    assert got["X-Content-Type-Options"] == "nosniff"
    for outsider in (w.cllr2, w.officer, w.mo):
        assert _client(outsider).get(download).status_code == 404
    missing = reverse("correspondence_attachment", args=[w.council.slug, stored.pk + 1000])
    assert _client(w.cllr).get(missing).status_code == 404
    other = world("cottingham")
    assert (
        _client(other.head).get(reverse("correspondence_attachment", args=["cottingham", stored.pk])).status_code == 404
    )


def test_a_file_attached_through_the_api_is_listed_with_its_download_url(world):
    w = world("mayor-town")
    thread = _thread(w)
    route = f"/api/v1/councils/{w.council.slug}/correspondence/{thread.pk}/messages"
    body = {"attachments": [{"name": "lights.csv", "content_base64": base64.b64encode(CSV).decode()}]}
    made = _api(w.head).post(route, body, content_type="application/json")
    assert made.status_code == 201, made.content
    files = made.json()["files"]
    assert [(f["name"], f["size"]) for f in files] == [("lights.csv", len(CSV))]
    got = _api(w.cllr).get(files[0]["url"])
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == CSV
    assert _api(w.cllr2).get(files[0]["url"]).status_code == 404
    detail = _api(w.cllr).get(f"/api/v1/councils/{w.council.slug}/correspondence/{thread.pk}").json()
    assert detail["messages"][-1]["files"][0]["id"] == files[0]["id"]
    bad = _api(w.head).post(
        route, {"attachments": [{"name": "x.csv", "content_base64": "not base64!"}]}, content_type="application/json"
    )
    assert bad.status_code == 400


def test_a_disguised_upload_is_refused_on_the_web_and_through_the_api_and_nothing_is_stored(world):
    w = world("sandon-burston")
    thread = _thread(w)
    disguised = b"<html><body><script>alert(1)</script></body></html>"
    url = reverse("correspondence_thread", args=[w.council.slug, thread.pk])
    upload = SimpleUploadedFile("minutes.pdf", disguised, content_type="application/pdf")
    refused = _client(w.head).post(url, {"body": "Minutes attached.", "attachments": [upload]})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "There is a problem" in page
    assert "minutes.pdf" in page
    assert "Minutes attached." in page, "what was typed is kept"
    route = f"/api/v1/councils/{w.council.slug}/correspondence/{thread.pk}/messages"
    body = {
        "body": "x",
        "attachments": [{"name": "minutes.pdf", "content_base64": base64.b64encode(disguised).decode()}],
    }
    assert _api(w.head).post(route, body, content_type="application/json").status_code == 400
    assert not Attachment.objects.exists()
    assert thread.messages.count() == 1


def test_too_large_and_too_many_are_refused_by_the_limits(world, settings):
    w = world("sandon-burston")
    thread = _thread(w)
    settings.COUNCILDESK_MAX_ATTACHMENT_BYTES = 100
    with pytest.raises(ValidationFailed, match=r"lights\.csv"):
        services.message_post(
            actor=w.head, council=w.council, thread_id=thread.pk, body="x", attachments=[("lights.csv", CSV * 5)]
        )
    settings.COUNCILDESK_MAX_ATTACHMENT_BYTES = 10_000
    settings.COUNCILDESK_MAX_ATTACHMENTS_TOTAL_BYTES = len(CSV) + 10
    with pytest.raises(ValidationFailed, match="together"):
        services.message_post(
            actor=w.head, council=w.council, thread_id=thread.pk, body="x", attachments=[("a.csv", CSV), ("b.csv", CSV)]
        )
    settings.COUNCILDESK_MAX_ATTACHMENTS = 2
    settings.COUNCILDESK_MAX_ATTACHMENTS_TOTAL_BYTES = 10_000
    with pytest.raises(ValidationFailed, match="3 files"):
        services.message_post(
            actor=w.head, council=w.council, thread_id=thread.pk, body="x", attachments=[("a.csv", CSV)] * 3
        )
    assert not Attachment.objects.exists()


def test_the_openapi_schema_describes_attachments_in_and_out(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/councils/{slug}/correspondence/attachments/{message_file_id}" in schema["paths"]
    components = schema["components"]["schemas"]
    assert "attachments" in components["MessageIn"]["properties"]
    assert "files" in components["MessageOut"]["properties"]
