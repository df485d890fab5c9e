"""Complaints, declarations, group notes and need-to-know decisions carry the digest of what they wrote, so
``audit verify --content`` finds their text edited in the database without an event."""

from __future__ import annotations

import pytest

from councildesk.audit.content import DATA_KEY, digest
from councildesk.audit.models import AuditEvent
from councildesk.complaints import rules as complaint_rules
from councildesk.complaints import services as complaints
from councildesk.declarations import services as declarations
from councildesk.documents import need_to_know
from councildesk.groups import services as groups
from tests.audit.tampering import tamper
from tests.audit.test_content import verify_content
from tests.complaints.conftest import build
from tests.documents.conftest import build_world, document_storage, fixed_day  # noqa: F401 - fixtures
from tests.groups.conftest import World

pytestmark = pytest.mark.django_db


def _recorded(label: str, pk: int) -> dict:
    rows = AuditEvent.objects.filter(data__has_key=DATA_KEY).order_by("seq")
    found = [e.data[DATA_KEY] for e in rows if (e.data[DATA_KEY].get("model") or e.subject_type) == label]
    found = [d for d in found if str(d.get("id") or pk) == str(pk)]
    assert found, f"no digest recorded for {label} {pk}"
    return found[-1]


def _tampered_is_found(slug: str, table: str, column: str, pk: int, label: str) -> None:
    code, out = verify_content(slug)
    assert code == 0, out
    tamper(f"UPDATE {table} SET {column} = %s WHERE id = %s", ["quietly changed", pk])  # noqa: S608
    code, out = verify_content(slug)
    assert code == 1
    assert f"{label} {pk}: " in out
    assert "changed without an audit event" in out


def test_a_complaint(db):
    t = build("sandon-burston")
    row, _ = complaints.complaint_raise(
        actor=t.officer,
        council=t.council,
        kind=complaint_rules.GRIEVANCE,
        subject=t.cllrs[0],
        summary="Shouted at in the office",
        details="On Tuesday, in front of the public.",
        submission_key="g1",
    )
    entry = _recorded("complaints.complaint", row.pk)
    assert entry["sha256"] == digest({"summary": row.summary, "details": row.details})
    _tampered_is_found(t.council.slug, "complaints_complaint", "details", row.pk, "complaints.complaint")


def test_a_declaration(db):
    t = build("district-annex")
    row, _ = declarations.declaration_make(
        actor=t.officer,
        council=t.council,
        counterpart=t.cllrs[0],
        nature="family",
        details="My sister",
        submission_key="k",
    )
    assert _recorded("declarations.declaration", row.pk)["fields"] == ["details", "letter"]
    _tampered_is_found(t.council.slug, "declarations_declaration", "letter", row.pk, "declarations.declaration")


def test_a_group_note(db):
    import datetime as dt

    from councildesk.core import clock

    w = World("west-northants-town")
    row = groups.attendance_request(
        actor=w.leaders["A"],
        council=w.council,
        group_id=w.groups["A"].pk,
        matter="Play area",
        meeting_on=clock.today() + dt.timedelta(days=7),
        attendees="Group members only",
        invited_officer_id=w.officer.pk,
    )
    groups.attendance_decide(actor=w.officer, council=w.council, attendance_id=row.pk, accept=True)
    note = groups.note_write(actor=w.officer, council=w.council, attendance_id=row.pk, body="Plan X.")
    assert _recorded("groups.groupnote", note.pk)["sha256"] == digest({"body": "Plan X.", "disclosure_duty": ""})
    _tampered_is_found(w.council.slug, "groups_groupnote", "body", note.pk, "groups.groupnote")


def test_a_need_to_know_decision_recorded_on_its_requests_event(db):
    w = build_world("sandon-burston")
    w.upload("committee")
    req = need_to_know.request_make(
        actor=w.outsider,
        council=w.council,
        meeting_item=w.item,
        need="ward_casework",
        justification="A resident of my ward is affected by the land sale and asked me to look into it.",
    )
    decision = need_to_know.request_decide(
        actor=w.decider, request=req, grant=False, grounds=["curiosity"], reasons="No link to the member's duties."
    )
    entry = _recorded("documents.decision", decision.pk)
    assert (entry["model"], entry["id"]) == ("documents.decision", str(decision.pk))
    event = AuditEvent.objects.filter(data__has_key=DATA_KEY).latest("seq")
    assert event.subject_type == "documents.accessrequest"  # the request's event names the decision row
    _tampered_is_found(w.council.slug, "documents_decision", "reasons", decision.pk, "documents.decision")
