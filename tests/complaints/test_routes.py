"""Triage from each council's profile, in its own words: the first recipient, the informal step, the formal route,
conflicts that move a complaint, and the routes that stay open whatever the protocol says."""

from __future__ import annotations

import pytest

from councildesk.audit.models import AuditEvent
from councildesk.complaints import rules, services
from councildesk.complaints.models import Complaint, ComplaintOpening, Handler, Step
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.notifications.models import Notification, OutboxEmail

from .conftest import build

pytestmark = pytest.mark.django_db


def raise_(town, actor, kind, subject, key="k1", **kw):
    return services.complaint_raise(
        actor=actor,
        council=town.council,
        kind=kind,
        subject=subject,
        summary=kw.get("summary", "Rude at the meeting"),
        details=kw.get("details", "On Tuesday they shouted at me."),
        submission_key=key,
    )[0]


def handlers(c: Complaint) -> set[int]:
    return set(Handler.objects.filter(complaint=c, active=True).values_list("person_id", flat=True))


@pytest.mark.rule("COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_CLERK")
@pytest.mark.rule("COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED")
def test_cottingham_a_councillors_concern_about_the_clerk_goes_to_the_personnel_committee_chair():
    t = build("cottingham")
    c = raise_(t, t.cllrs[0], rules.CONCERN, t.head)
    assert c.first_recipient == "personnel_committee"
    assert handlers(c) == {t.vice.pk}  # the committee's chair seat (7.3)
    assert c.route_clause == "7.3"
    assert c.stage == rules.STAGE_INFORMAL  # 7.1-7.3: informal first


@pytest.mark.rule("COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_STAFF_FIRST_CONTACT")
def test_cottingham_a_concern_about_other_staff_goes_to_the_clerk():
    t = build("cottingham")
    c = raise_(t, t.cllrs[0], rules.CONCERN, t.officer)
    assert handlers(c) == {t.head.pk}
    assert c.subject_party == "officer"


@pytest.mark.rule("COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_STAFF_FIRST_CONTACT")
def test_sandon_a_concern_goes_to_the_chair_first():
    t = build("sandon-burston")
    c = raise_(t, t.cllrs[0], rules.CONCERN, t.officer)
    assert handlers(c) == {t.chair.pk}
    assert "Procedure for councillors ¶1" in c.route_clause


@pytest.mark.rule("COMPLAINTS_INFORMAL_RESOLUTION_FIRST")
@pytest.mark.rule("COMPLAINTS_FORMAL_COMPLAINT_FORM_TO_CHIEF_EXECUTIVE")
@pytest.mark.rule("COMPLAINTS_CONFIDENTIAL_HANDLING")
def test_district_group_leader_first_then_the_form_to_the_chief_executive_hidden_from_the_leader():
    t = build("district-annex")
    c = raise_(t, t.cllrs[0], rules.CONCERN, t.officer)
    assert handlers(c) == {t.leader.pk}  # 6.1: discussed with the Group Chair or Leader first
    with pytest.raises(ProtocolViolation) as refused:
        services.complaint_formalise(actor=t.cllrs[0], council=t.council, pk=c.pk, reason="Not resolved")
    assert refused.value.citations[0].clause == "6.1"
    services.complaint_informal(
        actor=t.cllrs[0], council=t.council, pk=c.pk, resolved=False, note="Discussed with my leader"
    )
    services.complaint_formalise(actor=t.cllrs[0], council=t.council, pk=c.pk, reason="Still unresolved")
    c.refresh_from_db()
    assert c.stage == rules.STAGE_FORMAL
    assert handlers(c) == {t.head.pk}  # the Chief Executive
    with pytest.raises(NotFound):  # 6.1: "cannot be discussed with the relevant Group Chair or Leader"
        services.complaint_open(actor=t.leader, council=t.council, pk=c.pk)


@pytest.mark.rule("COMPLAINTS_OFFICER_CONCERN_ABOUT_COUNCILLOR_ROUTE")
def test_an_officers_concern_about_a_councillor_goes_to_the_head_officer_in_district_and_mayor_town():
    for slug in ("district-annex", "mayor-town"):
        t = build(slug)
        c = raise_(t, t.officer, rules.CONCERN, t.cllrs[0])
        assert handlers(c) == {t.head.pk}, slug
        assert c.route_clause == {"district-annex": "6.2", "mayor-town": "15.5"}[slug]


