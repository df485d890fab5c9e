"""Members' media contact: the capacity stated, who may speak for the council, care warnings, the media support
told; media enquiries: members told, authority to answer, policy comment to the committee chair."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.core.errors import ProtocolViolation, ValidationFailed
from councildesk.elections import services as elections
from councildesk.media import rules, services
from councildesk.media.models import MediaEnquiry
from councildesk.notifications.models import Notification


def _contact(w, member, capacity, **kw):
    return services.contact_record(
        actor=member, council=w.council, outlet="Gazette", subject="Play area", capacity=capacity, **kw
    )


@pytest.mark.rule("MEDIA_CAPACITY_STATEMENT")
def test_a_member_states_a_capacity_the_council_offers(world):
    w = world("district-annex")
    with pytest.raises(ProtocolViolation) as caught:
        _contact(w, w.cllr, "ward_member")
    assert [c.clause for c in caught.value.citations] == ["8.3"]
    with pytest.raises(ValidationFailed):
        _contact(w, w.cllr, "")
    assert _contact(w, w.cllr, "personal").capacity == "personal"
    m = world("mayor-town")
    assert _contact(m, m.cllr, "ward_member").get_capacity_display() == "As a ward member"


@pytest.mark.rule("MEDIA_COUNCIL_SPOKESPERSONS")
def test_only_chairs_and_appointed_spokespersons_speak_for_the_council(world):
    w = world("sandon-burston")
    with pytest.raises(ProtocolViolation) as caught:
        _contact(w, w.cllr, "council")
    assert [c.clause for c in caught.value.citations] == ["PRESS AND MEDIA ¶4"]
    assert _contact(w, w.chair, "council").capacity == "council"
    assert _contact(w, w.committee_chair, "council").capacity == "council"
    services.spokesperson_appoint(
        actor=w.head,
        council=w.council,
        person_id=w.cllr.pk,
        area="Allotments",
        resolution="Minute 24/113",
        start=None,
    )
    assert _contact(w, w.cllr, "council").capacity == "council"


@pytest.mark.rule("MEDIA_PRIOR_CONSULTATION_TO_SPEAK_FOR_COUNCIL")
def test_speaking_for_the_council_needs_the_committee_chair_or_chief_executive_consulted(world):
    w = world("district-annex")
    with pytest.raises(ProtocolViolation) as caught:
        _contact(w, w.cllr, "council")
    assert [c.clause for c in caught.value.citations] == ["8.2"]
    with pytest.raises(ValidationFailed):
        _contact(w, w.cllr, "council", consulted_id=w.other_cllr.pk)
    assert _contact(w, w.cllr, "council", consulted_id=w.head.pk).consulted == w.head
    assert _contact(w, w.cllr, "council", consulted_id=w.committee_chair.pk).consulted == w.committee_chair


@pytest.mark.rule("MEDIA_NO_COMMITMENT_ON_CLAIMS")
@pytest.mark.rule("ELECTIONS_MEDIA_CARE_IN_RUN_UP")
def test_care_warnings_for_claims_and_in_the_run_up_unless_speaking_as_a_candidate(world, monkeypatch):
    from councildesk.core import clock

    w = world("mayor-town")
    assert _contact(w, w.cllr, "ward_member", claims_matter=True).warnings == ["MEDIA_NO_COMMITMENT_ON_CLAIMS"]
    elections.period_record(actor=w.head, council=w.council, title="Town elections", poll_date=dt.date(2027, 5, 6))
    monkeypatch.setattr(clock, "today", lambda: dt.date(2027, 4, 20))
    assert _contact(w, w.cllr, "ward_member").warnings == ["ELECTIONS_MEDIA_CARE_IN_RUN_UP"]
    assert _contact(w, w.cllr, "candidate").warnings == []
    d = world("district-annex")
    assert _contact(d, d.cllr, "personal", claims_matter=True).warnings == []


@pytest.mark.rule("MEDIA_CONTACT_VIA_SUPPORT_FUNCTION")
def test_the_media_support_is_told_except_of_a_party_political_statement(world):
    w = world("mayor-town")
    _contact(w, w.cllr, "ward_member")
    assert Notification.objects.filter(recipient=w.head, kind="media_contact_recorded").count() == 1
    _contact(w, w.cllr, "party_group")
    assert Notification.objects.filter(recipient=w.head, kind="media_contact_recorded").count() == 1


@pytest.mark.rule("MEDIA_MEMBER_STATEMENT_PREPARATION")
def test_the_preparation_checklist_is_advice_from_the_councils_clauses(world):
    assert [c.clause for c in rules.preparation_checklist(world("mayor-town").profile)] == ["11.5(b); 11.5(d); 11.5(f)"]
    assert rules.preparation_checklist(world("district-annex").profile) == []


@pytest.mark.rule("MEDIA_MEMBERS_TOLD_OF_MEDIA_INTEREST")
def test_ward_members_and_the_committee_chair_are_told_of_media_interest(world):
    w = world("mayor-town")
    row = services.enquiry_record(
        actor=w.officer,
        council=w.council,
        outlet="Radio",
        subject="Potholes",
        ward_id=w.ward.pk,
        committee_id=w.committee.pk,
    )
    told = {n.recipient for n in Notification.objects.filter(kind="media_interest")}
    assert told == {w.cllr, w.other_cllr, w.committee_chair}
    assert sorted(row.told) == sorted(p.username for p in told)
    services.enquiry_record(actor=w.officer, council=w.council, outlet="TV", subject="Budget", contentious=True)
    assert Notification.objects.filter(kind="media_interest", recipient=w.chair).exists()


@pytest.mark.rule("MEDIA_OFFICER_AUTHORISATION")
def test_an_officer_answers_the_media_only_with_authority(world):
    w = world("mayor-town")
    row = services.enquiry_record(actor=w.officer, council=w.council, outlet="Radio", subject="Bins")
    with pytest.raises(ProtocolViolation) as caught:
        services.enquiry_answer(actor=w.officer, council=w.council, enquiry_id=row.pk, response="Collected Mondays.")
    assert [c.clause for c in caught.value.citations] == ["11.4"]
    named = services.enquiry_record(
        actor=w.head, council=w.council, outlet="Radio", subject="Bins", responder_id=w.officer.pk
    )
    answered = services.enquiry_answer(actor=w.officer, council=w.council, enquiry_id=named.pk, response="Mondays.")
    assert answered.status == MediaEnquiry.Status.ANSWERED
    with pytest.raises(ValidationFailed):  # only the head officer names who answers
        services.enquiry_record(actor=w.officer, council=w.council, outlet="X", subject="Y", responder_id=w.officer.pk)


@pytest.mark.rule("MEDIA_POLICY_COMMENT_TO_CHAIR")
def test_a_request_for_comment_on_policy_goes_to_the_committee_chair(world):
    w = world("district-annex")
    with pytest.raises(ValidationFailed):
        services.enquiry_record(
            actor=w.officer, council=w.council, outlet="Gazette", subject="Policy", policy_comment=True
        )
    row = services.enquiry_record(
        actor=w.officer,
        council=w.council,
        outlet="Gazette",
        subject="Parking policy",
        policy_comment=True,
        committee_id=w.committee.pk,
    )
    assert row.status == MediaEnquiry.Status.REFERRED
    assert Notification.objects.filter(kind="media_interest", recipient=w.committee_chair).exists()
    with pytest.raises(ProtocolViolation) as caught:
        services.enquiry_answer(actor=w.head, council=w.council, enquiry_id=row.pk, response="Our view is...")
    assert [c.clause for c in caught.value.citations] == ["8.4"]
