"""Need to know, as each council's profile sets it: deciders, consultation, what a need cannot unlock, challenge,
onward disclosure, who sees a request, and statutory requests on their clock."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.audit.models import AuditEvent
from councildesk.core.errors import Conflict, NotFound, ProtocolViolation, ValidationFailed
from councildesk.documents import need_to_know as svc
from councildesk.documents import onward, services, statutory
from councildesk.documents.models import AccessRequest, Disclosure, Grant
from councildesk.documents.permissions import Access, policy_for
from councildesk.documents.selectors import document_page_for, requests_for
from councildesk.notifications.models import Notification
from councildesk.people import services as people
from councildesk.people.access import membership_for

from .conftest import START, TODAY, build_world

WHY = "I am handling a resident's complaint about the land at Mill Lane in my ward."


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


def test_each_profile_gives_its_policy(all_councils):
    mayor = policy_for(all_councils["mayor-town"])
    district = policy_for(all_councils["district-annex"])
    sandon = policy_for(all_councils["sandon-burston"])
    assert mayor.non_members_barred
    assert not district.non_members_barred
    assert not sandon.non_members_barred
    assert (district.decider_kind, district.consult_kinds, district.disputes_kind) == (
        "chief_executive",
        ("monitoring_officer",),
        "chief_executive",
    )
    assert (mayor.decider_kind, mayor.disputes_kind) == ("officer", "clerk")
    assert (sandon.decider_kind, sandon.disputes_kind) == ("clerk", "clerk")
    assert mayor.personal_data_advice
    assert not mayor.personal_data_justification
    assert sandon.personal_data_justification
    assert not sandon.personal_data_advice
    assert not district.personal_data_advice
    assert not district.personal_data_justification


@pytest.mark.rule("ACCESS_NEED_TO_KNOW_DECIDER")
@pytest.mark.rule("ACCESS_PURPOSE_LIMITATION")
def test_002_grant_needs_the_monitoring_officers_advice_first_then_opens_with_purpose_and_is_logged(district):
    doc = district.upload("confidential")
    req = ask(district)
    assert req.status == "awaiting_decision"
    assert Notification.objects.filter(recipient=district.decider, kind="document_request.made").exists()
    with pytest.raises(ProtocolViolation, match="Monitoring Officer") as err:
        svc.request_decide(
            actor=district.decider,
            request=req,
            grant=True,
            reasons="Ward casework is a need.",
            purpose="Only for the Mill Lane complaint",
        )
    assert err.value.citations[0].clause == "4.3"
    svc.consultation_record(
        actor=district.decider,
        request=req,
        consultee=district.mo,
        consultee_kind="monitoring_officer",
        advice="Release is proportionate for casework.",
    )
    decision = svc.request_decide(
        actor=district.decider,
        request=req,
        grant=True,
        reasons="Ward casework is a need under 4.3.",
        purpose="Only for the Mill Lane complaint",
        expires_on=TODAY + dt.timedelta(days=30),
    )
    assert decision.outcome == "granted"
    assert {"ACCESS_NEED_TO_KNOW_DECIDER", "ACCESS_PURPOSE_LIMITATION"} <= set(decision.rule_ids)
    # 002 did not adopt the purpose rule: the product records a purpose anyway, and says the protocol is silent.
    purpose = next(c for c in decision.citations if c["rule_id"] == "ACCESS_PURPOSE_LIMITATION")
    assert purpose["clause"] is None
    assert not purpose["adopted"]
    assert "silent" in purpose["where"]
    assert all(c["clause"] != "not_adopted" for c in decision.citations)
    assert "Challenge" in decision.challenge_route
    assert doc.pk in openable(district, district.outsider)
    opened = services.document_open(actor=district.outsider, council=district.council, pk=doc.pk)
    assert opened.basis == "need_to_know"
    assert opened.grant.purpose_limitation == "Only for the Mill Lane complaint"
    assert Disclosure.objects.filter(person=district.outsider, basis="need_to_know").count() == 1
    assert Notification.objects.filter(recipient=district.outsider, kind="document_request.decided").exists()


def test_a_grant_expires(district, monkeypatch):
    doc = district.upload("committee")
    req = ask(district)
    svc.consultation_record(
        actor=district.decider,
        request=req,
        consultee=district.mo,
        consultee_kind="monitoring_officer",
        advice="No objection to this release.",
    )
    svc.request_decide(
        actor=district.decider,
        request=req,
        grant=True,
        reasons="Casework need shown.",
        purpose="Casework only, nothing else",
        expires_on=TODAY,
    )
    assert doc.pk in openable(district, district.outsider)
    from councildesk.core import clock

    monkeypatch.setattr(clock, "today", lambda: TODAY + dt.timedelta(days=1))
    assert doc.pk not in openable(district, district.outsider)
    with pytest.raises(NotFound):
        services.document_open(actor=district.outsider, council=district.council, pk=doc.pk)


@pytest.mark.rule("ACCESS_NEED_TO_KNOW_JUSTIFICATION")
def test_curiosity_is_recorded_as_a_refusal_ground(sandon):
    sandon.upload("committee")
    req = ask(sandon, need="committee_work")
    with pytest.raises(ValidationFailed):
        svc.request_decide(actor=sandon.decider, request=req, grant=False, reasons="Not a need at all.")
    decision = svc.request_decide(
        actor=sandon.decider,
        request=req,
        grant=False,
        grounds=["curiosity"],
        reasons="The request shows no link to the member's duties.",
    )
    assert decision.refusal_grounds == ["curiosity"]
    assert "ACCESS_NEED_TO_KNOW_JUSTIFICATION" in decision.rule_ids
    clause = {c["rule_id"]: c["clause"] for c in decision.citations}["ACCESS_NEED_TO_KNOW_JUSTIFICATION"]
    assert "¶3" in clause
    assert "¶4" in clause


@pytest.mark.rule("ACCESS_NON_MEMBER_CONDITIONS")
def test_004_even_the_decider_cannot_grant_exempt_papers_to_a_non_member(mayor_town):
    mayor_town.upload("exempt")
    mayor_town.upload("committee")
    req = ask(mayor_town, need="committee_work")
    assert req.status == "awaiting_decision"  # the committee paper can still be granted
    decision = svc.request_decide(
        actor=mayor_town.decider,
        request=req,
        grant=True,
        reasons="A need is shown for the open paper.",
        purpose="Committee work on item 7",
    )
    assert len(decision.granted_document_ids) == 1
    assert decision.barriers[0]["rule_id"] == "ACCESS_NON_MEMBER_CONDITIONS"
    assert "ACCESS_NON_MEMBER_CONDITIONS" in decision.rule_ids


def test_000_and_002_may_grant_confidential_and_exempt_on_demonstrated_need(sandon):
    doc = sandon.upload("exempt")
    req = ask(sandon)
    svc.request_decide(
        actor=sandon.decider,
        request=req,
        grant=True,
        reasons="Ward casework shown.",
        purpose="Casework for one resident",
    )
    assert doc.pk in openable(sandon, sandon.outsider)


@pytest.mark.rule("ACCESS_THIRD_PARTY_REQUEST_CONDITIONS")
def test_a_request_for_a_constituent_succeeds_only_for_public_material(mayor_town):
    mayor_town.upload("committee")
    req = ask(mayor_town, need="constituent")
    assert req.status == "refused"
    decision = req.decisions.get()
    assert decision.decided_by is None
    assert [b["rule_id"] for b in decision.barriers] == ["ACCESS_THIRD_PARTY_REQUEST_CONDITIONS"]
    assert ("ACCESS_THIRD_PARTY_REQUEST_CONDITIONS", "10.1(a); 10.1(b)") in [
        (c["rule_id"], c["clause"]) for c in decision.citations
    ]


@pytest.mark.rule("ACCESS_THIRD_PARTY_REQUEST_CONDITIONS")
def test_004_a_constituent_may_have_public_information_not_barred_by_data_protection(mayor_town):
    doc = mayor_town.upload("public")
    mayor_town.upload("public", personal_data=True)
    req = ask(mayor_town, need="constituent")
    assert req.status == "refused"  # the paper holding personal data is barred by 10.1(b), so nothing is open
    assert doc.pk in openable(mayor_town, mayor_town.outsider)  # the public one was always open (10.1(a))


@pytest.mark.rule("ACCESS_THIRD_PARTY_PERSONAL_DATA")
def test_personal_data_needs_a_specific_justification(sandon):
    doc = sandon.upload("committee", personal_data=True)
    # Even the committee's own member must ask for it.
    assert doc.pk not in openable(sandon, sandon.member)
    assert ask(sandon).status == "refused"
    req = ask(sandon, personal_data_justification="The resident named in it asked me to act for them.")
    svc.request_decide(
        actor=sandon.decider,
        request=req,
        grant=True,
        reasons="Specific need shown.",
        purpose="Acting on the named resident's complaint",
    )
    assert doc.pk in openable(sandon, sandon.outsider)


@pytest.mark.rule("ACCESS_NEED_TO_KNOW_DECIDER")
def test_a_challenge_goes_to_the_disputes_decider_once(mayor_town):
    mayor_town.upload("committee")
    req = ask(mayor_town, need="committee_work")
    svc.request_decide(
        actor=mayor_town.decider,
        request=req,
        grant=False,
        grounds=["no_need_shown"],
        reasons="No link to committee work.",
    )
    with pytest.raises(NotFound):
        svc.request_challenge(actor=mayor_town.other, request=req, grounds="I disagree with this decision.")
    svc.request_challenge(actor=mayor_town.outsider, request=req, grounds="I sit on a related working group.")
    req.refresh_from_db()
    assert req.status == "challenged"
    assert Notification.objects.filter(recipient=mayor_town.head, kind="document_request.challenged").exists()
    with pytest.raises(NotFound):  # the officer decides first instance only; the Town Clerk reviews (10.4)
        svc.request_decide(
            actor=mayor_town.decider,
            request=req,
            grant=True,
            reasons="On review, granted.",
            purpose="Working group only",
        )
    review = svc.request_decide(
        actor=mayor_town.head,
        request=req,
        grant=True,
        reasons="On review, a need is shown.",
        purpose="Working group only",
    )
    assert review.stage == "review"
    assert "final" in review.challenge_route
    with pytest.raises(Conflict):
        svc.request_challenge(actor=mayor_town.outsider, request=req, grounds="Once more with feeling.")


def test_nobody_decides_their_own_request_and_councillors_do_not_decide(sandon):
    sandon.upload("committee")
    req = ask(sandon)
    with pytest.raises(NotFound):
        svc.request_decide(
            actor=sandon.member, request=req, grant=True, reasons="I say yes to this.", purpose="Anything at all"
        )


@pytest.mark.rule("ACCESS_ONWARD_DISCLOSURE_TO_COUNCILLORS")
@pytest.mark.rule("ACCESS_REQUESTS_PRIVATE_TO_REQUESTER")
def test_onward_disclosure_notifies_the_first_councillor_without_naming_the_second(district):
    doc = district.upload("confidential")
    req = ask(district)
    svc.consultation_record(
        actor=district.decider,
        request=req,
        consultee=district.mo,
        consultee_kind="monitoring_officer",
        advice="Fine to release for casework.",
    )
    svc.request_decide(
        actor=district.decider, request=req, grant=True, reasons="Casework need shown.", purpose="Casework only"
    )
    source = Grant.objects.get(person=district.outsider)
    with pytest.raises(NotFound):
        onward.onward_disclose(
            actor=district.outsider,
            source=source,
            recipient=district.other,
            equal_need=True,
            reasons="They share the ward casework.",
        )
    passed = onward.onward_disclose(
        actor=district.decider,
        source=source,
        recipient=district.other,
        equal_need=True,
        reasons="They share the ward and the same resident's case.",
    )
    assert passed.first_notified
    assert passed.grant.purpose_limitation == "Casework only"
    assert doc.pk in openable(district, district.other)
    notice = Notification.objects.get(recipient=district.outsider, kind="document.disclosed_onward")
    # 002 4.2 with 4.5: the first councillor is told, but never who the second councillor is.
    for text in (notice.subject, notice.body):
        assert district.other.last_name not in text
        assert str(district.other) not in text
    assert "equal need" in notice.body
    assert AuditEvent.objects.filter(action="document.disclosed_onward").exists()


@pytest.mark.rule("ACCESS_ONWARD_DISCLOSURE_TO_COUNCILLORS")
def test_onward_disclosure_is_only_where_the_protocol_provides_for_it(mayor_town):
    doc = mayor_town.upload("committee")
    source = Grant.objects.create(
        council=mayor_town.council,
        document=doc,
        person=mayor_town.outsider,
        basis="need_to_know",
        purpose_limitation="x",
        created_at=doc.uploaded_at,
    )
    with pytest.raises(NotFound):  # 004 has no 4.5: the second councillor makes their own request
        onward.onward_disclose(
            actor=mayor_town.decider,
            source=source,
            recipient=mayor_town.other,
            equal_need=True,
            reasons="They asked me for it yesterday.",
        )


def test_reclassifying_to_exempt_withdraws_grants_a_need_cannot_hold_in_004(mayor_town):
    doc = mayor_town.upload("committee")
    req = ask(mayor_town, need="committee_work")
    svc.request_decide(
        actor=mayor_town.decider,
        request=req,
        grant=True,
        reasons="A need is shown.",
        purpose="Committee work on item 7",
    )
    assert doc.pk in openable(mayor_town, mayor_town.outsider)
    services.document_reclassify(
        actor=mayor_town.head,
        document=doc,
        classification="confidential",
        reason="Legal advice was added to it.",
        personal_data=False,
    )
    assert doc.pk not in openable(mayor_town, mayor_town.outsider)
    assert AuditEvent.objects.filter(action="document_grant.revoked").count() == 1


def _visible(world, person):
    return {r.pk for r in requests_for(Access(membership_for(person, world.council.slug)))}


@pytest.mark.rule("ACCESS_REQUESTS_PRIVATE_TO_REQUESTER")
def test_002_requests_are_private_to_the_requester_and_handlers(district):
    req = ask(district)
    assert _visible(district, district.outsider) == {req.pk}
    assert _visible(district, district.other) == set()
    assert _visible(district, district.decider) == {req.pk}
    assert _visible(district, district.mo) == {req.pk}


@pytest.mark.rule("ACCESS_REQUESTS_PRIVATE_TO_REQUESTER")
@pytest.mark.parametrize("slug", ["sandon-burston", "mayor-town", "west-northants-town"])
def test_requests_are_private_in_every_council_as_the_products_baseline(db, slug):
    """Issue 15 defect 4: a councillor (the Sandon chair included) cannot read another councillor's request."""
    world = build_world(slug)
    people.committee_seat_add(actor=None, committee=world.committee, person=world.other, seat="chair", start=START)
    req = ask(world)
    assert _visible(world, world.other) == set()
    assert _visible(world, world.member) == set()
    assert _visible(world, world.outsider) == {req.pk}
    assert _visible(world, world.decider) == {req.pk}
    cite = world.council.profile.cite("ACCESS_REQUESTS_PRIVATE_TO_REQUESTER")
    assert cite[0].clause is None
    assert "silent" in cite[0].where


