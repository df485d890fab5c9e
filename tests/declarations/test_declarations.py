"""Declared connections: the written notice to the Monitoring Officer, the register's visibility (404 like a missing
id for everyone else, every opening logged), bad input, and the recusal the register drives (complaint panels)."""

from __future__ import annotations

import pytest

from councildesk.audit.models import AuditEvent
from councildesk.complaints import rules as complaint_rules
from councildesk.complaints import services as complaints
from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.declarations import services
from councildesk.declarations.models import Declaration, DeclarationOpening
from councildesk.notifications.models import Notification, OutboxEmail
from tests import factories
from tests.complaints.conftest import build

pytestmark = pytest.mark.django_db


def _declare(town, actor, counterpart, nature="family", key="k1"):
    return services.declaration_make(
        actor=actor,
        council=town.council,
        counterpart=counterpart,
        nature=nature,
        details="My sister",
        submission_key=key,
    )


@pytest.mark.rule("DECLARATIONS_OFFICER_CONNECTION_TO_MONITORING_OFFICER")
def test_officer_connection_goes_in_writing_to_the_monitoring_officer():
    town = build("district-annex")
    town.mo.email = "mo@district.example.org"
    town.mo.save(update_fields=["email"])
    row, created = _declare(town, town.officer, town.cllrs[0])
    assert created
    assert row.officer == town.officer
    assert row.member == town.cllrs[0]
    assert str(town.officer.get_full_name()) in row.letter
    assert "5.7" in row.letter
    day = row.declared_on
    assert f"{day.day} {day:%B %Y}" in row.letter  # dated like '4 December 2026'
    to_mo = Notification.objects.get(recipient=town.mo, kind="declaration")
    assert to_mo.body == row.letter
    assert OutboxEmail.objects.filter(notification=to_mo, to_address=town.mo.email).exists()
    to_head = Notification.objects.get(recipient=town.head, kind="declaration")
    assert "My sister" not in to_head.body
    assert town.officer.last_name not in to_head.body
    assert not OutboxEmail.objects.filter(notification=to_head).exists()
    event = AuditEvent.objects.get(action="declaration.made")
    assert "DECLARATIONS_OFFICER_CONNECTION_TO_MONITORING_OFFICER" in event.rule_ids


@pytest.mark.rule("DECLARATIONS_INFLUENCING_RELATIONSHIP_TO_MONITORING_OFFICER")
def test_a_councillor_declares_a_relationship_to_the_monitoring_officer_too():
    town = build("district-annex")
    row, _ = _declare(town, town.cllrs[1], town.officer, nature="influence")
    assert row.officer == town.officer
    assert row.member == town.cllrs[1]
    assert "5.4(xv); 5.5(xi)" in row.letter
    assert Notification.objects.filter(recipient=town.mo, kind="declaration").exists()
    event = AuditEvent.objects.get(action="declaration.made")
    assert "DECLARATIONS_OFFICER_CONNECTION_TO_MONITORING_OFFICER" not in event.rule_ids


def test_without_a_monitoring_officer_here_the_notice_goes_by_email_to_the_principal_council():
    town = build("mayor-town", with_mo=False)
    email = town.council.profile.principal_council.monitoring_officer_email
    row, _ = _declare(town, town.officer, town.cllrs[0])
    if email:
        assert OutboxEmail.objects.filter(to_address=email, body=row.letter).exists()
        assert row.sent_to == email
    else:
        assert "no Monitoring Officer" in row.sent_to
    assert Notification.objects.filter(recipient=town.head, kind="declaration").exists()


def test_bad_input_is_refused_clearly_and_a_repeat_makes_one_declaration():
    town = build("district-annex")
    other = build("cottingham")
    with pytest.raises(ValidationFailed) as no_one:
        _declare(town, town.officer, None)
    assert "counterpart" in no_one.value.problems
    with pytest.raises(ValidationFailed) as elsewhere:
        _declare(town, town.officer, other.cllrs[0])
    assert "holds a role at" in elsewhere.value.problems["counterpart"]
    with pytest.raises(ValidationFailed) as same_side:
        _declare(town, town.officer, town.head)
    assert "councillor" in same_side.value.problems["counterpart"]
    with pytest.raises(ValidationFailed):
        _declare(town, town.officer, town.cllrs[0], nature="romance")
    first, made = _declare(town, town.officer, town.cllrs[0], key="same")
    again, made_again = _declare(town, town.officer, town.cllrs[0], key="same")
    assert made
    assert not made_again
    assert first.pk == again.pk
    assert Declaration.objects.count() == 1
    assert Notification.objects.filter(recipient=town.mo).count() == 1


