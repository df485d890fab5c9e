"""Raising an enquiry: routing from the profile, direct contact, consent, duplicates and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.enquiries.models import DirectContact, Enquiry, EnquiryAttachment
from councildesk.enquiries.services import direct_contact_grant, enquiry_raise
from councildesk.notifications.models import Notification, OutboxEmail
from tests import factories
from tests.documents.samples import bomb_docx, tiny_pdf

PDF = tiny_pdf("Minutes")


def raise_(cast, key="k1", **kw):
    kw.setdefault("subject", "Grass cutting on the green")
    kw.setdefault("details", "When is the next cut?")
    return enquiry_raise(actor=cast.councillor, council=cast.council, submission_key=key, **kw)


@pytest.mark.rule("ENQUIRY_DEFAULT_ROUTE_TO_CLERK", "ENQUIRY_RESPONSE_TARGET")
def test_default_route_is_the_head_officer_with_targets_from_the_profile(sandon_cast):
    e = raise_(sandon_cast)
    assert e.route == "head_officer"
    # Received Mon 30 Nov 2026; 10 working days -> Mon 14 Dec; acknowledgement 2 working days -> Wed 2 Dec.
    assert (e.response_value, e.response_unit, e.response_due) == (10, "working_days", dt.date(2026, 12, 14))
    assert e.ack_due == dt.date(2026, 12, 2)
    assert e.calendar.startswith("england|")
    assert Notification.objects.filter(recipient=sandon_cast.head, kind="enquiry.raised").count() == 1
    assert OutboxEmail.objects.filter(to_address="head@example.org").count() == 1
    event = AuditEvent.objects.get(action="enquiry.raised")
    assert event.rule_ids == ["ENQUIRY_DEFAULT_ROUTE_TO_CLERK", "ENQUIRY_RESPONSE_TARGET"]


@pytest.mark.rule(
    "ENQUIRY_SERVICE_REQUEST_VIA_CONTACT_CENTRE",
    "ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE",
    "ENQUIRY_STRATEGIC_OR_POLICY_TO_CMT",
    "ENQUIRY_RESPONSE_TARGET",
)
def test_district_counts_seven_calendar_days_and_routes_by_category(district_cast):
    e = raise_(district_cast)
    assert (e.response_unit, e.response_due) == ("calendar_days", dt.date(2026, 12, 7))
    service = raise_(district_cast, key="k2", category="service_request")
    assert (service.route, service.addressed_to) == ("contact_centre", None)
    concern = raise_(district_cast, key="k3", category="service_concern")
    assert concern.route == "head_of_service"
    strategic = raise_(district_cast, key="k4", category="strategic")
    assert strategic.route == "cmt"
    assert Notification.objects.filter(recipient=district_cast.cmt, kind="enquiry.raised").count() == 1


def test_a_council_without_a_contact_centre_does_not_offer_service_routes(sandon_cast):
    with pytest.raises(ValidationFailed) as exc:
        raise_(sandon_cast, category="strategic")
    assert "category" in exc.value.problems


@pytest.mark.rule("ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF")
@pytest.mark.parametrize(
    ("fixture", "rule", "clause"),
    [
        ("sandon_cast", "ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF", "Some general principles ¶2"),
        ("district_cast", "ROLES_LINE_MANAGEMENT_PREVAILS", "3.4"),
        ("mayor_cast", "ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF", "4.6"),
    ],
)
def test_addressing_a_junior_officer_is_refused_with_the_councils_clause(request, fixture, rule, clause):
    cast = request.getfixturevalue(fixture)
    with pytest.raises(ProtocolViolation) as exc:
        raise_(cast, addressed_to=cast.officer)
    cited = {c.rule_id: c.clause for c in exc.value.citations}
    assert clause in cited[rule]
    assert not Enquiry.objects.exists()


@pytest.mark.rule("ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF")
def test_direct_contact_approved_by_the_head_officer_lets_it_through_when_named(sandon_cast):
    c = sandon_cast
    approval = direct_contact_grant(
        actor=c.head, council=c.council, councillor=c.councillor, officer=c.officer, matter="Allotments"
    )
    e = raise_(c, addressed_to=c.officer, direct_contact=approval)
    assert (e.route, e.addressed_to, e.direct_contact) == ("direct", c.officer, approval)
    assert AuditEvent.objects.get(action="enquiry.raised").data["direct_contact"]["matter"] == "Allotments"
    # Naming the approval alone sends it to the approved officer.
    again = raise_(c, key="k2", direct_contact=approval)
    assert again.addressed_to == c.officer


@pytest.mark.rule("ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF")
@pytest.mark.parametrize(("fixture", "clause"), [("sandon_cast", "Some general principles ¶2"), ("mayor_cast", "4.6")])
def test_an_approval_for_one_matter_does_not_open_another(request, fixture, clause):
    """Issue 8 item 7: the approval must be named, and it covers one councillor, one officer and one matter."""
    c = request.getfixturevalue(fixture)
    other_officer = factories.person_with_role(c.council, "officer")
    approval = direct_contact_grant(
        actor=c.head, council=c.council, councillor=c.councillor, officer=c.officer, matter="Allotments"
    )
    with pytest.raises(ProtocolViolation) as exc:  # not named: an approval exists, but for which matter?
        raise_(c, addressed_to=c.officer, subject="Street lighting")
    assert "Allotments" in exc.value.reason
    assert clause in {x.rule_id: x.clause for x in exc.value.citations}["ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF"]
    with pytest.raises(ProtocolViolation):  # the approval is for another officer
        raise_(c, key="k2", addressed_to=other_officer, direct_contact=approval)
    with pytest.raises(ProtocolViolation):  # and for another councillor
        enquiry_raise(
            actor=c.other_councillor,
            council=c.council,
            subject="s",
            details="d",
            submission_key="k3",
            addressed_to=c.officer,
            direct_contact=approval,
        )
    assert not Enquiry.objects.exists()


@pytest.mark.rule("ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF")
def test_the_officer_declines_work_outside_the_approved_matter_with_the_clause(sandon_cast):
    from councildesk.enquiries import handling

    c = sandon_cast
    approval = direct_contact_grant(
        actor=c.head, council=c.council, councillor=c.councillor, officer=c.officer, matter="Allotments"
    )
    e = raise_(c, subject="Street lighting", direct_contact=approval)
    handling.enquiry_decline(
        actor=c.officer, council=c.council, pk=e.pk, code="outside_approved_matter", explanation="Not allotments."
    )
    e.refresh_from_db()
    assert (e.decline_rule, e.decline_clause.split(";")[0]) == (
        "ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF",
        "Some general principles ¶2",
    )


def test_an_expired_approval_does_not_open_contact(sandon_cast, frozen):
    c = sandon_cast
    approval = direct_contact_grant(
        actor=c.head,
        council=c.council,
        councillor=c.councillor,
        officer=c.officer,
        matter="Allotments",
        until=dt.date(2026, 12, 1),
    )
    frozen.set(frozen.at + dt.timedelta(days=3))
    with pytest.raises(ProtocolViolation, match="no longer in force"):
        raise_(c, direct_contact=approval)


def test_only_the_head_officer_approves_direct_contact(sandon_cast):
    c = sandon_cast
    with pytest.raises(ProtocolViolation):
        direct_contact_grant(actor=c.officer, council=c.council, councillor=c.councillor, officer=c.officer, matter="x")
    assert not DirectContact.objects.exists()


def test_mayor_town_lets_purely_factual_enquiries_go_to_the_officer(mayor_cast):
    e = raise_(mayor_cast, category="factual", addressed_to=mayor_cast.officer)
    assert e.addressed_to == mayor_cast.officer


def test_a_double_submit_creates_exactly_one_enquiry(sandon_cast):
    first = raise_(sandon_cast, key="same")
    second = raise_(sandon_cast, key="same", subject="changed")
    assert first.pk == second.pk
    assert Enquiry.objects.count() == 1
    assert AuditEvent.objects.filter(action="enquiry.raised").count() == 1


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"subject": "   "}, "subject"),
        ({"details": ""}, "details"),
        ({"details": "x" * 20_001}, "details"),
        ({"attachments": [("empty.pdf", b"")]}, "attachments"),
        ({"attachments": [("evil.pdf", b"MZ\x90\x00" + b"\x00" * 100)]}, "attachments"),
        ({"attachments": [("photo.png", PDF)]}, "attachments"),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_stored(sandon_cast, kw, field):
    with pytest.raises(ValidationFailed) as exc:
        raise_(sandon_cast, **kw)
    assert field in exc.value.problems
    assert str(exc.value)
    assert not Enquiry.objects.exists()
    assert not EnquiryAttachment.objects.exists()


def test_no_constituent_consent_tick_is_asked_for(sandon_cast):
    """No seed asks for a constituent's consent tick (issue 15, 004 10.1 gap): raising on their behalf is enough."""
    e = raise_(sandon_cast, on_behalf_of_constituent=True)
    assert e.on_behalf_of_constituent


