"""Roles with dates, the council gate, and the structure rules profiles switch on."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, NotPermitted, ProtocolViolation, ValidationFailed
from councildesk.people import services
from councildesk.people.access import GROUP_LEADER, PERSONNEL_COMMITTEE, RoleNotCurrent, membership_for
from councildesk.people.models import Committee, Person, Role
from tests.factories import PersonFactory, person_with_role
from tests.factories import council as factories_council

TODAY = dt.date(2026, 11, 23)


@pytest.mark.rule("ROLES_COUNCILLOR_TERM_BOUNDED")
def test_a_role_grants_access_only_within_its_dates(sandon):
    person = person_with_role(sandon, "councillor", start=dt.date(2022, 5, 1), end=dt.date(2026, 5, 3))
    assert membership_for(person, sandon.slug, day=dt.date(2026, 5, 3)).is_member
    with pytest.raises(RoleNotCurrent) as exc:
        membership_for(person, sandon.slug, day=dt.date(2026, 5, 4))
    assert "ended on 3 May 2026" in exc.value.reason
    assert exc.value.citations[0].rule_id == "ROLES_COUNCILLOR_TERM_BOUNDED"
    assert exc.value.citations[0].clause.startswith("ROLES OF COUNCILLORS AND OFFICER/CLERKS ¶1 •2")
    with pytest.raises(RoleNotCurrent, match="starts on"):
        membership_for(person, sandon.slug, day=dt.date(2022, 4, 30))


def test_another_council_is_not_found_whatever_the_actor_holds_elsewhere(sandon, district):
    person = person_with_role(sandon, "clerk")
    with pytest.raises(NotFound):
        membership_for(person, district.slug, day=TODAY)
    with pytest.raises(NotFound):
        membership_for(person, "no-such-council", day=TODAY)


def test_the_head_officer_is_whoever_the_profile_names(sandon, district):
    clerk = person_with_role(sandon, "clerk")
    chief = person_with_role(district, "chief_executive")
    assert membership_for(clerk, sandon.slug, day=TODAY).is_head_officer
    assert membership_for(chief, district.slug, day=TODAY).is_head_officer
    officer = person_with_role(district, "officer", line_manager=chief)
    assert not membership_for(officer, district.slug, day=TODAY).is_head_officer


@pytest.mark.rule("ROLES_HEAD_OF_PAID_SERVICE")
def test_only_the_head_officer_keeps_the_structure(sandon):
    councillor = person_with_role(sandon, "councillor")
    with pytest.raises(ProtocolViolation) as exc:
        services.ward_create(actor=councillor, council=sandon, name="North")
    assert exc.value.citations[0].rule_id == "ROLES_HEAD_OF_PAID_SERVICE"
    assert exc.value.citations[0].clause == sandon.profile.clause("ROLES_HEAD_OF_PAID_SERVICE")
    clerk = person_with_role(sandon, "clerk")
    ward = services.ward_create(actor=clerk, council=sandon, name="North")
    event = AuditEvent.objects.filter(council=sandon).latest("seq")
    assert (event.action, event.subject_id, event.actor_id) == ("ward.created", str(ward.pk), clerk.pk)


def test_a_mayor_needs_a_council_that_adopted_one(sandon, db):
    with pytest.raises(ValidationFailed, match="Mayor"):
        person_with_role(sandon, "mayor")
    mayor_town = factories_council("mayor-town")
    assert membership_for(person_with_role(mayor_town, "mayor"), "mayor-town", day=TODAY).kinds == {"mayor"}


@pytest.mark.rule("GROUPS_REGISTER_OF_POLITICAL_GROUPS")
def test_groups_are_refused_where_the_council_has_none(sandon):
    # Sandon's protocol has no political groups section, so nothing is cited: the refusal says it plainly.
    with pytest.raises(NotPermitted, match="no provision for political groups"):
        services.group_create(actor=None, council=sandon, name="A Party")


@pytest.mark.rule("COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED")
def test_the_personnel_panel_size_is_enforced_where_the_profile_fixes_it(db):
    cottingham = factories_council("cottingham")
    panel = services.committee_create(
        actor=None, council=cottingham, name="Grievance Committee", kind=Committee.Kind.PERSONNEL
    )
    members = [person_with_role(cottingham, "councillor") for _ in range(4)]
    for person in members[:3]:
        services.committee_seat_add(actor=None, committee=panel, person=person, seat="member", start=TODAY)
    with pytest.raises(ProtocolViolation) as exc:
        services.committee_seat_add(actor=None, committee=panel, person=members[3], seat="member", start=TODAY)
    assert "3 members" in exc.value.reason
    assert exc.value.citations[0].clause == "7.2; 7.3"
    assert PERSONNEL_COMMITTEE in membership_for(members[0], "cottingham", day=TODAY).kinds


def test_group_leadership_is_a_derived_role(district):
    leader = person_with_role(district, "councillor")
    group = services.group_create(actor=None, council=district, name="Riverside")
    services.group_member_add(actor=None, group=group, person=leader, start=dt.date(2023, 5, 8), is_leader=True)
    assert GROUP_LEADER in membership_for(leader, district.slug, day=TODAY).kinds


def test_a_role_cannot_end_before_it_starts(sandon):
    person = PersonFactory()
    with pytest.raises(ValidationFailed, match="end before it starts"):
        services.role_grant(
            actor=None,
            council=sandon,
            person=person,
            kind="councillor",
            start=dt.date(2024, 1, 2),
            end=dt.date(2024, 1, 1),
        )


def test_a_head_officer_cannot_make_a_host_administrator(sandon):
    clerk = person_with_role(sandon, "clerk")
    with pytest.raises(NotPermitted, match="host administrator"):
        services.person_create(
            actor=clerk, council=sandon, username="evil", first_name="E", last_name="Vil", is_host_admin=True
        )
    assert not Person.objects.filter(username="evil").exists()


def test_a_clerk_role_is_refused_where_the_head_officer_is_a_chief_executive(district):
    with pytest.raises(ValidationFailed, match="no Clerk"):
        person_with_role(district, "clerk")


def test_an_ended_role_cannot_be_reopened_by_ending_it_again(sandon):
    person = person_with_role(sandon, "councillor", start=dt.date(2019, 5, 6), end=dt.date(2023, 5, 7))
    role = Role.objects.get(person=person)
    with pytest.raises(ValidationFailed, match="already ended"):
        services.role_end(actor=None, role=role)
    role.refresh_from_db()
    assert role.end == dt.date(2023, 5, 7)


def test_a_backdated_seat_cannot_overfill_the_panel(db):
    cottingham = factories_council("cottingham")
    panel = services.committee_create(
        actor=None, council=cottingham, name="Grievance Committee", kind=Committee.Kind.PERSONNEL
    )
    for _ in range(3):
        services.committee_seat_add(
            actor=None,
            committee=panel,
            person=person_with_role(cottingham, "councillor"),
            seat="member",
            start=dt.date(2025, 6, 1),
        )
    with pytest.raises(ProtocolViolation, match="3 members"):
        services.committee_seat_add(
            actor=None,
            committee=panel,
            person=person_with_role(cottingham, "councillor"),
            seat="member",
            start=dt.date(2025, 1, 1),
        )


@pytest.mark.rule("ROLES_COUNCILLOR_TERM_BOUNDED")
def test_where_the_protocol_is_silent_on_terms_the_refusal_says_so(district):
    # 002 5.1 says councillors answer to the electorate but nothing about terms of office: the product still ends
    # access with the term, as its own baseline, and says the protocol is silent instead of citing 5.1.
    person = person_with_role(district, "councillor", start=dt.date(2022, 5, 1), end=dt.date(2026, 5, 3))
    with pytest.raises(RoleNotCurrent) as exc:
        membership_for(person, district.slug, day=dt.date(2026, 5, 4))
    (citation,) = exc.value.citations
    assert citation.rule_id == "ROLES_COUNCILLOR_TERM_BOUNDED"
    assert citation.clause is None
    assert "protocol is silent" in citation.where
    assert "5.1" not in str(exc.value)


@pytest.mark.rule("PROTOCOL_APPLIES_TO_COOPTED_MEMBERS")
def test_a_co_opted_member_is_covered_like_a_member_where_the_protocol_says_so(district, sandon):
    co_opted = person_with_role(district, "co_opted_member", start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    m = membership_for(co_opted, district.slug, day=TODAY)
    assert m.is_member
    assert "Co-opted Member" in m.titles()
    with pytest.raises(RoleNotCurrent):  # their own role dates bound them, as a term bounds a councillor
        membership_for(co_opted, district.slug, day=dt.date(2027, 1, 1))
    with pytest.raises(ValidationFailed, match="Co-opted member"):
        person_with_role(sandon, "co_opted_member")


def test_role_holders_lists_each_current_holder_once_by_name(district):
    from councildesk.people.selectors import role_holders

    ce = person_with_role(district, "chief_executive")
    hos = person_with_role(district, "head_of_service")
    services.role_grant(actor=None, council=district, person=hos, kind="cmt_member", start=dt.date(2023, 5, 8))
    person_with_role(district, "head_of_service", start=dt.date(2020, 1, 1), end=dt.date(2021, 1, 1))
    found = role_holders(district, {"head_of_service", "cmt_member", "chief_executive"}, TODAY)
    assert sorted(p.pk for p in found) == sorted([ce.pk, hos.pk])
    assert role_holders(district, {"monitoring_officer"}, TODAY) == []


def test_a_lookup_by_username_treats_another_councils_person_exactly_like_nobody(sandon, district):
    from councildesk.people.selectors import person_at

    here = person_with_role(sandon, "councillor")
    elsewhere = person_with_role(district, "councillor")
    assert person_at(sandon, here.username) == here
    with pytest.raises(NotFound) as other:
        person_at(sandon, elsewhere.username)
    with pytest.raises(NotFound) as nobody:
        person_at(sandon, "no-such-user")
    assert other.value.as_dict() == nobody.value.as_dict()
