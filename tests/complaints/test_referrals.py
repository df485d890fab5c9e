"""A minor concern about a councillor referred to their group leader (004 15.6); a concern that becomes a formal
written Code of Conduct allegation leaves the informal track (000 Procedure for Officer/Clerks ¶3); reminders
once a complaint passes its target; the guidance the form shows; the grievance procedure cited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from councildesk.complaints import referrals, rules, services
from councildesk.complaints import sweep as complaint_sweep
from councildesk.complaints.models import Complaint, Step
from councildesk.core.errors import ProtocolViolation
from councildesk.notifications.models import Notification

from .conftest import build
from .test_routes import handlers, raise_

pytestmark = pytest.mark.django_db


@pytest.mark.rule("COMPLAINTS_MINOR_MEMBER_BREACH_TO_GROUP_LEADER")
def test_mayor_town_a_minor_concern_goes_informally_to_the_councillors_group_leader():
    t = build("mayor-town")
    c = raise_(t, t.officer, rules.CONCERN, t.cllrs[0])  # cllrs[0] is in the group that cllrs[3] leads
    assert handlers(c) == {t.head.pk}  # the Town Clerk decides how to deal with it (15.5)
    referrals.complaint_refer_group_leader(actor=t.head, council=t.council, pk=c.pk, reason="A minor lapse.")
    assert t.leader.pk in handlers(c)
    step = Step.objects.get(complaint=c, kind=Step.Kind.INFORMAL)
    assert "COMPLAINTS_MINOR_MEMBER_BREACH_TO_GROUP_LEADER" in step.rule_ids
    assert Notification.objects.filter(recipient=t.leader, kind="complaint").exists()
    # A councillor in no group: nobody to refer to, so it stays with the Town Clerk, citing 15.6.
    c2 = raise_(t, t.officer, rules.CONCERN, t.cllrs[1], key="k2")
    with pytest.raises(ProtocolViolation, match="no party group") as refused:
        referrals.complaint_refer_group_leader(actor=t.head, council=t.council, pk=c2.pk, reason="Minor.")
    assert [x.clause for x in refused.value.citations] == ["15.6"]


@pytest.mark.rule("COMPLAINTS_INFORMAL_ATTEMPT_BEFORE_CODE_ALLEGATION")
def test_sandon_a_formal_written_allegation_ends_the_informal_track_and_goes_to_the_monitoring_officer():
    t = build("sandon-burston")
    c = raise_(t, t.officer, rules.CONCERN, t.cllrs[0])
    assert c.stage == rules.STAGE_INFORMAL
    c = referrals.complaint_to_code_of_conduct(actor=t.officer, council=t.council, pk=c.pk, reason="In writing.")
    assert (c.kind, c.stage) == (rules.CODE_OF_CONDUCT, rules.STAGE_FORMAL)
    assert handlers(c) == {t.mo.pk}
    with pytest.raises(ProtocolViolation) as refused:
        services.complaint_informal(actor=t.mo, council=t.council, pk=c.pk, resolved=True, note="Sorted.")
    assert "Procedure for Officer/Clerks ¶3" in {x.clause for x in refused.value.citations}


@pytest.mark.rule("COMPLAINTS_TIMELY_RESPONSE")
def test_the_sweep_reminds_each_handler_once_when_a_complaint_passes_its_target():
    t = build("cottingham")
    c = raise_(t, t.cllrs[0], rules.CONCERN, t.officer)
    Complaint.objects.filter(pk=c.pk).update(respond_by=dt.date(2026, 1, 5))
    now = dt.datetime(2026, 1, 7, 9, tzinfo=dt.UTC)
    assert complaint_sweep.run(now) == 1
    assert complaint_sweep.run(now) == 0  # once only
    (notice,) = Notification.objects.filter(dedupe_key__contains=":overdue:")
    assert notice.recipient_id == t.head.pk
    assert "Rude" not in notice.subject + notice.body  # nothing of the complaint's content


@pytest.mark.rule("COMPLAINTS_OFFICER_NOT_RAISE_COLLEAGUE_MATTERS_WITH_COUNCILLORS")
@pytest.mark.rule("COMPLAINTS_USUAL_PROCEDURES_PRESERVED")
@pytest.mark.rule("COMPLAINTS_INFORMAL_ATTEMPT_BEFORE_CODE_ALLEGATION")
def test_the_form_shows_each_councils_guidance_with_its_clause():
    pages = {}
    for slug in ("sandon-burston", "district-annex"):
        t = build(slug)
        client = Client()
        client.force_login(t.officer)
        pages[slug] = client.get(reverse("complaint_new", kwargs={"slug": slug})).content.decode()
    assert "The Relationship: General ¶6" in pages["sandon-burston"]
    assert "Procedure for Officer/Clerks ¶3" in pages["sandon-burston"]
    assert "usual procedures" in pages["district-annex"]
    assert "6.3" in pages["district-annex"]
    assert "General ¶6" not in pages["district-annex"]


@pytest.mark.rule("COMPLAINTS_GRIEVANCE_AND_DISCIPLINARY_PROCEDURES_ADOPTED")
def test_cottingham_a_grievance_is_heard_under_the_councils_grievance_procedure():
    t = build("cottingham")
    c = raise_(t, t.officer, rules.GRIEVANCE, t.cllrs[0])
    cited = {x.rule_id: x.clause for x in t.council.profile.cite(*c.rule_ids)}
    assert cited["COMPLAINTS_GRIEVANCE_AND_DISCIPLINARY_PROCEDURES_ADOPTED"] == "7.1; 7.2; 7.3"