def test_an_attachment_too_large_is_refused(sandon_cast, settings):
    settings.COUNCILDESK_MAX_ATTACHMENT_BYTES = 10
    with pytest.raises(ValidationFailed, match="largest allowed"):
        raise_(sandon_cast, attachments=[("a.pdf", PDF)])


def test_a_zip_bomb_a_polyglot_too_many_files_or_too_much_in_total_is_refused(sandon_cast, settings):
    """Enquiry attachments go through core.uploads like documents do (issue 10)."""
    polyglot = PDF.replace(b"%%EOF", b"%<html><script>alert(1)</script></html>\n%%EOF")
    for files, words in [
        ([("report.docx", bomb_docx())], "zip bomb"),
        ([("minutes.pdf", polyglot)], "web page markup"),
        ([(f"n{i}.txt", b"note") for i in range(settings.COUNCILDESK_MAX_ATTACHMENTS + 1)], "the most one"),
    ]:
        with pytest.raises(ValidationFailed) as exc:
            raise_(sandon_cast, attachments=files)
        assert words in exc.value.problems["attachments"]
    settings.COUNCILDESK_MAX_ATTACHMENTS_TOTAL_BYTES = len(PDF) + 10
    with pytest.raises(ValidationFailed, match="together"):
        raise_(sandon_cast, attachments=[("a.pdf", PDF), ("b.pdf", PDF)])
    assert not Enquiry.objects.exists()


