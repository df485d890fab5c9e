from __future__ import annotations

import datetime as dt

import pytest

from councildesk.people import services as people
from tests import factories

START = dt.date(2023, 5, 8)


class World:
    """A council with two groups (A and B, each with a leader and a member), its head officer and an officer."""

    def __init__(self, slug: str) -> None:
        self.council = factories.council(slug)
        head_kind = self.council.profile.roles.head_of_paid_service
        self.head = factories.person_with_role(self.council, head_kind)
        self.officer = factories.person_with_role(self.council, "officer")
        self.groups = {}
        self.leaders = {}
        self.members = {}
        for name in ("A", "B", "C"):
            group = people.group_create(actor=None, council=self.council, name=f"Group {name}")
            leader = factories.person_with_role(self.council, "councillor")
            member = factories.person_with_role(self.council, "councillor")
            people.group_member_add(actor=None, group=group, person=leader, start=START, is_leader=True)
            people.group_member_add(actor=None, group=group, person=member, start=START)
            self.groups[name], self.leaders[name], self.members[name] = group, leader, member
        self.loner = factories.person_with_role(self.council, "councillor")


@pytest.fixture
def world(db):
    return World


@pytest.fixture
def cottingham(db):
    return World("cottingham")


@pytest.fixture
def district_world(db):
    return World("district-annex")


@pytest.fixture
def mayor_world(db):
    return World("mayor-town")


@pytest.fixture
def wnt(db):
    return World("west-northants-town")
