"""Handling: the panel (size from the profile, nobody conflicted), the chair never deciding alone, mediation from
the profile's list, and every decision recorded with its reasons."""

from __future__ import annotations

import pytest

from councildesk.complaints import rules, services
from councildesk.complaints.models import Handler, Step
from councildesk.core.errors import ProtocolViolation, ValidationFailed

from .conftest import build

pytestmark = pytest.mark.django_db


def grievance(t):
    c, _ = services.complaint_raise(
        actor=t.officer,
        council=t.council,
        kind=rules.GRIEVANCE,
        subject=t.cllrs[0],
        summary="Shouted at in the office",
        details="Details.",
        submission_key="g1",
    )
    services.complaint_informal(actor=t.officer, council=t.council, pk=c.pk, resolved=False, note="Conciliation failed")
    services.complaint_formalise(actor=t.officer, council=t.council, pk=c.pk, reason="Formal grievance")
    c.refresh_from_db()
    return c


@pytest.mark.rule("COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED")
@pytest.mark.rule("COMPLAINTS_DISCIPLINARY_ESCALATION")
def test_cottingham_a_panel_of_two_cannot_be_constituted_and_three_can():
    t = build("cottingham")
    c = grievance(t)
    assert c.stage == rules.STAGE_FORMAL
    assert set(Handler.objects.filter(complaint=c, active=True).values_list("person_id", flat=True)) == {
        p.pk for p in t.personnel
    }
    chair_of_panel = t.personnel[0]
    with pytest.raises(ProtocolViolation) as refused:
        services.panel_constitute(actor=chair_of_panel, council=t.council, pk=c.pk, members=t.personnel[:2])
    assert "exactly 3" in refused.value.reason
    assert any(x.clause == "7.2; 7.3" for x in refused.value.citations)
    services.panel_constitute(actor=chair_of_panel, council=t.council, pk=c.pk, members=t.personnel)
    assert Handler.objects.filter(complaint=c, part="panel", active=True).count() == 3


def test_a_panel_with_the_subject_on_it_is_refused_and_says_who():
    t = build("cottingham")
    c = grievance(t)
    members = [t.personnel[0], t.personnel[1], t.cllrs[0]]  # cllrs[0] is the subject
    with pytest.raises(ValidationFailed) as bad:
        services.panel_constitute(actor=t.personnel[0], council=t.council, pk=c.pk, members=members)
    assert "the subject of the complaint" in bad.value.problems["members"]


def test_a_panel_member_with_a_declared_connection_to_the_subject_cannot_sit():
    import datetime as dt

    t = build("cottingham")
    c, _ = services.complaint_raise(
        actor=t.cllrs[0],
        council=t.council,
        kind=rules.CONCERN,
        subject=t.head,
        summary="s",
        details="d",
        submission_key="c1",
    )
    services.connection_declare(
        actor=None, council=t.council, officer=t.head, member=t.cllrs[2], nature="social", day=dt.date(2024, 1, 1)
    )
    services.complaint_formalise(actor=t.cllrs[0], council=t.council, pk=c.pk, reason="Serious", bypass=True)
    handler = Handler.objects.filter(complaint=c, active=True).first().person
    with pytest.raises(ValidationFailed) as bad:
        services.panel_constitute(
            actor=handler, council=t.council, pk=c.pk, members=[t.personnel[0], t.cllrs[1], t.cllrs[2]]
        )
    assert "personally connected" in bad.value.problems["members"]


