"""Official letters: in an officer's name by default, never a councillor's where they bind the council, the
chair's or Mayor's exception recorded, the ward capacity stated, the accuracy check, and the PDF read back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from councildesk.core.errors import Conflict, ProtocolViolation
from councildesk.correspondence import letters
from councildesk.correspondence.models import Letter
from councildesk.people import services as people


def draft(w, actor, signatory, **kw):
    return letters.letter_draft(
        actor=actor,
        council=w.council,
        recipient_name=kw.pop("recipient_name", "Ms Jane Doe"),
        recipient_address="1 High Street\nSandon",
        recipient_kind=kw.pop("recipient_kind", "resident"),
        subject=kw.pop("subject", "Your allotment application"),
        body=kw.pop("body", "Thank you for your application.\n\nA plot will be free in March."),
        signatory_id=signatory.pk,
        **kw,
    )


@pytest.mark.rule("CORRESPONDENCE_OFFICIAL_IN_OFFICER_NAME")
def test_a_letter_is_issued_as_a_pdf_in_the_officers_name_with_reference_and_uk_date(world):
    w = world("sandon-burston")
    letter = draft(w, w.head, w.head)
    issued = letters.letter_issue(actor=w.head, council=w.council, letter_id=letter.pk)
    assert issued.status == Letter.Status.ISSUED
    assert len(issued.pdf_sha256) == 64
    reader = PdfReader(io.BytesIO(issued.pdf.read()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert issued.reference in text
    assert str(w.head) in text
    assert "Clerk" in text
    assert issued.issued_on.strftime("%-d %B %Y") in text
    assert "A plot will be free in March." in text
    assert "/StructTreeRoot" in reader.trailer["/Root"], "a tagged PDF"
    with pytest.raises(ProtocolViolation) as refused:  # a councillor is not an officer
        draft(w, w.head, w.cllr)
    assert refused.value.citations[0].clause == "CORRESPONDENCE ¶2"
    with pytest.raises(Conflict):
        letters.letter_issue(actor=w.head, council=w.council, letter_id=letter.pk)


@pytest.mark.rule("CORRESPONDENCE_CIVIC_HEAD_EXCEPTION", "CORRESPONDENCE_NO_OBLIGATIONS_IN_MEMBER_NAME")
def test_the_chair_signs_only_with_a_reason_in_000_the_mayor_without_in_004_and_neither_binds_the_council(world):
    sandon = world("sandon-burston")
    with pytest.raises(ProtocolViolation) as no_reason:
        draft(sandon, sandon.head, sandon.chair, recipient_kind="minister")
    assert no_reason.value.citations[0].clause == "CORRESPONDENCE ¶2"
    letter = draft(sandon, sandon.head, sandon.chair, recipient_kind="minister", civic_reason="Representations")
    assert (letter.signatory_role, letter.civic_reason) == ("chair", "Representations")

    town = world("mayor-town")
    assert draft(town, town.head, town.mayor).signatory_role == "mayor"
    with pytest.raises(ProtocolViolation) as binding:
        draft(town, town.head, town.mayor, creates_obligations=True)
    assert {c.clause for c in binding.value.citations} >= {"12.4"}
    with pytest.raises(ProtocolViolation):  # 004: the chair is not the civic head
        draft(town, town.head, town.chair, civic_reason="Why not")


@pytest.mark.rule("CORRESPONDENCE_WARD_CAPACITY_STATED")
def test_a_ward_member_writing_individually_says_so_on_the_letter(world):
    w = world("mayor-town")
    ward = people.ward_create(actor=None, council=w.council, name="South Ward")
    people.ward_member_add(actor=None, ward=ward, person=w.cllr, start=dt.date(2023, 5, 8))
    letter = draft(w, w.cllr, w.cllr, ward_capacity=True)
    issued = letters.letter_issue(actor=w.cllr, council=w.council, letter_id=letter.pk)
    text = " ".join(PdfReader(io.BytesIO(issued.pdf.read())).pages[0].extract_text().split())
    assert "individual capacity as a ward member for South Ward" in text


@pytest.mark.rule("CORRESPONDENCE_RESIDENT_REPLY_ACCURACY_CHECK")
def test_in_002_a_letter_to_a_resident_goes_to_a_head_of_service_to_check_before_it_is_issued(world):
    w = world("district-annex")
    letter = draft(w, w.officer, w.officer)
    letters.letter_send_for_check(actor=w.officer, council=w.council, letter_id=letter.pk, checker_id=w.hos.pk)
    with pytest.raises(Conflict):
        letters.letter_issue(actor=w.officer, council=w.council, letter_id=letter.pk)
    checked = letters.letter_checked(actor=w.hos, council=w.council, letter_id=letter.pk, note="Dates right")
    assert checked.status == Letter.Status.DRAFT
    assert checked.checked_at is not None
    assert letters.letter_issue(actor=w.officer, council=w.council, letter_id=letter.pk).status == "issued"


def test_without_pango_a_letter_stays_a_draft_and_the_reason_is_plain(world, monkeypatch):
    import builtins

    from councildesk.correspondence.pdf import LettersUnavailable

    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")  # what WeasyPrint raises without Pango
        return real_import(name, *args, **kwargs)

    w = world("sandon-burston")
    letter = draft(w, w.head, w.head)
    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(LettersUnavailable, match="Pango"):
        letters.letter_issue(actor=w.head, council=w.council, letter_id=letter.pk)
    monkeypatch.undo()
    assert Letter.objects.get(pk=letter.pk).status == Letter.Status.DRAFT
