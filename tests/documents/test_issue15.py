"""Issue 15, document access: each defect and gap, with the rule it proves. Each test failed before the fix."""

from __future__ import annotations

import pytest

from councildesk.core.errors import NotFound, ProtocolViolation
from councildesk.documents import need_to_know as svc
from councildesk.documents import services
from councildesk.documents.models import Disclosure
from councildesk.documents.permissions import Access
from councildesk.documents.selectors import document_page_for
from councildesk.notifications.models import Notification
from councildesk.people.access import membership_for

from .conftest import build_world

WHY = "A resident of the parish asked me to find out what is proposed for the land at Mill Lane."


def ask(world, person=None, need="ward_casework", **kw):
    return svc.request_make(
        actor=person or world.outsider,
        council=world.council,
        meeting_item=world.item,
        need=need,
        justification=WHY,
        **kw,
    )


def openable(world, person):
    return {d.pk for d in document_page_for(Access(membership_for(person, world.council.slug))).items}


# Defect 3: barriers apply only where their rule is adopted; otherwise the decider decides.


@pytest.mark.rule("ACCESS_THIRD_PARTY_REQUEST_CONDITIONS")
@pytest.mark.rule("ACCESS_NEED_TO_KNOW_DECIDER")
def test_000_a_request_for_a_constituent_goes_to_the_clerk_not_an_automatic_refusal(sandon):
    doc = sandon.upload("committee")
    req = ask(sandon, need="constituent")
    assert req.status == "awaiting_decision"
    assert not req.decisions.exists()
    assert Notification.objects.filter(recipient=sandon.decider, kind="document_request.made").exists()
    svc.request_decide(
        actor=sandon.decider, request=req, grant=True, reasons="A specific need is shown.", purpose="One resident"
    )
    assert doc.pk in openable(sandon, sandon.outsider)


@pytest.mark.rule("ACCESS_THIRD_PARTY_PERSONAL_DATA")
@pytest.mark.rule("ACCESS_WARD_CASEWORK_NEED")
def test_002_ward_casework_touching_personal_data_goes_to_the_chief_executive(district):
    district.upload("committee", personal_data=True)
    req = ask(district, need="ward_casework")
    assert req.status == "awaiting_decision"  # 4.3: the final decision rests with the Chief Executive
    assert not req.decisions.exists()
    assert Notification.objects.filter(recipient=district.decider, kind="document_request.made").exists()


@pytest.mark.rule("ACCESS_NEED_TO_KNOW_JUSTIFICATION")
@pytest.mark.rule("ACCESS_NEED_TO_KNOW_DECIDER")
@pytest.mark.parametrize("slug", ["cottingham", "west-northants-town"])
def test_001_and_003_refusals_say_the_protocol_is_silent_never_not_adopted(db, slug):
    world = build_world(slug)
    world.upload("committee")
    req = ask(world, need="committee_work")
    decision = svc.request_decide(
        actor=world.decider, request=req, grant=False, grounds=["curiosity"], reasons="A general trawl, not a need."
    )
    assert decision.citations
    for c in decision.citations:
        assert c["clause"] is None
        assert not c["adopted"]
        assert c["where"].startswith("Your council's protocol is silent on this")
        assert c["baseline"]
    assert "not_adopted" not in str(decision.citations)


# Defect 8: 004 committee members keep their 10.2 right for papers holding personal data.


@pytest.mark.rule("ACCESS_COMMITTEE_MEMBER_PRESUMED")
@pytest.mark.rule("ACCESS_THIRD_PARTY_PERSONAL_DATA")
def test_004_a_committee_member_opens_a_personal_data_paper_once_the_town_clerk_has_advised(mayor_town):
    doc = mayor_town.upload("committee", personal_data=True)
    assert doc.pk not in openable(mayor_town, mayor_town.member)
    req = ask(mayor_town, person=mayor_town.member, need="committee_work")
    assert req.status == "awaiting_decision"  # no justification demanded, no automatic refusal
    assert Notification.objects.filter(recipient=mayor_town.head, kind="document_request.made").exists()
    svc.consultation_record(
        actor=mayor_town.head,
        request=req,
        consultee=mayor_town.head,
        consultee_kind="clerk",
        advice="Use the names only for the committee's deliberation; do not copy the paper.",
    )
    req.refresh_from_db()
    assert req.status == "granted"
    decision = req.decisions.get()
    assert {"ACCESS_COMMITTEE_MEMBER_PRESUMED", "ACCESS_THIRD_PARTY_PERSONAL_DATA"} <= set(decision.rule_ids)
    assert doc.pk in openable(mayor_town, mayor_town.member)
    opened = services.document_open(actor=mayor_town.member, council=mayor_town.council, pk=doc.pk)
    assert opened.basis == "need_to_know"


