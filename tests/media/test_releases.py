"""Press releases: draft, approval by the profile's approver with reasons, publication; what can never be issued;
the pre-election period."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.elections import services as elections
from councildesk.media import services
from councildesk.media.models import PressRelease
from councildesk.notifications.models import Notification
from councildesk.people import services as people


def _release(w, author, body, title="Council news"):
    return services.release_draft(actor=author, council=w.council, title=title, body=body)


def _clauses(exc):
    return [c.clause for c in exc.value.citations]


@pytest.mark.rule("MEDIA_SENSITIVE_RELEASE_APPROVAL")
def test_a_release_on_a_court_case_waits_for_the_clerks_approval_and_only_then_is_published(world):
    w = world("sandon-burston")
    row = _release(w, w.officer, "The council's position on the court hearing next month.")
    row = services.release_submit(actor=w.officer, council=w.council, release_id=row.pk)
    assert row.status == PressRelease.Status.AWAITING
    assert row.topics == ["Court issues"]
    assert Notification.objects.filter(recipient=w.head, kind="press_release_awaiting").exists()
    with pytest.raises(ProtocolViolation) as caught:
        services.release_publish(actor=w.head, council=w.council, release_id=row.pk)
    assert _clauses(caught) == ["PRESS AND MEDIA ¶3"]
    row = services.release_decide(
        actor=w.head, council=w.council, release_id=row.pk, approve=True, reason="Factual.", code_confirmed=True
    )
    assert row.status == PressRelease.Status.APPROVED
    assert row.decision_reason == "Factual."
    row = services.release_publish(actor=w.head, council=w.council, release_id=row.pk)
    assert row.status == PressRelease.Status.PUBLISHED
    with pytest.raises(ValidationFailed, match="already published"):
        services.release_publish(actor=w.head, council=w.council, release_id=row.pk)
    actions = list(
        AuditEvent.objects.filter(council=w.council, action__startswith="press_release").values_list(
            "action", flat=True
        )
    )
    assert actions == [
        "press_release.drafted",
        "press_release.submitted",
        "press_release.decided",
        "press_release.published",
    ]


@pytest.mark.rule("MEDIA_SENSITIVE_RELEASE_APPROVAL")
def test_an_ordinary_officer_release_needs_no_approval_where_the_protocol_asks_none(world):
    w = world("sandon-burston")
    row = _release(w, w.officer, "The village hall reopens on Monday.")
    row = services.release_submit(actor=w.officer, council=w.council, release_id=row.pk)
    assert row.status == PressRelease.Status.READY
    assert services.release_publish(actor=w.officer, council=w.council, release_id=row.pk).published_at


@pytest.mark.rule("MEDIA_PUBLICITY_CODE_COMPLIANCE")
def test_approval_confirms_the_publicity_code(world):
    w = world("sandon-burston")
    row = _release(w, w.officer, "A dispute with the contractor is settled.")
    services.release_submit(actor=w.officer, council=w.council, release_id=row.pk)
    with pytest.raises(ProtocolViolation) as caught:
        services.release_decide(actor=w.head, council=w.council, release_id=row.pk, approve=True, reason="Fine.")
    assert _clauses(caught) == ["PRESS AND MEDIA ¶1; PRESS AND MEDIA ¶5"]
    with pytest.raises(ValidationFailed):
        services.release_decide(actor=w.head, council=w.council, release_id=row.pk, approve=False, reason="")
    refused = services.release_decide(
        actor=w.head, council=w.council, release_id=row.pk, approve=False, reason="Wait for the settlement."
    )
    assert refused.status == PressRelease.Status.REFUSED
    assert Notification.objects.filter(recipient=w.officer, kind="press_release_decided").exists()


@pytest.mark.rule("MEDIA_CONTACT_VIA_SUPPORT_FUNCTION")
def test_a_members_release_goes_through_the_town_clerk(world):
    w = world("mayor-town")
    row = _release(w, w.cllr, "Play area opens in North ward.")
    row = services.release_submit(actor=w.cllr, council=w.council, release_id=row.pk)
    assert row.status == PressRelease.Status.AWAITING
    assert row.approval_rules == ["MEDIA_CONTACT_VIA_SUPPORT_FUNCTION"]
    with pytest.raises(NotFound):  # the member may not approve or publish it
        services.release_publish(actor=w.cllr, council=w.council, release_id=row.pk)


@pytest.mark.rule("MEDIA_NO_PARTY_POLITICAL_PUBLICITY")
@pytest.mark.parametrize(("slug", "clause"), [("district-annex", "8.5"), ("mayor-town", "11.2"), ("cottingham", None)])
def test_party_political_publicity_is_refused_with_the_clause_or_the_act(world, slug, clause):
    w = world(slug)
    row = _release(w, w.officer, "Residents should vote for the party that built the play area.")
    with pytest.raises(ProtocolViolation) as caught:
        services.release_submit(actor=w.officer, council=w.council, release_id=row.pk)
    assert _clauses(caught) == [clause]
    assert "vote for" in caught.value.reason
    if clause is None:
        assert "1986" in caught.value.citations[0].where
    assert PressRelease.objects.get(pk=row.pk).status == PressRelease.Status.DRAFT


@pytest.mark.rule("MEDIA_NO_PARTY_POLITICAL_PUBLICITY")
def test_a_groups_name_makes_publicity_party_political(world):
    w = world("district-annex")
    people.group_create(actor=None, council=w.council, name="Riverside Alliance")
    row = _release(w, w.officer, "The Riverside Alliance secured the new bus route.")
    with pytest.raises(ProtocolViolation, match="Riverside Alliance"):
        services.release_submit(actor=w.officer, council=w.council, release_id=row.pk)


@pytest.mark.rule("MEDIA_OFFICER_FACTUAL_ONLY")
def test_an_officers_opinion_is_flagged_and_an_override_is_recorded(world):
    w = world("mayor-town")
    row = _release(w, w.officer, "In my opinion the decision was disgraceful.")
    with pytest.raises(ProtocolViolation) as caught:
        services.release_submit(actor=w.officer, council=w.council, release_id=row.pk)
    assert _clauses(caught) == ["11.2"]
    row = services.release_submit(
        actor=w.officer, council=w.council, release_id=row.pk, override_reason="Quoting a resident's letter."
    )
    assert row.flags == ["in my opinion", "disgraceful"]
    assert row.flag_override


@pytest.mark.rule("MEDIA_OFFICER_FACTUAL_ONLY")
def test_no_opinion_check_where_the_protocol_has_none(world):
    w = world("district-annex")
    row = _release(w, w.officer, "In my opinion the new library is a success.")
    assert services.release_submit(actor=w.officer, council=w.council, release_id=row.pk).flags == []


@pytest.mark.rule("ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW")
def test_in_a_pre_election_period_publicity_is_reviewed_and_naming_a_councillor_is_refused(world, monkeypatch):
    from councildesk.core import clock

    w = world("district-annex")
    elections.period_record(actor=w.head, council=w.council, title="District elections", poll_date=dt.date(2027, 5, 6))
    monkeypatch.setattr(clock, "today", lambda: dt.date(2027, 4, 20))
    row = _release(w, w.officer, "The library reopens on Monday.")
    row = services.release_submit(actor=w.officer, council=w.council, release_id=row.pk)
    assert row.status == PressRelease.Status.AWAITING
    assert row.approval_rules == ["ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW"]
    named = _release(w, w.officer, "Councillor Ashdown opened the library.")
    with pytest.raises(ProtocolViolation) as caught:
        services.release_submit(actor=w.officer, council=w.council, release_id=named.pk)
    assert "Ashdown" in caught.value.reason
    assert [c.rule_id for c in caught.value.citations] == [
        "ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW",
        "MEDIA_NO_PARTY_POLITICAL_PUBLICITY",
    ]
    assert _clauses(caught) == ["8.5", "8.5"]


@pytest.mark.rule("ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW")
def test_a_release_approved_before_the_period_is_reviewed_again(world, monkeypatch):
    from councildesk.core import clock

    w = world("sandon-burston")
    monkeypatch.setattr(clock, "today", lambda: dt.date(2027, 3, 1))
    row = _release(w, w.officer, "A planning application for 40 homes.")
    services.release_submit(actor=w.officer, council=w.council, release_id=row.pk)
    services.release_decide(
        actor=w.head, council=w.council, release_id=row.pk, approve=True, reason="Facts.", code_confirmed=True
    )
    elections.period_record(actor=w.head, council=w.council, title="Parish elections", poll_date=dt.date(2027, 5, 6))
    monkeypatch.setattr(clock, "today", lambda: dt.date(2027, 4, 1))
    with pytest.raises(ProtocolViolation) as caught:
        services.release_publish(actor=w.head, council=w.council, release_id=row.pk)
    assert _clauses(caught) == ["PRESS AND MEDIA ¶5; PRESS AND MEDIA ¶6"]
