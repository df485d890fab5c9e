"""Councils with the people a complaint needs: head officer, officer, chair, vice-chair, councillors, Monitoring
Officer and a personnel committee, built through the services from the shipped profiles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from councildesk.councils.models import Council
from councildesk.people import services as people
from councildesk.people.models import Committee, Person
from tests import factories

START = dt.date(2023, 5, 8)


@dataclass
class Town:
    council: Council
    head: Person
    officer: Person
    chair: Person
    vice: Person
    cllrs: list[Person]
    mo: Person | None
    personnel: list[Person] = field(default_factory=list)
    leader: Person | None = None


def build(slug: str, *, with_mo: bool = True, personnel: int | None = None) -> Town:
    council = factories.council(slug)
    profile = council.profile
    head = factories.person_with_role(council, profile.roles.head_of_paid_service)
    officer = factories.person_with_role(council, "officer", line_manager=head)
    chair = factories.person_with_role(council, "councillor")
    people.role_grant(actor=None, council=council, person=chair, kind="chair", start=START)
    vice = factories.person_with_role(council, "councillor")
    people.role_grant(actor=None, council=council, person=vice, kind="vice_chair", start=START)
    cllrs = [factories.person_with_role(council, "councillor") for _ in range(4)]
    mo = factories.person_with_role(council, "monitoring_officer") if with_mo else None
    town = Town(council, head, officer, chair, vice, cllrs, mo)
    size = personnel if personnel is not None else (profile.complaints.personnel_panel_size or 3)
    if size:
        committee = people.committee_create(
            actor=None, council=council, name="Personnel Committee", kind=Committee.Kind.PERSONNEL
        )
        seated = [vice, *cllrs[1:size]]
        for i, person in enumerate(seated):
            people.committee_seat_add(
                actor=None, committee=committee, person=person, seat="chair" if i == 0 else "member", start=START
            )
        town.personnel = seated
    if profile.features.political_groups:
        group = people.group_create(actor=None, council=council, name="Group A")
        leader = cllrs[3]
        people.group_member_add(actor=None, group=group, person=leader, start=START, is_leader=True)
        people.group_member_add(actor=None, group=group, person=cllrs[0], start=START)
        town.leader = leader
    return town


@pytest.fixture
def town(db):
    return build
