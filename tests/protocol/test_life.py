"""The protocol's own life: versions, review reminders, acknowledgement, interpretation questions, comparison."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.notifications.models import Notification
from councildesk.people.access import membership_for
from councildesk.protocol import sweep as review_sweep
from councildesk.protocol.acknowledgements import acknowledgement_due, acknowledgements_for, protocol_acknowledge
from councildesk.protocol.compare import rows
from councildesk.protocol.models import ProtocolVersion
from councildesk.protocol.questions import question_answer, question_ask
from councildesk.protocol.versions import version_in_force, version_record, versions_seed_from_profile
from tests import factories


def _client(person):
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def mayor_town(db):
    council = factories.council("mayor-town")
    versions_seed_from_profile(council)
    return council


@pytest.mark.rule("PROTOCOL_VERSION_HISTORY")
@pytest.mark.rule("PROTOCOL_ADOPTION_RECORDED")
def test_versions_are_seeded_from_the_profile_once_and_the_newest_approved_is_in_force(all_councils):
    sandon = all_councils["sandon-burston"]
    assert versions_seed_from_profile(sandon) == 3
    assert versions_seed_from_profile(sandon) == 0
    assert version_in_force(sandon, dt.date(2026, 5, 4)).version == "2"  # v3 is dated 5 May 2026
    assert version_in_force(sandon, dt.date(2026, 12, 1)).version == "3"
    district = all_councils["district-annex"]
    versions_seed_from_profile(district)
    assert version_in_force(district) is None  # 002's issue dates are struck through: a draft only
    assert AuditEvent.objects.filter(council=sandon, action="protocol_version.recorded").count() == 3


@pytest.mark.rule("PROTOCOL_REVISION_BY_FORMAL_APPROVAL")
def test_a_version_without_a_minute_reference_cannot_go_live(mayor_town):
    clerk = factories.person_with_role(mayor_town, "clerk")
    with pytest.raises(ProtocolViolation) as refused:
        version_record(
            actor=clerk,
            council=mayor_town,
            version="2026 review",
            approved=dt.date(2026, 11, 20),
            minute_ref=" ",
            change="",
            next_review=None,
            go_live=True,
        )
    assert "minute reference" in refused.value.message
    assert [c.clause for c in refused.value.citations] == ["1.2"]
    draft = version_record(
        actor=clerk,
        council=mayor_town,
        version="2026 review",
        approved=None,
        minute_ref="",
        change="Tidied",
        next_review=None,
        go_live=False,
    )
    assert draft.status == "draft"
    live = version_record(
        actor=clerk,
        council=mayor_town,
        version="Nov 2026",
        approved=dt.date(2026, 11, 20),
        minute_ref="C/2026/41",
        change="Annual review",
        next_review=dt.date(2028, 11, 1),
        go_live=True,
    )
    assert version_in_force(mayor_town, dt.date(2026, 12, 1)) == live
    assert AuditEvent.objects.filter(council=mayor_town, action="protocol_version.recorded", actor=clerk).count() == 2


def test_only_the_head_officer_records_versions_and_the_page_shows_errors(mayor_town):
    cllr = factories.person_with_role(mayor_town, "councillor")
    with pytest.raises(NotFound):
        version_record(
            actor=cllr,
            council=mayor_town,
            version="x",
            approved=None,
            minute_ref="",
            change="",
            next_review=None,
            go_live=False,
        )
    clerk = factories.person_with_role(mayor_town, "clerk")
    with pytest.raises(ValidationFailed) as bad:
        version_record(
            actor=clerk,
            council=mayor_town,
            version="reviewed",
            approved=None,
            minute_ref="",
            change="",
            next_review=None,
            go_live=True,
        )
    assert set(bad.value.problems) == {"version", "approved"}
    client = _client(clerk)
    url = reverse("protocol_version_new", args=["mayor-town"])
    page = client.post(url, {"version": "5", "approved": "2026-11-20", "minute_ref": "", "go_live": "live"})
    html = page.content.decode()
    assert "There is problem" in html or "There is a problem" in html
    assert 'href="#id_minute_ref"' in html
    done = client.post(
        url, {"version": "5", "approved": "2026-11-20", "minute_ref": "M12", "go_live": "live"}, follow=True
    )
    assert "Version 5 is now in force." in done.content.decode()
    assert "20 November 2026" in done.content.decode()


@pytest.mark.rule("PROTOCOL_REVIEW_DUE")
def test_review_reminders_go_to_the_clerk_and_the_chair_once_each_stage(mayor_town):
    clerk = factories.person_with_role(mayor_town, "clerk")
    mayor = factories.person_with_role(mayor_town, "mayor")
    factories.person_with_role(mayor_town, "councillor")
    v = ProtocolVersion.objects.get(council=mayor_town, version="reviewed")
    assert v.review_notice_on == dt.date(2027, 5, 1) - dt.timedelta(days=60)

    def at(day):
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))

    assert review_sweep.run(at(dt.date(2027, 2, 1))) == 0
    assert review_sweep.run(at(dt.date(2027, 3, 10))) == 1
    assert review_sweep.run(at(dt.date(2027, 3, 10))) == 0  # idempotent
    notes = Notification.objects.filter(kind="protocol.review_due")
    assert {n.recipient for n in notes} == {clerk, mayor}
    assert "1 May 2027" in notes.first().subject
    assert review_sweep.run(at(dt.date(2027, 5, 1))) == 1
    assert review_sweep.run(at(dt.date(2027, 6, 1))) == 0
    assert Notification.objects.filter(kind="protocol.review_due").count() == 4


@pytest.mark.rule("PROTOCOL_OBSERVANCE_ACKNOWLEDGED")
def test_members_acknowledge_the_version_in_force_and_again_after_a_revision(mayor_town):
    clerk = factories.person_with_role(mayor_town, "clerk")
    cllr = factories.person_with_role(mayor_town, "councillor")
    client = _client(cllr)
    home = client.get(reverse("council_home", args=["mayor-town"])).content.decode()
    assert "you have not acknowledged it yet" in home
    version = acknowledgement_due(membership_for(cllr, "mayor-town"))
    assert version.version == "reviewed"
    done = client.post(reverse("protocol_acknowledge", args=["mayor-town"]), {"version": version.pk}, follow=True)
    assert "You have acknowledged version reviewed" in done.content.decode()
    assert "you have not acknowledged it yet" not in done.content.decode()
    assert protocol_acknowledge(actor=cllr, council=mayor_town, version_id=version.pk)  # twice: no change
    assert AuditEvent.objects.filter(council=mayor_town, action="protocol.acknowledged").count() == 1
    _, standing = acknowledgements_for(membership_for(clerk, "mayor-town"))
    assert [(s.person, s.acknowledged is not None) for s in standing] == [(clerk, False), (cllr, True)]
    page = _client(clerk).get(reverse("protocol_acknowledgements", args=["mayor-town"])).content.decode()
    assert "1 of 2 members and officers have not acknowledged it" in page
    version_record(
        actor=clerk,
        council=mayor_town,
        version="Nov 2026",
        approved=dt.date(2026, 11, 20),
        minute_ref="C/2026/41",
        change="",
        next_review=None,
        go_live=True,
    )
    assert acknowledgement_due(membership_for(cllr, "mayor-town")).version == "Nov 2026"


def test_a_council_whose_protocol_does_not_ask_for_acknowledgement_asks_nobody(db):
    sandon = factories.council("sandon-burston")
    versions_seed_from_profile(sandon)
    cllr = factories.person_with_role(sandon, "councillor")
    assert acknowledgement_due(membership_for(cllr, "sandon-burston")) is None


@pytest.mark.rule("PROTOCOL_INTERPRETATION_QUERIES_ROUTE")
def test_interpretation_questions_go_to_the_named_role_on_the_enquiry_clock(db):
    district = factories.council("district-annex")
    mo = factories.person_with_role(district, "monitoring_officer")
    ce = factories.person_with_role(district, "chief_executive")
    cllr = factories.person_with_role(district, "councillor")
    q = question_ask(actor=cllr, council=district, question="Does 5.4 cover email?", clause="5.4")
    assert q.adviser_kind == "monitoring_officer"
    assert (q.response_value, q.response_unit) == (7, "calendar_days")  # 002 3.5: seven calendar days
    assert q.response_due == timezone.localdate(q.asked_at) + dt.timedelta(days=7)
    assert q.calendar
    assert Notification.objects.filter(recipient=mo, kind="protocol_question.asked").count() == 1
    assert not Notification.objects.filter(recipient=ce, kind="protocol_question.asked").exists()
    with pytest.raises(NotFound):
        question_answer(actor=cllr, council=district, question_id=q.pk, answer="Yes")
    question_answer(actor=mo, council=district, question_id=q.pk, answer="Yes, it does.")
    assert Notification.objects.filter(recipient=cllr, kind="protocol_question.answered").count() == 1
    mayor_town = factories.council("mayor-town")
    town_clerk = factories.person_with_role(mayor_town, "clerk")
    member = factories.person_with_role(mayor_town, "councillor")
    q2 = question_ask(actor=member, council=mayor_town, question="What does 10.3(b) mean?")
    assert q2.adviser_kind == "clerk"
    assert Notification.objects.filter(recipient=town_clerk, kind="protocol_question.asked").count() == 1
    page = (
        _client(member)
        .post(reverse("protocol_questions", args=["mayor-town"]), {"question": ""}, follow=True)
        .content.decode()
    )
    assert 'href="#id_question"' in page


def test_comparison_page_and_csv_only_for_councils_the_viewer_may_see(all_councils):
    cllr = factories.person_with_role(all_councils["district-annex"], "councillor")
    client = _client(cllr)
    url = reverse("protocol_compare", args=["district-annex"])
    assert client.get(url, {"with": "mayor-town"}).status_code == 404
    from councildesk.people.models import Person

    admin = Person.objects.create(username="host", is_host_admin=True)
    client = _client(admin)
    page = client.get(url, {"with": "mayor-town"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Monitoring Officer" in text
    assert "Town Clerk" in text
    csv = client.get(url, {"with": "mayor-town", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().splitlines()
    assert lines[0] == "section,item,rule_id,district-annex,mayor-town,differs"
    assert any("PROTOCOL_INTERPRETATION_QUERIES_ROUTE" in line and ",1.9,15.1," in line for line in lines)
    by_item = {r.item: r for r in rows(all_councils["district-annex"].profile, all_councils["mayor-town"].profile)}
    assert by_item["Protocol interpretation"].ours == "Monitoring Officer"