@pytest.mark.rule("DECLARATIONS_OPENNESS_ABOUT_RELATIONSHIPS")
def test_only_the_declarer_the_monitoring_officer_and_the_head_officer_open_it_and_each_opening_is_logged():
    town = build("mayor-town")
    row, _ = _declare(town, town.officer, town.cllrs[0])
    admin = factories.PersonFactory(is_host_admin=True)
    for person in (town.officer, town.mo, town.head):
        assert services.declaration_open(actor=person, council=town.council, pk=row.pk).pk == row.pk
    for person in (town.cllrs[0], town.chair, town.cllrs[1], admin):  # the counterpart too
        with pytest.raises(NotFound) as refused:
            services.declaration_open(actor=person, council=town.council, pk=row.pk)
        with pytest.raises(NotFound) as missing:
            services.declaration_open(actor=person, council=town.council, pk=987654)
        assert refused.value.as_dict() == missing.value.as_dict()
    assert DeclarationOpening.objects.filter(declaration=row).count() == 3
    opened = AuditEvent.objects.filter(action="declaration.opened", subject_id=str(row.pk))
    assert opened.count() == 3
    assert all("DECLARATIONS_OPENNESS_ABOUT_RELATIONSHIPS" in e.rule_ids for e in opened)


def test_the_declarer_or_the_monitoring_officer_ends_a_connection_and_the_register_stops_counting_it():
    town = build("mayor-town")
    row, _ = _declare(town, town.officer, town.cllrs[0])
    with pytest.raises(ProtocolViolation):
        services.declaration_end(actor=town.head, council=town.council, pk=row.pk, reason="r")
    with pytest.raises(NotFound):
        services.declaration_end(actor=town.cllrs[0], council=town.council, pk=row.pk, reason="r")
    ended = services.declaration_end(actor=town.officer, council=town.council, pk=row.pk, reason="Business sold")
    assert ended.ended_on is not None
    with pytest.raises(ValidationFailed):
        services.declaration_end(actor=town.mo, council=town.council, pk=row.pk, reason="again")


@pytest.mark.rule("DECLARATIONS_MEMBER_RECUSAL_FOR_CONNECTED_OFFICER")
def test_a_member_connected_to_the_officer_is_refused_with_the_councils_clause():
    town = build("mayor-town")
    _declare(town, town.officer, town.cllrs[1])
    with pytest.raises(ProtocolViolation) as refused:
        services.recusal_check(town.council, town.cllrs[1], town.officer, clock.today(), matter="the officer's appeal")
    assert [c.clause for c in refused.value.citations] == ["4.4"]
    services.recusal_check(town.council, town.cllrs[2], town.officer, clock.today(), matter="x")


@pytest.mark.rule("DECLARATIONS_MEMBER_RECUSAL_FOR_CONNECTED_OFFICER")
def test_complaint_panels_use_the_register_a_connected_member_cannot_sit():
    town = build("cottingham")
    complaint, _ = complaints.complaint_raise(
        actor=town.cllrs[0],
        council=town.council,
        kind=complaint_rules.CONCERN,
        subject=town.head,
        summary="Clerk",
        details="d",
        submission_key="p1",
    )
    complaints.complaint_formalise(actor=town.cllrs[0], council=town.council, pk=complaint.pk, reason="r", bypass=True)
    _declare(town, town.head, town.personnel[1])  # the Clerk declares a family connection with a panel member
    with pytest.raises(ValidationFailed) as refused:
        complaints.panel_constitute(
            actor=town.personnel[0], council=town.council, pk=complaint.pk, members=town.personnel
        )
    assert "declared connection" in refused.value.problems["members"]


@pytest.mark.rule("DECLARATIONS_CONNECTION_RISK_GUIDANCE")
def test_the_form_carries_the_councils_guidance_on_connections():
    assert [c.clause for c in services.guidance(factories.council("district-annex"))[1]] == ["5.8"]
    assert [c.clause for c in services.guidance(factories.council("mayor-town"))[1]] == ["4.3"]
    assert services.guidance(factories.council("cottingham"))[1] == []