@pytest.mark.rule("COMPLAINTS_CHAIR_NOT_SOLE_HANDLER")
def test_sandon_the_chair_takes_a_concern_in_but_cannot_decide_it_alone():
    t = build("sandon-burston")
    c, _ = services.complaint_raise(
        actor=t.cllrs[0],
        council=t.council,
        kind=rules.CONCERN,
        subject=t.head,
        summary="Minutes late",
        details="d",
        submission_key="s1",
    )
    assert Handler.objects.filter(complaint=c, person=t.chair, active=True).exists()
    with pytest.raises(ProtocolViolation) as refused:
        services.complaint_decide(
            actor=t.chair, council=t.council, pk=c.pk, decision="Dismissed", reasons="No case", close=True
        )
    assert any(x.rule_id == "COMPLAINTS_CHAIR_NOT_SOLE_HANDLER" for x in refused.value.citations)
    assert any(x.clause == "Procedure for Officer/Clerks ¶1" for x in refused.value.citations)
    with pytest.raises(ProtocolViolation):  # sandon fixes no size, but one member is never a panel
        services.panel_constitute(actor=t.chair, council=t.council, pk=c.pk, members=[t.chair])
    services.panel_constitute(actor=t.chair, council=t.council, pk=c.pk, members=[t.chair, t.cllrs[1]])
    services.complaint_decide(
        actor=t.chair, council=t.council, pk=c.pk, decision="Dismissed", reasons="The panel found no case", close=True
    )
    c.refresh_from_db()
    assert c.stage == rules.STAGE_CLOSED


@pytest.mark.rule("COMPLAINTS_HANDLING_DECISION_RECORDED")
def test_district_the_chief_executive_records_a_decision_with_reasons():
    t = build("district-annex")
    c, _ = services.complaint_raise(
        actor=t.officer,
        council=t.council,
        kind=rules.CONCERN,
        subject=t.cllrs[0],
        summary="Discourteous email",
        details="d",
        submission_key="d1",
    )
    with pytest.raises(ValidationFailed) as bad:
        services.complaint_decide(actor=t.head, council=t.council, pk=c.pk, decision="Words", reasons=" ", close=True)
    assert "reasons" in bad.value.problems
    services.complaint_decide(
        actor=t.head, council=t.council, pk=c.pk, decision="Spoke to the member", reasons="First instance", close=True
    )
    step = c.steps.get(kind=Step.Kind.DECISION)
    assert "Reasons: First instance" in step.text
    assert step.actor == t.head


@pytest.mark.rule("COMPLAINTS_MEDIATION_AND_INDEPENDENT_ADVICE")
def test_west_northants_mediation_comes_from_the_profiles_list():
    t = build("west-northants-town")
    c, _ = services.complaint_raise(
        actor=t.officer,
        council=t.council,
        kind=rules.GRIEVANCE,
        subject=t.cllrs[0],
        summary="Relationship broken down",
        details="d",
        submission_key="w1",
    )
    handler = Handler.objects.filter(complaint=c, active=True).first().person
    with pytest.raises(ValidationFailed):
        services.complaint_mediation(actor=handler, council=t.council, pk=c.pk, mediator="My friend", note="Help")
    slcc = next(m for m in t.council.profile.complaints.mediators if "SLCC" in m)
    services.complaint_mediation(actor=handler, council=t.council, pk=c.pk, mediator=slcc, note="Independent person")
    assert c.steps.filter(kind=Step.Kind.MEDIATION, text__contains="SLCC").exists()


@pytest.mark.rule("COMPLAINTS_NO_PUBLIC_CRITICISM_OF_OFFICERS")
def test_criticism_of_an_officer_in_public_text_is_flagged_with_the_clause_and_the_route_offered():
    t = build("west-northants-town")
    draft = (
        f"The new bins arrive in May. {t.head.last_name} has been utterly incompetent about it. "
        "Thanks to volunteers for their work."
    )
    result = services.public_text_check(actor=t.cllrs[0], council=t.council, text=draft)
    assert result.flagged == [f"{t.head.last_name} has been utterly incompetent about it."]
    assert [c.clause for c in result.citations] == ["7.3; 7.4"]
    assert result.route.endswith("/complaints/new/")
    clean = services.public_text_check(actor=t.cllrs[0], council=t.council, text="The Town Clerk will reply soon.")
    assert clean.flagged == []
    silent = build("cottingham")  # 001 is silent: nothing is flagged there
    assert services.public_text_check(actor=silent.cllrs[0], council=silent.council, text=draft).flagged == []


def test_the_api_checks_a_draft(client):
    from councildesk.api.tokens import token_issue

    t = build("mayor-town")
    token = token_issue(actor=t.cllrs[0], name="t")[1]
    response = client.post(
        "/api/v1/councils/mayor-town/complaints/check-public-text",
        {"text": "The Town Clerk made a shambles of the budget."},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["flagged"]
    assert body["citations"][0]["clause"] == "15.2(c)"
