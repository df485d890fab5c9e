"""Events carry a digest of the content they write; ``audit verify --content`` finds content edited without one."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from councildesk.audit.content import DATA_KEY, content_digest, digest
from councildesk.audit.models import AuditEvent
from councildesk.audit.services import record
from councildesk.enquiries import handling
from councildesk.enquiries.services import enquiry_raise
from tests.audit.tampering import tamper
from tests.enquiries.conftest import cast_for


@pytest.fixture
def answered(db):
    c = cast_for("sandon-burston")
    e = enquiry_raise(
        actor=c.councillor, council=c.council, subject="Pond", details="Bench broken — £40", submission_key="k"
    )
    handling.enquiry_answer(actor=c.head, council=c.council, pk=e.pk, answer="Fixed on Friday.")
    e.refresh_from_db()
    return e


def verify_content(slug: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit", "verify", "--council", slug, "--content", stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def test_raise_and_answer_record_the_digest_of_what_they_wrote(answered):
    events = AuditEvent.objects.filter(subject_type="enquiries.enquiry", subject_id=str(answered.pk))
    raised = events.get(action="enquiry.raised").data[DATA_KEY]
    done = events.get(action="enquiry.answered").data[DATA_KEY]
    assert raised == {
        "fields": ["details", "subject"],
        "sha256": digest({"subject": "Pond", "details": answered.details}),
    }
    assert done == {"fields": ["answer"], "sha256": digest({"answer": "Fixed on Friday."})}
    code, out = verify_content(answered.council.slug)
    assert code == 0, out
    assert "content: 2 recorded digest(s) checked, 0 changed" in out


@pytest.mark.parametrize(
    ("column", "fields"),
    [("details", "details, subject"), ("subject", "details, subject"), ("answer", "answer")],
)
def test_content_edited_without_an_event_is_reported(answered, column, fields):
    tamper(f"UPDATE enquiries_enquiry SET {column} = %s WHERE id = %s", ["quietly changed", answered.pk])  # noqa: S608
    code, out = verify_content(answered.council.slug)
    assert code == 1
    assert f"enquiries.enquiry {answered.pk}: {fields} changed without an audit event" in out
    assert "intact, " in out  # the chain itself is untouched: only the content check sees it


def test_a_deleted_row_is_reported(answered):
    tamper("DELETE FROM enquiries_enquirynote WHERE enquiry_id = %s", [answered.pk])
    tamper("DELETE FROM enquiries_enquiry WHERE id = %s", [answered.pk])
    code, out = verify_content(answered.council.slug)
    assert code == 1
    assert f"enquiries.enquiry {answered.pk}: gone" in out


def test_record_keeps_the_content_key_for_digests(sandon):
    with pytest.raises(ValueError, match="reserved key"), transaction.atomic():
        record(council=sandon, actor=None, action="x.y", subject=("x", 1), data={DATA_KEY: "forged"})


def test_only_known_content_types_and_fields_are_digested(answered, sandon):
    with pytest.raises(ValueError, match="not a known content type"):
        content_digest(sandon, "name")
    with pytest.raises(ValueError, match="content fields"):
        content_digest(answered, "status")