@pytest.mark.rule("COMPLAINTS_COUNCILLOR_ESCALATION_TO_TOWN_CLERK")
def test_mayor_town_a_concern_goes_to_the_line_manager_and_a_serious_one_to_the_town_clerk():
    t = build("mayor-town")
    line_manager = t.cllrs[0]  # not a real post-holder here; use the head officer as the officer's manager
    c = raise_(t, t.cllrs[1], rules.CONCERN, t.officer)
    assert c.first_recipient == "line_manager"
    assert handlers(c) == {t.head.pk}
    services.complaint_formalise(
        actor=t.cllrs[1], council=t.council, pk=c.pk, reason="Serious: threatening language", bypass=True
    )
    c.refresh_from_db()
    assert c.stage == rules.STAGE_FORMAL
    assert handlers(c) == {t.head.pk}
    assert "without an informal step" in c.steps.get(kind=Step.Kind.FORMAL).text
    assert line_manager.pk not in handlers(c)


@pytest.mark.rule("COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_CLERK")
def test_west_northants_a_complaint_about_the_town_clerk_never_reaches_the_town_clerk():
    t = build("west-northants-town")
    c = raise_(t, t.cllrs[0], rules.CONCERN, t.head)
    assert t.head.pk not in handlers(c)
    assert handlers(c) == {t.chair.pk}


@pytest.mark.rule("COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_CLERK")
def test_a_usual_recipient_who_is_the_subject_is_skipped_and_the_reason_recorded():
    t = build("mayor-town")
    c = raise_(t, t.cllrs[0], rules.CONCERN, t.head)  # 15.2(d) would go to the Town Clerk, its subject
    assert t.head.pk not in handlers(c)
    assert "the subject of the complaint" in c.reroute_reason
    assert c.steps.filter(kind=Step.Kind.REROUTED).exists()


@pytest.mark.rule("COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_CLERK")
def test_a_declared_connection_moves_the_complaint_too():
    t = build("cottingham")
    services.connection_declare(
        actor=None,
        council=t.council,
        officer=t.head,
        member=t.vice,
        nature="family",
        day=t.council.created_at.date()
        if hasattr(t.council, "created_at")
        else __import__("datetime").date(2024, 1, 1),
    )
    c = raise_(t, t.cllrs[0], rules.CONCERN, t.head)
    assert t.vice.pk not in handlers(c)
    assert "personally connected" in c.reroute_reason


@pytest.mark.rule("COMPLAINTS_CODE_OF_CONDUCT_TO_MONITORING_OFFICER")
@pytest.mark.rule("COMPLAINTS_INFORMAL_ATTEMPT_BEFORE_CODE_ALLEGATION")
def test_sandon_a_code_of_conduct_allegation_goes_straight_to_the_monitoring_officer():
    t = build("sandon-burston")
    c = raise_(t, t.cllrs[0], rules.CODE_OF_CONDUCT, t.cllrs[1])
    assert handlers(c) == {t.mo.pk}
    assert c.stage == rules.STAGE_FORMAL  # never held back by an informal step
    assert Notification.objects.filter(recipient=t.mo, kind="complaint").exists()
    cite = t.council.profile.cite(*c.rule_ids)
    assert any(x.clause == "Procedure for Officer/Clerks ¶3" for x in cite)


@pytest.mark.rule("COMPLAINTS_CODE_OF_CONDUCT_TO_MONITORING_OFFICER")
def test_without_a_monitoring_officer_here_the_allegation_is_emailed_and_the_send_recorded(monkeypatch):
    t = build("sandon-burston", with_mo=False)
    profile = t.council.profile
    pc = profile.principal_council.model_copy(update={"monitoring_officer_email": "mo@stafford.example"})
    patched = profile.model_copy(update={"principal_council": pc})
    monkeypatch.setattr(type(t.council), "profile", property(lambda self: patched))
    c = raise_(t, t.cllrs[0], rules.CODE_OF_CONDUCT, t.cllrs[1])
    assert OutboxEmail.objects.filter(to_address="mo@stafford.example").count() == 1
    assert c.steps.filter(kind=Step.Kind.REFERRAL).exists()
    assert AuditEvent.objects.filter(action="complaint.referred", subject_id=str(c.pk)).exists()


def test_a_code_of_conduct_allegation_must_name_a_councillor():
    t = build("sandon-burston")
    with pytest.raises(ValidationFailed) as bad:
        raise_(t, t.cllrs[0], rules.CODE_OF_CONDUCT, t.officer)
    assert "subject" in bad.value.problems


