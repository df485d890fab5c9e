"""Uploading: only the head officer or the decider; stored through the storage API; nothing left behind on refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.documents import services
from councildesk.documents.models import Document

from . import samples
from .conftest import TODAY


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_an_upload_is_stored_audited_and_readable_back(mayor_town, document_storage):
    doc = mayor_town.upload("committee")
    assert doc.content_type == "application/pdf"
    assert stored_files(document_storage) == [document_storage / doc.storage_name]
    with services.storage().open(doc.storage_name) as f:
        assert f.read() == samples.tiny_pdf("committee")
    event = AuditEvent.objects.get(action="document.uploaded", subject_id=str(doc.pk))
    assert event.data["classification"] == "committee"
    assert event.data["sha256"] == doc.sha256


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.pdf", b""),
        ("spoofed.pdf", samples.png()),
        ("bomb.docx", samples.bomb_docx()),
        ("bad.pdf", b"%PDF-1.7 x"),
    ],
)
def test_a_refused_upload_leaves_no_row_and_no_file(mayor_town, document_storage, name, data):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed):
        services.document_upload(
            actor=mayor_town.head,
            council=mayor_town.council,
            data=data,
            filename=name,
            title="x",
            classification="public",
        )
    assert Document.objects.count() == 0
    assert stored_files(document_storage) == []
    assert AuditEvent.objects.count() == before


def test_a_failure_after_storing_deletes_the_file(mayor_town, document_storage, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "record", boom)
    with pytest.raises(RuntimeError):
        mayor_town.upload("public")
    assert Document.objects.count() == 0
    assert stored_files(document_storage) == []


def test_a_councillor_cannot_upload(mayor_town):
    with pytest.raises(NotFound):
        services.document_upload(
            actor=mayor_town.member,
            council=mayor_town.council,
            data=samples.tiny_pdf(),
            filename="a.pdf",
            title="x",
            classification="public",
        )


def test_an_exempt_paper_needs_its_paragraph_reason_restriction_and_date(mayor_town, document_storage):
    with pytest.raises(ValidationFailed) as err:
        services.document_upload(
            actor=mayor_town.head,
            council=mayor_town.council,
            data=samples.tiny_pdf(),
            filename="a.pdf",
            title="x",
            classification="exempt",
            committee=mayor_town.committee,
            exemption=services.Exemption(paragraph=9, public_on=TODAY),
        )
    assert set(err.value.problems) == {"exempt_paragraph", "exempt_reason", "restricted_to", "public_on"}
    assert stored_files(document_storage) == []


def test_a_restricted_paper_must_belong_to_a_committee(mayor_town):
    with pytest.raises(ValidationFailed, match="committee"):
        services.document_upload(
            actor=mayor_town.head,
            council=mayor_town.council,
            data=samples.tiny_pdf(),
            filename="a.pdf",
            title="x",
            classification="confidential",
        )


def test_reclassifying_is_audited_with_its_reason(mayor_town):
    doc = mayor_town.upload("committee")
    services.document_reclassify(
        actor=mayor_town.head,
        document=doc,
        classification="exempt",
        reason="Commercial terms now included",
        personal_data=True,
        exemption=services.Exemption(3, "Commercial terms", "Committee members", TODAY + dt.timedelta(days=10)),
    )
    doc.refresh_from_db()
    assert (doc.classification, doc.personal_data, doc.exempt_paragraph) == ("exempt", True, 3)
    event = AuditEvent.objects.get(action="document.reclassified")
    assert event.data["from"] == {"classification": "committee", "personal_data": False}
    assert event.data["reason"] == "Commercial terms now included"
    with pytest.raises(ValidationFailed):
        services.document_reclassify(
            actor=mayor_town.head, document=doc, classification="public", reason="", personal_data=False
        )


def test_the_sweep_publishes_exempt_papers_on_their_date_once(mayor_town):
    doc = mayor_town.upload("exempt")
    assert services.documents_publish_due(today=doc.public_on - dt.timedelta(days=1)) == 0
    assert services.documents_publish_due(today=doc.public_on) == 1
    assert services.documents_publish_due(today=doc.public_on) == 0
    doc.refresh_from_db()
    assert doc.classification == "public"
    assert AuditEvent.objects.filter(action="document.published", actor__isnull=True).count() == 1


def test_s3_storage_round_trip_with_moto(mayor_town, settings):
    boto3 = pytest.importorskip("boto3")
    moto = pytest.importorskip("moto")
    with moto.mock_aws():
        boto3.client("s3", region_name="eu-west-2").create_bucket(
            Bucket="council-docs", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "documents": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": "council-docs",
                    "region_name": "eu-west-2",
                    "location": "documents",
                    "default_acl": "private",
                    "file_overwrite": False,
                    "access_key": "test",
                    "secret_key": "test",
                },
            },
        }
        doc = mayor_town.upload("public", title="Minutes")
        keys = [
            o["Key"]
            for o in boto3.client("s3", region_name="eu-west-2").list_objects_v2(Bucket="council-docs")["Contents"]
        ]
        assert keys == [f"documents/{doc.storage_name}"]
        opened = services.document_open(actor=mayor_town.member, council=mayor_town.council, pk=doc.pk)
        assert opened.stream.read() == samples.tiny_pdf("Minutes")
        with pytest.raises(ValidationFailed):
            services.document_upload(
                actor=mayor_town.head,
                council=mayor_town.council,
                data=b"",
                filename="e.pdf",
                title="e",
                classification="public",
            )
        assert len(boto3.client("s3", region_name="eu-west-2").list_objects_v2(Bucket="council-docs")["Contents"]) == 1


def test_the_sweep_registry_runs_the_publication_job(mayor_town):
    from councildesk.sweep.jobs import JOBS

    job = next(j for j in JOBS if j.name == "publish_due_documents")
    doc = mayor_town.upload("exempt")
    when = dt.datetime.combine(doc.public_on, dt.time(12), tzinfo=dt.UTC)
    assert job.run(when) == 1
    assert job.run(when) == 0
