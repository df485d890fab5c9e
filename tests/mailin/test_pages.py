"""The Clerk's quarantine pages and API: only the council's head officer sees them; each decision shows a banner;
a refused decision keeps what was typed."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from councildesk.api.tokens import token_issue
from councildesk.mailin import services
from councildesk.mailin.models import InboundEmail

from .conftest import message


def client_for(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_the_clerk_sees_held_email_and_rejects_it_with_a_banner_and_no_one_else_sees_it(sandon_cast):
    held = services.receive(
        message(sender="stranger@example.net"), via="listener", envelope_to=["sandon-burston@localhost"]
    )
    slug = sandon_cast.council.slug
    clerk = client_for(sandon_cast.head)
    page = clerk.get(reverse("mail_quarantine", args=[slug])).content.decode()
    assert "Potholes on Mill Lane" in page
    assert "not the address of a current councillor" in page
    url = reverse("mail_held", args=[slug, held.pk])
    refused = clerk.post(url, {"action": "reject", "reason": ""})
    assert refused.status_code == 400
    assert "Enter why the email is rejected" in refused.content.decode()
    done = clerk.post(url, {"action": "reject", "reason": "Sales email"}, follow=True)
    assert "The email was rejected" in done.content.decode()
    assert InboundEmail.objects.get().status == "rejected"
    for outsider in (sandon_cast.councillor, sandon_cast.officer):
        assert client_for(outsider).get(reverse("mail_quarantine", args=[slug])).status_code == 404
        assert client_for(outsider).get(url).status_code == 404
    api = f"/api/v1/councils/{slug}/mail/{held.pk}"
    for person, status in ((sandon_cast.head, 200), (sandon_cast.councillor, 404)):
        _, secret = token_issue(actor=person, name="mail")
        answer = Client().get(api, HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert answer.status_code == status
    assert answer.json()["error"] == "NotFound"
