"""Delegated decisions: the officer's own decision within an authority the officer holds, the chair consulted but
never the decider, every councillor told, implementation only once minuted, and the public transparency page."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.test import Client

from councildesk.audit.models import AuditEvent
from councildesk.core.errors import ProtocolViolation, ValidationFailed
from councildesk.delegation import services
from councildesk.delegation.models import Decision
from councildesk.notifications.models import Notification, OutboxEmail
from tests.complaints.conftest import build

pytestmark = pytest.mark.django_db


def _authority(town, *, ref="SD 1", holder_kind="officer", consult_chair=False):
    return services.authority_add(
        actor=None,
        council=town.council,
        ref=ref,
        title="Grass cutting contracts up to £5,000",
        holder_kind=holder_kind,
        consult_chair=consult_chair,
        resolution_ref="Minute 12/23",
    )


def _decide(town, authority, *, actor=None, key="k1", consultee=None, minute_ref="", published=True, **kw):
    fields = {
        "title": "Award the verge contract",
        "summary": "Verge cutting awarded for 2026.",
        "rationale": "Lowest of three quotes.",
    }
    fields.update(kw)
    return services.decision_record(
        actor=actor or town.officer,
        council=town.council,
        authority=authority,
        consultee=consultee,
        minute_ref=minute_ref,
        published=published,
        submission_key=key,
        **fields,
    )


def client_for(person=None) -> Client:
    c = Client()
    if person is not None:
        c.force_login(person)
    return c


@pytest.mark.rule("DELEGATION_DECISIONS_NOTIFIED_TO_ALL_COUNCILLORS")
def test_every_councillor_is_told_of_each_delegated_decision_once():
    town = build("district-annex")
    for i, person in enumerate([town.chair, town.vice, *town.cllrs]):
        person.email = f"cllr{i}@example.org"
        person.save(update_fields=["email"])
    row, created = _decide(town, _authority(town))
    again, created_again = _decide(town, row.authority)  # the same submission twice
    assert created
    assert not created_again
    assert again.pk == row.pk
    councillors = {town.chair.pk, town.vice.pk, *(p.pk for p in town.cllrs)}
    notices = Notification.objects.filter(kind="delegated_decision")
    assert sorted(n.recipient_id for n in notices) == sorted(councillors)
    assert OutboxEmail.objects.filter(notification__in=notices).count() == len(councillors)
    assert "Award the verge contract" in notices[0].subject
    event = AuditEvent.objects.get(action="delegated_decision.recorded")
    assert "DELEGATION_DECISIONS_NOTIFIED_TO_ALL_COUNCILLORS" in event.rule_ids


@pytest.mark.rule("DELEGATION_OFFICERS_WITHIN_DELEGATED_AUTHORITY")
@pytest.mark.parametrize(
    ("slug", "clause"), [("district-annex", "5.4(xiii)"), ("sandon-burston", "Councillors ¶5 •16")]
)
def test_a_decision_under_an_authority_the_officer_does_not_hold_is_refused_with_the_clause(slug, clause):
    town = build(slug)
    head_only = _authority(town, holder_kind=town.council.profile.roles.head_of_paid_service)
    with pytest.raises(ProtocolViolation) as exc:
        _decide(town, head_only)
    assert "do not hold the delegated authority" in exc.value.reason
    assert any(clause in c.clause for c in exc.value.citations if c.clause)
    assert not Decision.objects.exists()
    row, _ = _decide(town, head_only, actor=town.head)
    assert row.decided_by == town.head


@pytest.mark.rule("DELEGATION_CONSULTATION_ACTION_IS_OFFICERS")
def test_in_consultation_with_the_chair_the_decision_is_the_officers_and_the_chair_only_consulted():
    town = build("mayor-town")
    authority = _authority(town, consult_chair=True)
    with pytest.raises(ValidationFailed) as exc:
        _decide(town, authority)  # no chair named
    assert "consultee" in exc.value.problems
    with pytest.raises(ValidationFailed):
        _decide(town, authority, consultee=town.cllrs[0], key="k2")  # not the chair
    row, _ = _decide(town, authority, consultee=town.chair, key="k3")
    assert row.decided_by == town.officer
    assert row.consultee == town.chair
    event = AuditEvent.objects.get(action="delegated_decision.recorded")
    assert event.data["decided_by"] == town.officer.pk
    assert "DELEGATION_CONSULTATION_ACTION_IS_OFFICERS" in event.rule_ids


@pytest.mark.rule("DELEGATION_CHAIR_CANNOT_DECIDE_FOR_COMMITTEE")
def test_a_chair_cannot_record_a_decision_on_the_committees_behalf():
    town = build("mayor-town")
    authority = _authority(town, consult_chair=True)
    with pytest.raises(ProtocolViolation) as exc:
        _decide(town, authority, actor=town.chair, consultee=town.chair)
    assert "chair included" in exc.value.reason
    assert any(c.clause == "7.4" for c in exc.value.citations)
    assert not Decision.objects.exists()
    page = client_for(town.chair).get(f"/c/{town.council.slug}/delegation/new/")
    assert page.status_code == 200
    assert "no power to take a decision" in page.content.decode()
    assert 'name="title"' not in page.content.decode()


@pytest.mark.rule("DELEGATION_IMPLEMENT_ONLY_LAWFUL_APPROVED_RECORDED")
@pytest.mark.parametrize(
    ("slug", "clause"), [("sandon-burston", "Officer/Clerks ¶4 •1"), ("district-annex", "2.2"), ("mayor-town", "3.3")]
)
def test_a_decision_is_implemented_only_once_its_minute_is_recorded(slug, clause):
    town = build(slug)
    row, _ = _decide(town, _authority(town))
    with pytest.raises(ProtocolViolation) as exc:
        services.decision_implement(actor=town.officer, council=town.council, pk=row.pk)
    assert any(clause in (c.clause or "") for c in exc.value.citations)
    row.refresh_from_db()
    assert row.implemented_on is None
    with pytest.raises(ProtocolViolation):  # a councillor does not implement it
        services.decision_implement(actor=town.cllrs[0], council=town.council, pk=row.pk, minute_ref="Minute 9/26")
    done = services.decision_implement(actor=town.officer, council=town.council, pk=row.pk, minute_ref="Minute 9/26")
    assert done.implemented_on is not None
    assert done.minute_ref == "Minute 9/26"
    with pytest.raises(ValidationFailed):
        services.decision_implement(actor=town.officer, council=town.council, pk=row.pk)
    assert AuditEvent.objects.filter(action="delegated_decision.implemented").count() == 1


@pytest.mark.rule("DELEGATION_DELEGATED_DECISIONS_ACCOUNTABLE")
@pytest.mark.parametrize("slug", ["district-annex", "west-northants-town"])
def test_a_delegated_decision_needs_its_reasons(slug):
    town = build(slug)
    with pytest.raises(ValidationFailed) as exc:
        _decide(town, _authority(town), rationale="  ")
    assert "rationale" in exc.value.problems
    assert not Decision.objects.exists()


@pytest.mark.rule("DELEGATION_OFFICERS_WITHIN_DELEGATED_AUTHORITY")
def test_page_an_authority_not_held_keeps_what_was_typed_and_links_the_field():
    town = build("district-annex")
    _authority(town)
    clerks = _authority(town, ref="SD 2", holder_kind=town.council.profile.roles.head_of_paid_service)
    me = client_for(town.officer)
    form = me.get("/c/district-annex/delegation/new/")
    assert form.status_code == 200
    key = re.search(r'name="submission_key" value="(\w+)"', form.content.decode()).group(1)
    data = {
        "authority": str(clerks.pk),
        "title": "Close the car park",
        "summary": "Closed for resurfacing.",
        "rationale": "Safety.",
        "submission_key": key,
        "published": "on",
    }
    page = me.post("/c/district-annex/delegation/new/", data)
    body = page.content.decode()
    assert page.status_code == 200
    assert 'href="#id_authority"' in body  # the error summary links the field
    assert "Close the car park" in body  # nothing typed is lost
    assert not Decision.objects.exists()
    data["authority"] = str(town.council.delegated_authorities.get(ref="SD 1").pk)
    done = me.post("/c/district-annex/delegation/new/", data, follow=True)
    body = done.content.decode()
    assert "govuk-notification-banner" in body
    assert "every councillor has been told" in body
    row = Decision.objects.get()
    assert f"{row.decided_on.day} {row.decided_on:%B %Y}" in body  # '4 December 2026'


def test_the_transparency_page_is_public_and_shows_published_decisions_only_without_names():
    town = build("district-annex")
    authority = _authority(town)
    _decide(town, authority, title="Published decision")
    _decide(town, authority, key="k2", title="Unpublished decision", published=False)
    anonymous = client_for()
    page = anonymous.get("/c/district-annex/transparency/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Published decision" in body
    assert "Unpublished decision" not in body
    for name in (town.officer.last_name, town.officer.username):
        assert name not in body
    assert "Lowest of three quotes" not in body  # the reasons are not published
    data = json.loads(anonymous.get("/c/district-annex/transparency/?format=json").content)
    assert [d["decision"] for d in data["delegated_decisions"]] == ["Published decision"]
    rows = list(
        csv.DictReader(io.StringIO(anonymous.get("/c/district-annex/transparency/?format=csv").content.decode()))
    )
    assert [r["decision"] for r in rows] == ["Published decision"]
    assert anonymous.get("/c/no-such-council/transparency/").status_code == 404
