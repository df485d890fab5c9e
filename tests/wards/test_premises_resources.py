"""Premises visits (004 13) and council resources (004 14, 2.9(b); 002 5.5(v))."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.notifications.models import Notification
from councildesk.people.access import membership_for
from councildesk.wards import rules, selectors, services


def _visit(w, actor, **kw):
    kw.setdefault("visit_on", clock.today() + dt.timedelta(days=3))
    kw.setdefault("conduct_acknowledged", True)
    return services.visit_arrange(
        actor=actor,
        council=w.council,
        site=kw.pop("site", "Southgate depot"),
        purpose="To see the new gritting store.",
        officer_in_charge_id=w.officer.pk,
        **kw,
    )


@pytest.mark.rule("PREMISES_VISIT_ADVANCE_ARRANGEMENT")
@pytest.mark.rule("PREMISES_OUT_OF_WARD_VISIT_NOTIFY")
@pytest.mark.rule("PREMISES_ACCESS_RIGHTS_BY_ROLE")
def test_a_visit_is_arranged_with_the_officer_in_charge_and_another_wards_members_are_told_first(world):
    w = world("mayor-town")
    visit = _visit(w, w.n1, site_ward_id=w.south.pk)
    assert Notification.objects.filter(kind="premises_visit", recipient=w.officer).exists()
    assert visit.outside_own_ward
    assert len(visit.ward_members_told) == 1
    assert Notification.objects.filter(kind="premises_visit_in_your_ward", recipient=w.s1).exists()
    own = _visit(w, w.n1, site_ward_id=w.north.pk)
    assert own.ward_members_told == []
    assert not own.outside_own_ward
    with pytest.raises(ValidationFailed) as caught:  # on the day, the reason it was not arranged in advance
        _visit(w, w.n1, visit_on=clock.today())
    assert "short_notice_reason" in caught.value.problems
    with pytest.raises(NotFound):  # officers enter to do their work (13.1): they book nothing here
        _visit(w, w.officer)
    assert selectors.visit_get_for(membership_for(w.s1, w.council.slug), visit.pk) == visit
    with pytest.raises(NotFound):
        selectors.visit_get_for(membership_for(w.loner, w.council.slug), visit.pk)


@pytest.mark.rule("PREMISES_VISIT_CONDUCT")
@pytest.mark.rule("PREMISES_VULNERABLE_SITE_CARE")
def test_the_site_rules_are_acknowledged_and_schools_carry_the_care_warning(world):
    w = world("mayor-town")
    with pytest.raises(ProtocolViolation) as caught:
        _visit(w, w.n1, conduct_acknowledged=False)
    assert [c.clause for c in caught.value.citations] == ["13.3(b); 13.3(c)"]
    visit = _visit(w, w.n1, site="Northfield Primary School", site_kind="school")
    assert [c.clause for c in rules.care_warning(w.council.profile, visit.site_kind)] == ["13.3(e)"]
    assert "special care" in Notification.objects.get(kind="premises_visit").body
    assert rules.care_warning(w.council.profile, "workplace") == []


@pytest.mark.rule("PREMISES_NO_DEMANDS_IN_OFFICE_AREAS")
def test_the_district_shows_its_work_area_guidance_with_the_enquiry_route(world, client):
    w = world("district-annex")
    client.force_login(w.n1)
    page = client.get("/c/district-annex/wards/").content.decode()
    assert "officers' work areas" in page
    assert "3.2" in page
    m = world("mayor-town")
    client.force_login(m.n1)
    assert "officers' work areas" not in client.get("/c/mayor-town/wards/").content.decode()


@pytest.mark.rule("RESOURCES_COUNCIL_DUTIES_ONLY")
def test_resources_for_private_party_or_campaign_purposes_are_refused_with_each_councils_clause(world):
    for slug, clause in (("mayor-town", "14.1; 14.2"), ("district-annex", "5.5(v)")):
        w = world(slug)
        for purpose in ("private", "party", "campaign"):
            with pytest.raises(ProtocolViolation) as caught:
                services.resource_request(
                    actor=w.n1, council=w.council, kind="printing", details="Leaflets", purpose=purpose
                )
            assert [c.clause for c in caught.value.citations] == [clause]
        row = services.resource_request(
            actor=w.n1, council=w.council, kind="printing", details="Ward newsletter", purpose="council"
        )
        assert row.routed_to == w.head


@pytest.mark.rule("RESOURCES_CONSUMABLES_DIRECT_REQUEST")
def test_consumables_are_asked_for_directly_in_mayor_town_only(world):
    w = world("mayor-town")
    row = services.resource_request(actor=w.n1, council=w.council, kind="consumables", details="A4 paper")
    assert row.direct
    assert "no formal decision" in Notification.objects.get(kind="resource_request").body
    d = world("district-annex")
    assert not services.resource_request(actor=d.n1, council=d.council, kind="consumables", details="Pens").direct


@pytest.mark.rule("RESOURCES_ICT_SECURITY")
def test_computer_equipment_waits_for_the_ict_rules_acknowledgement(world):
    w = world("mayor-town")
    with pytest.raises(ProtocolViolation) as caught:
        services.resource_request(actor=w.n1, council=w.council, kind="equipment", details="A laptop")
    assert [c.clause for c in caught.value.citations] == ["14.2(c)"]
    first = services.ict_acknowledge(actor=w.n1, council=w.council)
    assert services.ict_acknowledge(actor=w.n1, council=w.council) == first  # once is enough
    services.resource_request(actor=w.n1, council=w.council, kind="equipment", details="A laptop")


@pytest.mark.rule("RESOURCES_MEMBER_RESOURCE_LEDGER")
def test_the_ledger_records_home_equipment_and_paid_private_use_against_the_member(world):
    w = world("mayor-town")
    services.ledger_record(
        actor=w.officer,
        council=w.council,
        member_id=w.n1.pk,
        kind="home_facility",
        description="Printer at home",
        provided_on=clock.today(),
    )
    services.ledger_record(
        actor=w.head,
        council=w.council,
        member_id=w.n1.pk,
        kind="private_use",
        description="Private photocopying, 40 pages",
        provided_on=clock.today(),
        charge_pence=400,
    )
    assert len(selectors.ledger_for(membership_for(w.n1, w.council.slug))) == 2
    assert selectors.ledger_for(membership_for(w.n2, w.council.slug)) == []
    with pytest.raises(NotFound):
        services.ledger_record(
            actor=w.n2, council=w.council, member_id=w.n2.pk, kind="other", description="x", provided_on=clock.today()
        )
    assert rules.pounds(400) == "£4.00"
    d = world("district-annex")
    with pytest.raises(NotFound):  # the district's protocol keeps no such ledger
        services.ledger_record(
            actor=d.officer, council=d.council, member_id=d.n1.pk, kind="other", description="x", provided_on=None
        )
