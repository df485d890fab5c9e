"""The documents API: upload by multipart, the need-to-know workflow, errors in the documented shape."""

from __future__ import annotations

from django.test import Client

from councildesk.api.tokens import token_issue
from councildesk.documents.models import Disclosure

from . import samples

BASE = "/api/v1/councils/{}/documents"


def auth(person):
    return {"Authorization": f"Bearer {token_issue(actor=person, name='t')[1]}"}


def test_upload_read_download_and_refusals(mayor_town):
    c, head = Client(), auth(mayor_town.head)
    url = BASE.format("mayor-town")
    created = c.post(
        url, {"title": "Minutes", "classification": "public", "file": _file("m.pdf", samples.tiny_pdf())}, headers=head
    )
    assert created.status_code == 201, created.content
    doc = created.json()
    assert doc["content_type"] == "application/pdf"
    spoof = c.post(url, {"title": "Spoof", "file": _file("x.pdf", samples.png())}, headers=head)
    assert spoof.status_code == 400
    assert spoof.json()["problems"]["file"].startswith("The file is named .pdf")
    bomb = c.post(url, {"title": "Bomb", "file": _file("b.docx", samples.bomb_docx())}, headers=head)
    assert bomb.status_code == 400
    member = auth(mayor_town.member)
    assert c.post(url, {"title": "x", "file": _file("m.pdf", samples.tiny_pdf())}, headers=member).status_code == 404
    listed = c.get(url, headers=member).json()
    assert [d["id"] for d in listed["documents"]] == [doc["id"]]
    detail = c.get(f"{url}/{doc['id']}", headers=member).json()
    assert detail["basis"] == "public"
    file = c.get(f"{url}/{doc['id']}/file", headers=member)
    assert file.status_code == 200
    assert b"".join(file.streaming_content) == samples.tiny_pdf()
    assert Disclosure.objects.filter(person=mayor_town.member).count() == 1


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, "application/octet-stream")


def test_the_002_workflow_over_the_api(district):
    doc = district.upload("confidential")
    c = Client()
    url = BASE.format("district-annex")
    me, ce = auth(district.outsider), auth(district.decider)
    made = c.post(
        f"{url}/agenda/{district.item.pk}/requests",
        {"need": "ward_casework", "justification": "A resident in my ward asked me about Mill Lane."},
        content_type="application/json",
        headers=me,
    )
    assert made.status_code == 201, made.content
    rid = made.json()["id"]
    early = c.post(
        f"{url}/requests/{rid}/decision",
        {"outcome": "grant", "reasons": "Casework need shown.", "purpose": "The Mill Lane complaint only"},
        content_type="application/json",
        headers=ce,
    )
    assert early.status_code == 403
    assert [(c["rule_id"], c["clause"]) for c in early.json()["citations"]] == [("ACCESS_NEED_TO_KNOW_DECIDER", "4.3")]
    consulted = c.post(
        f"{url}/requests/{rid}/consultations",
        {
            "consultee": district.mo.username,
            "consultee_kind": "monitoring_officer",
            "advice": "Proportionate for casework.",
        },
        content_type="application/json",
        headers=ce,
    )
    assert consulted.status_code == 201
    decided = c.post(
        f"{url}/requests/{rid}/decision",
        {"outcome": "grant", "reasons": "Casework need shown.", "purpose": "The Mill Lane complaint only"},
        content_type="application/json",
        headers=ce,
    )
    assert decided.status_code == 201
    seen = c.get(f"{url}/requests/{rid}", headers=me).json()
    assert seen["decisions"][0]["purpose_limitation"] == "The Mill Lane complaint only"
    assert seen["decisions"][0]["granted_documents"] == [doc.pk]
    assert c.get(f"{url}/{doc.pk}/file", headers=me).status_code == 200
    log = c.get(f"{url}/log", headers=auth(district.mo)).json()
    assert log["entries"][0]["person"] == district.outsider.username
    assert log["entries"][0]["basis"] == "need_to_know"
    assert c.get(f"{url}/log", headers=me).status_code == 404
    csv = c.get(f"{url}/log/export", headers=auth(district.head))
    first = b"".join(csv.streaming_content).decode().splitlines()[1].split(",")
    assert first[-2] == "need_to_know"
    assert first[-1].isdigit()  # the grant that allowed the opening (its id differs between databases)
    assert first[1] == str(doc.pk)
    challenged = c.post(
        f"{url}/requests/{rid}/challenge",
        {"grounds": "The purpose is drawn too narrowly."},
        content_type="application/json",
        headers=me,
    )
    assert challenged.json()["status"] == "challenged"


def test_statutory_requests_over_the_api(sandon):
    c = Client()
    made = c.post(
        BASE.format("sandon-burston") + "/statutory",
        {"regime": "eir", "description": "Air quality data."},
        content_type="application/json",
        headers=auth(sandon.outsider),
    )
    assert made.status_code == 201
    assert made.json()["due"] == "2026-03-31"
    assert c.get(BASE.format("sandon-burston") + "/statutory", headers=auth(sandon.head)).json()[0]["regime"] == "eir"
