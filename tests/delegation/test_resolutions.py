"""Decisions of the council and its committees: within the committee's terms of reference (003 7.8; 004 2.6, 7.3),
the officers' advice beside each (000 Councillors ¶5 •1; 004 2.10), implemented by officers without a veto
(000 Officer/Clerks ¶4 •1); a councillor's request for the guidelines behind a delegated decision (002 3.7); and the
guidance members see against pressing officers (000; 003 7.13, 7.14; 004 7.4)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.delegation import explanations, resolutions
from councildesk.delegation.models import Resolution
from councildesk.notifications.models import Notification
from councildesk.people import services as people
from tests.complaints.conftest import build

from .test_delegation import _authority, _decide

pytestmark = pytest.mark.django_db


def _committee(town, name="Amenities Committee"):
    return people.committee_create(actor=None, council=town.council, name=name, kind="committee")


def _record(town, *, committee=None, remit=None, follows=True, reasons="", key="r1"):
    return resolutions.resolution_record(
        actor=town.head,
        council=town.council,
        committee=committee,
        remit=remit,
        title="Resurface the path",
        text="Resurfaced in tarmac.",
        minute_ref="Minute 22/25",
        officer_advice="Officers advised bound gravel.",
        follows_advice=follows,
        departure_reasons=reasons,
        submission_key=key,
    )


@pytest.mark.rule("DELEGATION_COMMITTEE_DECIDES_WITHIN_REMIT")
def test_mayor_town_a_committee_decides_only_within_its_terms_of_reference():
    town = build("mayor-town")
    amenities, planning = _committee(town), _committee(town, "Planning Committee")
    theirs = resolutions.remit_add(
        actor=town.head, council=town.council, committee=amenities, ref="ToR 1", text="Parks"
    )
    other = resolutions.remit_add(actor=town.head, council=town.council, committee=planning, ref="ToR 1", text="Plans")
    for remit in (None, other):
        with pytest.raises(ProtocolViolation, match="terms of reference") as refused:
            _record(town, committee=amenities, remit=remit)
        assert [c.clause for c in refused.value.citations] == ["2.6; 7.3"]
    row, created = _record(town, committee=amenities, remit=theirs)
    assert created
    assert row.remit_id == theirs.pk
    assert _record(town, key="r2")[0].committee is None  # the full council is not limited this way


@pytest.mark.rule("DELEGATION_REGARD_TO_OFFICER_ADVICE")
@pytest.mark.rule("DELEGATION_IMPLEMENT_DESPITE_CONTRARY_ADVICE")
def test_sandon_the_advice_stays_on_the_record_and_officers_implement_a_decision_against_it():
    town = build("sandon-burston")
    with pytest.raises(ValidationFailed) as failed:
        _record(town, follows=False)
    assert "departure_reasons" in failed.value.problems
    row, _ = _record(town, follows=False, reasons="Better for wheelchair users.")
    with pytest.raises(ProtocolViolation) as refused:
        resolutions.resolution_implement(actor=town.chair, council=town.council, pk=row.pk)
    assert "Officer/Clerks ¶4 •1" in {c.clause for c in refused.value.citations}
    row = resolutions.resolution_implement(actor=town.officer, council=town.council, pk=row.pk)
    row.refresh_from_db()
    assert row.implemented_by == town.officer
    assert row.officer_advice == "Officers advised bound gravel."
    assert not Resolution.objects.get(pk=row.pk).follows_advice


@pytest.mark.rule("DELEGATION_GUIDELINES_EXPLAINED_ON_REQUEST")
def test_district_a_councillor_asks_the_deciding_officer_to_explain_the_guidelines():
    town = build("district-annex")
    decision, _ = _decide(town, _authority(town))
    asker = town.cllrs[0]
    e = explanations.explanation_request(
        actor=asker, council=town.council, decision_id=decision.pk, question="Which guidelines?"
    )
    assert e.due_on is not None
    assert e.due_on > e.asked_on
    assert Notification.objects.filter(recipient=town.officer, dedupe_key=f"explanation:{e.pk}:asked").exists()
    with pytest.raises(NotFound):  # another councillor neither reads nor answers it
        explanations.explanation_answer(actor=town.cllrs[1], council=town.council, pk=e.pk, answer="x")
    explanations.explanation_answer(actor=town.officer, council=town.council, pk=e.pk, answer="The 2024 policy.")
    assert Notification.objects.filter(recipient=asker, dedupe_key=f"explanation:{e.pk}:answered").exists()
    elsewhere = build("mayor-town")
    other, _ = _decide(elsewhere, _authority(elsewhere))
    with pytest.raises(NotFound):  # not part of the other councils' protocols
        explanations.explanation_request(
            actor=elsewhere.cllrs[0], council=elsewhere.council, decision_id=other.pk, question="Why?"
        )


@pytest.mark.rule("DELEGATION_NO_PRESSURE_ON_DELEGATED_MATTERS")
@pytest.mark.rule("DELEGATION_NO_INFLUENCE_TO_BREACH_LAW_OR_PROCEDURES")
def test_west_northants_members_see_the_guidance_against_pressing_officers_on_a_delegated_decision():
    town = build("west-northants-town")
    decision, _ = _decide(town, _authority(town))
    client = Client()
    client.force_login(town.cllrs[0])
    url = reverse("delegation_decision", kwargs={"slug": town.council.slug, "decision_id": decision.pk})
    body = client.get(url).content.decode()
    assert "Do not put pressure on an officer" in body
    assert "7.13" in body
    assert "7.14" in body
