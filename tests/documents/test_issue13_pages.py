"""Issue 13 for documents: one request per item and requester, an agenda that offers a request only for papers the
member cannot open, and request pages worded for each viewer."""

from __future__ import annotations

import pytest
from django.test import Client

from councildesk.documents import need_to_know as svc
from councildesk.documents.models import AccessRequest

WHY = "I need these papers for my ward casework on the Mill Lane site."


def web(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def test_a_second_request_for_the_same_item_goes_to_the_first(sandon):
    sandon.upload("committee")
    url = f"/c/{sandon.council.slug}/documents/agenda/{sandon.item.pk}/request/"
    first = svc.request_make(
        actor=sandon.outsider, council=sandon.council, meeting_item=sandon.item, need="ward_casework", justification=WHY
    )
    with pytest.raises(svc.DuplicateRequest):
        svc.request_make(
            actor=sandon.outsider,
            council=sandon.council,
            meeting_item=sandon.item,
            need="ward_casework",
            justification=WHY,
        )
    response = web(sandon.outsider).post(url, {"need": "ward_casework", "justification": WHY}, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/requests/{first.pk}/")
    assert "You already asked to see the papers for item 7" in response.content.decode()
    assert AccessRequest.objects.count() == 1


def test_the_agenda_offers_a_request_only_for_papers_you_cannot_open(sandon):
    doc = sandon.upload("committee")
    agenda = f"/c/{sandon.council.slug}/documents/agenda/"
    member = web(sandon.member).get(agenda).content.decode()
    assert doc.title in member
    assert "Ask to see the" not in member
    outsider = web(sandon.outsider).get(agenda).content.decode()
    assert "Ask to see the papers" in outsider
    assert doc.title not in outsider
    assert "Policy Committee, " in outsider  # grouped by committee and meeting


def test_request_pages_are_worded_for_each_viewer(sandon):
    sandon.upload("committee")
    req = svc.request_make(
        actor=sandon.outsider, council=sandon.council, meeting_item=sandon.item, need="ward_casework", justification=WHY
    )
    if req.status == AccessRequest.Status.AWAITING_DECISION:
        svc.request_decide(
            actor=sandon.decider,
            request=req,
            grant=True,
            reasons="A clear ward need.",
            purpose="Mill Lane casework only",
        )
    url = f"/c/{sandon.council.slug}/documents/requests/{req.pk}/"
    mine = web(sandon.outsider).get(url).content.decode()
    assert "Papers released to you" in mine
    assert "Challenge the decision" not in mine
    assert "govuk-tag--green" in mine
    theirs = web(sandon.decider).get(url).content.decode()
    assert "Papers released to you" not in theirs
    assert "Papers released to" in theirs
