"""Payments and contracts: a councillor never commits the council (refused with the clause, keeping what they
typed), an officer needs a decision or a delegated authority, and only the register of authorised signatories
signs."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from councildesk.audit.models import AuditEvent
from councildesk.core.errors import ProtocolViolation
from councildesk.finance import services
from councildesk.finance.models import Commitment
from tests.complaints.conftest import build

pytestmark = pytest.mark.django_db


def _raise(town, actor, *, kind="payment", key="k1", minute_ref="Minute 5/26", delegated_ref=""):
    return services.commitment_raise(
        actor=actor,
        council=town.council,
        kind=kind,
        payee="Parkside Grounds Ltd",
        description="Grass cutting",
        amount="1,250.50",
        minute_ref=minute_ref,
        delegated_ref=delegated_ref,
        submission_key=key,
    )


@pytest.mark.rule("FINANCE_NO_INDIVIDUAL_TRANSACTION_AUTHORITY")
@pytest.mark.rule("FINANCE_NO_CONTRACTS_BY_INDIVIDUAL_MEMBERS")
@pytest.mark.parametrize(
    ("slug", "kind", "clause"),
    [("mayor-town", "payment", "2.9(c)"), ("sandon-burston", "contract", "Councillors ¶5 •11")],
)
def test_a_councillor_cannot_commit_the_council_and_the_refusal_cites_the_clause(slug, kind, clause):
    town = build(slug)
    with pytest.raises(ProtocolViolation) as refused:
        _raise(town, town.chair, kind=kind)
    assert clause in {c.clause for c in refused.value.citations}
    assert not Commitment.objects.exists()
    # The officer, on a minuted decision, records it: the same submission twice is one row.
    row, created = _raise(town, town.officer, kind=kind)
    again, created_again = _raise(town, town.officer, kind=kind)
    assert (created, created_again, again.pk, row.amount_pence) == (True, False, row.pk, 125050)
    assert AuditEvent.objects.filter(action="commitment.raised").count() == 1


@pytest.mark.rule("FINANCE_NO_INDIVIDUAL_TRANSACTION_AUTHORITY")
def test_an_officer_needs_a_decision_or_a_delegated_authority():
    town = build("mayor-town")
    with pytest.raises(ProtocolViolation, match="needs a decision"):
        _raise(town, town.officer, minute_ref="")
    row, _ = _raise(town, town.officer, minute_ref="", delegated_ref="SD 4")
    assert row.delegated_ref == "SD 4"


@pytest.mark.rule("FINANCE_NO_INDIVIDUAL_TRANSACTION_AUTHORITY")
def test_elsewhere_the_refusal_says_the_protocol_is_silent():
    town = build("cottingham")
    with pytest.raises(ProtocolViolation) as refused:
        _raise(town, town.cllrs[0])
    (citation,) = refused.value.citations
    assert citation.clause is None
    assert "no legal power" in citation.baseline


@pytest.mark.rule("FINANCE_AUTHORISED_SIGNATORIES_SIGN_CHEQUES")
def test_only_registered_signatories_sign_and_two_signatures_complete_it():
    town = build("mayor-town")
    with pytest.raises(ProtocolViolation):  # a member cannot put themselves on the register
        services.signatory_appoint(actor=town.chair, council=town.council, person=town.chair, minute_ref="Min 1")
    for person in (town.chair, town.vice, town.officer):
        services.signatory_appoint(actor=town.head, council=town.council, person=person, minute_ref="Minute 7/25")
    row, _ = _raise(town, town.officer)
    with pytest.raises(ProtocolViolation, match="not one") as refused:
        services.commitment_sign(actor=town.cllrs[0], council=town.council, pk=row.pk)
    assert "2.9(d)" in {c.clause for c in refused.value.citations}
    with pytest.raises(ProtocolViolation, match="another authorised signatory"):
        services.commitment_sign(actor=town.officer, council=town.council, pk=row.pk)
    services.commitment_sign(actor=town.chair, council=town.council, pk=row.pk)
    with pytest.raises(ProtocolViolation, match="already signed"):
        services.commitment_sign(actor=town.chair, council=town.council, pk=row.pk)
    row = services.commitment_sign(actor=town.vice, council=town.council, pk=row.pk)
    assert row.status == Commitment.Status.SIGNED
    assert AuditEvent.objects.filter(action="commitment.signed").count() == 2


@pytest.mark.rule("FINANCE_AVOID_IMPROPER_ACTIONS")
@pytest.mark.rule("FINANCE_NO_INDIVIDUAL_TRANSACTION_AUTHORITY")
def test_the_form_shows_the_guidance_and_a_refusal_keeps_what_was_typed():
    town = build("mayor-town")
    client = Client()
    client.force_login(town.chair)
    url = reverse("finance_new", kwargs={"slug": town.council.slug})
    page = client.get(url)
    assert "financially improper" in page.content.decode()
    assert "2.10" in page.content.decode()
    response = client.post(
        url,
        {"kind": "payment", "payee": "Hall Hire Co", "amount": "80", "description": "Hall hire", "submission_key": "x"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Hall Hire Co"' in body
    assert "2.9(c)" in body
    assert "An individual councillor cannot" in body
    assert "no-store" in response["Cache-Control"]