@pytest.mark.rule("ACCESS_CONFIDENTIAL_ADVICE_ON_REQUEST")
def test_004_a_confidential_request_is_recorded_with_10_8(mayor_town):
    secret = ask(mayor_town, confidential=True)
    assert secret.confidential
    assert _visible(mayor_town, mayor_town.other) == set()


@pytest.mark.rule("ACCESS_STATUTORY_RIGHTS_PRESERVED")
def test_a_statutory_request_runs_on_the_statutory_clock(sandon):
    foi = statutory.statutory_request_make(
        actor=sandon.outsider, council=sandon.council, regime="foi", description="All invoices for the Mill Lane works."
    )
    # 20 working days from Monday 2 March 2026, skipping St Patrick's Day (a bank holiday in Northern Ireland)
    assert foi.due == dt.date(2026, 3, 31)
    assert any(s["day"] == "2026-03-17" for s in foi.skipped_days)
    # Extending is the council's decision: a requester cannot ask for the extended clock, the head officer extends.
    with pytest.raises(ValidationFailed):
        statutory.statutory_request_make(
            actor=sandon.outsider, council=sandon.council, regime="eir_extended", description="Air quality readings."
        )
    eir = statutory.statutory_request_make(
        actor=sandon.outsider, council=sandon.council, regime="eir", description="Air quality readings."
    )
    with pytest.raises(NotFound):
        statutory.statutory_request_extend(actor=sandon.outsider, council=sandon.council, pk=eir.pk)
    eir = statutory.statutory_request_extend(actor=sandon.head, council=sandon.council, pk=eir.pk)
    assert eir.regime == "eir_extended"
    assert eir.due > foi.due
    with pytest.raises(ValidationFailed):
        statutory.statutory_request_extend(actor=sandon.head, council=sandon.council, pk=eir.pk)
    with pytest.raises(NotFound):
        statutory.statutory_request_make(
            actor=sandon.head, council=sandon.council, regime="foi", description="An officer."
        )


@pytest.mark.rule("ACCESS_CONFIDENTIAL_ADVICE_ON_REQUEST")
def test_requests_are_audited_with_their_rules(mayor_town):
    req = ask(mayor_town, confidential=True)
    event = AuditEvent.objects.get(action="document_request.made", subject_id=str(req.pk))
    assert "ACCESS_CONFIDENTIAL_ADVICE_ON_REQUEST" in event.rule_ids
    assert AccessRequest.objects.get().requester == mayor_town.outsider


def test_an_english_council_takes_no_foisa_request(sandon):
    with pytest.raises(ValidationFailed) as err:
        statutory.statutory_request_make(
            actor=sandon.outsider, council=sandon.council, regime="foisa", description="Scottish information."
        )
    assert "regime" in err.value.problems
