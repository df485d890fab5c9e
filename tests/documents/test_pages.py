"""The document pages, end to end through the test client: the gate, the log, the forms and their errors."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from councildesk.documents.models import AccessRequest, Disclosure, Document

from . import samples


def scrub(body: bytes) -> str:
    """The page without its per-response CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", body.decode())


def client_for(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def url(name, world, **kw):
    return reverse(name, kwargs={"slug": world.council.slug, **kw})


def test_a_member_lists_and_opens_only_what_they_may(mayor_town):
    public = mayor_town.upload("public")
    committee = mayor_town.upload("committee")
    exempt = mayor_town.upload("exempt")
    outsider = client_for(mayor_town.outsider)
    listed = outsider.get(url("documents", mayor_town)).content.decode()
    assert f'data-document="{public.pk}"' in listed
    assert f'data-document="{committee.pk}"' not in listed
    assert f'data-document="{exempt.pk}"' not in listed
    missing = outsider.get(url("document", mayor_town, doc_id=999999))
    hidden = outsider.get(url("document", mayor_town, doc_id=exempt.pk))
    assert missing.status_code == hidden.status_code == 404
    assert scrub(missing.content) == scrub(hidden.content)
    member = client_for(mayor_town.member)
    assert member.get(url("document", mayor_town, doc_id=exempt.pk)).status_code == 200
    response = member.get(url("document_download", mayor_town, doc_id=exempt.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.tiny_pdf("exempt")
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    assert "attachment" in response["Content-Disposition"]
    row = Disclosure.objects.get()
    assert (row.person, row.document, row.basis) == (mayor_town.member, exempt, "committee_member")


def test_a_download_url_copied_to_another_person_opens_nothing(mayor_town):
    exempt = mayor_town.upload("exempt")
    link = url("document_download", mayor_town, doc_id=exempt.pk)
    assert client_for(mayor_town.member).get(link).status_code == 200
    assert client_for(mayor_town.outsider).get(link).status_code == 404
    assert Client().get(link).status_code == 302  # to sign in
    assert Disclosure.objects.count() == 1


def test_upload_page_reports_a_spoofed_file_in_the_error_summary(mayor_town):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for(mayor_town.head)
    response = c.post(
        url("document_upload", mayor_town),
        {
            "title": "Spoof",
            "classification": "public",
            "file": SimpleUploadedFile("x.pdf", samples.png(), "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "content is image/png" in response.content.decode()
    assert Document.objects.count() == 0
    ok = c.post(
        url("document_upload", mayor_town),
        {
            "title": "Minutes",
            "classification": "public",
            "file": SimpleUploadedFile("m.pdf", samples.tiny_pdf(), "x/y"),
        },
    )
    assert ok.status_code == 302
    assert Document.objects.get().content_type == "application/pdf"


@pytest.mark.parametrize("name", ["document_upload", "meeting_item_new", "disclosure_log", "disclosure_log_csv"])
def test_officer_pages_are_not_found_for_a_councillor(mayor_town, name):
    assert client_for(mayor_town.member).get(url(name, mayor_town)).status_code == 404


@pytest.mark.rule("ACCESS_NON_MEMBER_CONDITIONS")
def test_the_004_non_member_is_refused_an_exempt_paper_citing_10_3_b(mayor_town):
    mayor_town.upload("exempt")
    c = client_for(mayor_town.outsider)
    response = c.post(
        url("document_request_new", mayor_town, item_id=mayor_town.item.pk),
        {"need": "committee_work", "justification": "I am preparing a question for full council on the land sale."},
    )
    req = AccessRequest.objects.get()
    assert response.status_code == 302
    assert req.status == "refused"
    page = c.get(url("document_request", mayor_town, request_id=req.pk)).content.decode()
    assert mayor_town.council.profile.title("ACCESS_NON_MEMBER_CONDITIONS") in unescape(page)
    assert "ACCESS_NON_MEMBER_CONDITIONS" not in page
    assert "10.3(a)" in page
    assert "10.3(b)" in page
    assert "Challenge the decision" in page


def test_every_page_renders_for_its_users(mayor_town):
    doc = mayor_town.upload("committee")
    head = client_for(mayor_town.head)
    for name, kw in [
        ("documents", {}),
        ("document_upload", {}),
        ("document", {"doc_id": doc.pk}),
        ("document_reclassify", {"doc_id": doc.pk}),
        ("meeting_items", {}),
        ("meeting_item_new", {}),
        ("document_requests", {}),
        ("disclosure_log", {}),
        ("disclosure_log_csv", {}),
        ("statutory_requests", {}),
    ]:
        assert head.get(url(name, mayor_town, **kw)).status_code == 200, name
    member = client_for(mayor_town.outsider)
    for name, kw in [("document_request_new", {"item_id": mayor_town.item.pk}), ("statutory_request_new", {})]:
        assert member.get(url(name, mayor_town, **kw)).status_code == 200, name


@pytest.mark.rule("ACCESS_EQUAL_NEED_EQUAL_TREATMENT")
def test_the_decider_sees_earlier_decisions_on_the_same_item(district):
    from councildesk.documents import need_to_know as svc

    district.upload("committee")
    why = "A resident of my ward asked about this item."
    first = svc.request_make(
        actor=district.other,
        council=district.council,
        meeting_item=district.item,
        need="ward_casework",
        justification=why,
    )
    svc.request_decide(
        actor=district.decider,
        request=first,
        grant=False,
        grounds=["no_need_shown"],
        reasons="No link to the member's duties was shown.",
    )
    second = svc.request_make(
        actor=district.outsider,
        council=district.council,
        meeting_item=district.item,
        need="ward_casework",
        justification=why,
    )
    page = client_for(district.decider).get(url("document_request_decide", district, request_id=second.pk))
    text = page.content.decode()
    assert "Earlier decisions on this item" in text
    assert "clause 4.2" in text
    assert str(district.other) in text


def test_search_never_finds_a_paper_the_viewer_may_not_open(mayor_town):
    mayor_town.upload("public", title="Mill Lane minutes")
    hidden = mayor_town.upload("exempt", title="Mill Lane price")
    found = client_for(mayor_town.outsider).get(url("documents", mayor_town), {"q": "Mill Lane"}).content.decode()
    assert "Mill Lane minutes" in found
    assert "Mill Lane price" not in found
    assert (
        f'data-document="{hidden.pk}"'
        in client_for(mayor_town.member).get(url("documents", mayor_town), {"q": "price"}).content.decode()
    )