@pytest.mark.rule("COMPLAINTS_WHISTLEBLOWING_ROUTE_PRESERVED")
def test_whistleblowing_is_open_everywhere_and_skips_the_informal_step():
    for slug in ("district-annex", "cottingham"):
        t = build(slug)
        assert rules.WHISTLEBLOWING in rules.kinds_available(t.council.profile, "officer")
        c = raise_(t, t.officer, rules.WHISTLEBLOWING, None)
        assert c.stage == rules.STAGE_FORMAL
        assert handlers(c) == {t.mo.pk}
    cite = t.council.profile.cite(*c.rule_ids)
    assert cite
    assert cite[0].clause is None
    assert "Public Interest Disclosure" in cite[0].baseline


@pytest.mark.rule("COMPLAINTS_POLITICAL_NEUTRALITY_CONCERN_TO_TOWN_CLERK")
@pytest.mark.rule("COMPLAINTS_CONFIDENTIALITY_BREACH_INVESTIGATION")
def test_west_northants_neutrality_and_breach_of_confidence_go_to_the_town_clerk():
    t = build("west-northants-town")
    c = raise_(t, t.cllrs[0], rules.POLITICAL_NEUTRALITY, t.officer)
    assert handlers(c) == {t.head.pk}
    assert c.route_clause == "7.11"
    c2 = raise_(t, t.cllrs[0], rules.CONFIDENTIALITY_BREACH, t.cllrs[1], key="k2")
    assert handlers(c2) == {t.head.pk}
    assert c2.route_clause == "7.9"
    other = build("sandon-burston")  # 000 has neither clause
    assert rules.POLITICAL_NEUTRALITY not in rules.kinds_available(other.council.profile, "councillor")


@pytest.mark.rule("COMPLAINTS_EMPLOYEE_GRIEVANCE_ROUTE")
def test_an_employees_grievance_goes_to_the_personnel_body():
    t = build("cottingham")
    c = raise_(t, t.officer, rules.GRIEVANCE, t.cllrs[0])
    assert c.formal_route == "grievance_procedure"
    assert handlers(c) == {t.vice.pk}


def test_the_same_submission_twice_makes_one_complaint():
    t = build("cottingham")
    a = raise_(t, t.cllrs[0], rules.CONCERN, t.officer, key="same")
    b = raise_(t, t.cllrs[0], rules.CONCERN, t.officer, key="same")
    assert a.pk == b.pk
    assert Complaint.objects.count() == 1


def test_a_subject_from_another_council_is_refused_with_a_clear_message():
    t = build("cottingham")
    elsewhere = build("sandon-burston")
    with pytest.raises(ValidationFailed) as bad:
        raise_(t, t.cllrs[0], rules.CONCERN, elsewhere.officer)
    assert "holds a role at Cottingham" in bad.value.problems["subject"]


@pytest.mark.rule("COMPLAINTS_TIMELY_RESPONSE")
def test_each_complaint_has_targets_on_the_councils_calendar():
    t = build("district-annex")
    c = raise_(t, t.officer, rules.CONCERN, t.cllrs[0])
    assert c.acknowledge_by
    assert c.respond_by
    assert c.response_target == "7 calendar days"
    assert (c.respond_by - c.received_on).days == 7


@pytest.mark.rule("COMPLAINTS_CONFIDENTIAL_HANDLING")
def test_every_opening_is_logged_and_nobody_else_can_open_it():
    t = build("cottingham")
    c = raise_(t, t.cllrs[0], rules.CONCERN, t.officer)
    services.complaint_open(actor=t.head, council=t.council, pk=c.pk)
    services.complaint_open(actor=t.cllrs[0], council=t.council, pk=c.pk, via="api")
    assert ComplaintOpening.objects.filter(complaint=c).count() == 2
    assert AuditEvent.objects.filter(action="complaint.opened", subject_id=str(c.pk)).count() == 2
    for outsider in (t.chair, t.officer, t.cllrs[1], t.mo):
        with pytest.raises(NotFound):
            services.complaint_open(actor=outsider, council=t.council, pk=c.pk)
    assert ComplaintOpening.objects.filter(complaint=c).count() == 2


def test_notices_carry_no_content():
    t = build("cottingham")
    raise_(t, t.cllrs[0], rules.CONCERN, t.officer, summary="Secret words", details="Very secret words")
    for n in Notification.objects.filter(kind="complaint"):
        assert "Secret" not in n.subject + n.body
    for e in OutboxEmail.objects.all():
        assert "Secret" not in e.subject + e.body