def test_a_good_attachment_is_stored_with_its_digest(sandon_cast, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    e = raise_(sandon_cast, attachments=[("minutes.pdf", PDF), ("notes.txt", "Café notes".encode())])
    names = sorted(a.name for a in e.attachments.all())
    assert names == ["minutes.pdf", "notes.txt"]
    assert {a.content_type for a in e.attachments.all()} == {"application/pdf", "text/plain"}


def test_an_officer_cannot_raise_and_another_council_is_not_found(sandon_cast, district_cast):
    with pytest.raises(ProtocolViolation):
        enquiry_raise(
            actor=sandon_cast.officer, council=sandon_cast.council, subject="s", details="d", submission_key="x"
        )
    with pytest.raises(NotFound):
        enquiry_raise(
            actor=sandon_cast.councillor, council=district_cast.council, subject="s", details="d", submission_key="x"
        )


def test_a_councillor_whose_term_ended_is_refused_with_the_term_rule(sandon_cast):
    former = factories.person_with_role(sandon_cast.council, "councillor", end=dt.date(2026, 5, 1))
    with pytest.raises(ProtocolViolation) as exc:
        enquiry_raise(actor=former, council=sandon_cast.council, subject="s", details="d", submission_key="x")
    assert exc.value.citations[0].rule_id == "ROLES_COUNCILLOR_TERM_BOUNDED"


@pytest.mark.rule("ENQUIRY_RESPECT_WORKING_HOURS")
def test_out_of_hours_contact_is_flagged(sandon_cast, frozen):
    frozen.set(dt.datetime(2026, 12, 5, 22, 30, tzinfo=frozen.at.tzinfo))  # a Saturday night
    e = raise_(sandon_cast)
    assert e.out_of_hours
