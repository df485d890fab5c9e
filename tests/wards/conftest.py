from __future__ import annotations

import datetime as dt

import pytest

from councildesk.people import services as people
from tests import factories

START = dt.date(2023, 5, 8)


class World:
    """A council with its head officer, an officer, two wards (North: two members; South: one) and a member with
    no ward."""

    def __init__(self, slug: str) -> None:
        self.council = factories.council(slug)
        self.head = factories.person_with_role(self.council, self.council.profile.roles.head_of_paid_service)
        self.officer = factories.person_with_role(self.council, "officer")
        self.north = people.ward_create(actor=None, council=self.council, name="North Ward")
        self.south = people.ward_create(actor=None, council=self.council, name="South Ward")
        self.n1 = factories.person_with_role(self.council, "councillor")
        self.n2 = factories.person_with_role(self.council, "councillor")
        self.s1 = factories.person_with_role(self.council, "councillor")
        self.loner = factories.person_with_role(self.council, "councillor")
        for ward, person in ((self.north, self.n1), (self.north, self.n2), (self.south, self.s1)):
            people.ward_member_add(actor=None, ward=ward, person=person, start=START)


@pytest.fixture
def world(db):
    return World