@pytest.mark.rule("ACCESS_THIRD_PARTY_PERSONAL_DATA")
def test_004_a_non_member_still_needs_the_town_clerks_advice_and_a_decision(mayor_town):
    mayor_town.upload("committee", personal_data=True)
    req = ask(mayor_town, need="committee_work")
    with pytest.raises(ProtocolViolation) as err:
        svc.request_decide(
            actor=mayor_town.decider, request=req, grant=True, reasons="Need shown.", purpose="Committee question"
        )
    clauses = [c.clause for c in err.value.citations]
    assert "10.5(a)" in clauses
    assert "10.5(b)" not in clauses


# Defect 10: the Monitoring Officer has no part in a parish's document access.


@pytest.mark.rule("ACCESS_NEED_TO_KNOW_DECIDER")
def test_a_parish_monitoring_officer_cannot_open_exempt_papers_but_the_districts_consultee_can(sandon, district):
    salaries = sandon.upload("exempt")
    assert salaries.pk not in openable(sandon, sandon.mo)
    with pytest.raises(NotFound):
        services.document_open(actor=sandon.mo, council=sandon.council, pk=salaries.pk)
    assert not Access(membership_for(sandon.mo, sandon.council.slug)).may_view_log
    consulted = district.upload("exempt")
    assert consulted.pk in openable(district, district.mo)  # 002 4.3 names them as consultee
    assert not Disclosure.objects.exists()


# Gap: 004 10.5(b), interest advice before documents.


@pytest.mark.rule("ACCESS_INTEREST_ADVICE")
def test_004_a_member_with_an_interest_gets_the_town_clerks_advice_before_any_paper(mayor_town):
    doc = mayor_town.upload("committee")
    req = ask(mayor_town, need="committee_work", interest=True)
    with pytest.raises(ProtocolViolation) as err:
        svc.request_decide(
            actor=mayor_town.decider, request=req, grant=True, reasons="Need shown.", purpose="Committee question"
        )
    assert "10.5(b)" in [c.clause for c in err.value.citations]
    svc.consultation_record(
        actor=mayor_town.head,
        request=req,
        consultee=mayor_town.head,
        consultee_kind="clerk",
        advice="Declare the interest at the meeting and take no part in the vote.",
    )
    svc.request_decide(
        actor=mayor_town.decider, request=req, grant=True, reasons="Need shown.", purpose="Committee question"
    )
    assert doc.pk in openable(mayor_town, mayor_town.outsider)


def test_the_interest_question_is_asked_only_where_the_protocol_has_it(sandon, mayor_town):
    from django.test import Client
    from django.urls import reverse

    for world, shown in ((mayor_town, True), (sandon, False)):
        c = Client()
        c.force_login(world.outsider)
        page = c.get(reverse("document_request_new", kwargs={"slug": world.council.slug, "item_id": world.item.pk}))
        assert ('name="interest"' in page.content.decode()) == shown


# Gap: ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE (004 10.7; every shipped protocol has it).


@pytest.mark.rule("ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE")
def test_a_confidential_paper_is_released_only_with_the_authorised_persons_consent_recorded(sandon):
    doc = sandon.upload("confidential")
    req = ask(sandon)
    decision = svc.request_decide(
        actor=sandon.decider, request=req, grant=True, reasons="Casework need shown.", purpose="One resident"
    )
    assert doc.pk in decision.granted_document_ids
    assert decision.decided_by == sandon.head  # the Clerk, who is authorised to release it, decided
    cited = {c["rule_id"]: c["clause"] for c in decision.citations}
    assert cited["ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE"] == "Councillors ¶5 •6; Expectations ¶2 •4"


@pytest.mark.rule("ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE")
def test_where_an_officer_decides_the_head_officer_consents_to_releasing_a_confidence(mayor_town):
    from councildesk.documents import rules

    policy = Access(membership_for(mayor_town.head, mayor_town.council.slug)).policy
    confidential = rules.DocFacts("confidential", 1, False)
    assert "clerk" in rules.required_consultations(policy, confidential)  # 10.7: the Town Clerk consents
    assert "clerk" not in rules.required_consultations(policy, rules.DocFacts("committee", 1, False))


@pytest.mark.rule("ACCESS_NEED_TO_KNOW_DECIDER")
def test_a_refused_decision_keeps_what_the_decider_typed_and_shows_the_clause(district):
    from django.test import Client
    from django.urls import reverse

    district.upload("committee")
    req = ask(district)
    c = Client()
    c.force_login(district.decider)
    typed = "Casework need shown for the Mill Lane resident."
    page = c.post(
        reverse("document_request_decide", kwargs={"slug": district.council.slug, "request_id": req.pk}),
        {"outcome": "grant", "reasons": typed, "purpose": "The Mill Lane complaint only"},
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert typed in text  # the form comes back filled in
    assert "Record the advice of the Monitoring Officer" in text
    assert "4.3" in text
    req.refresh_from_db()
    assert req.status == "awaiting_decision"
