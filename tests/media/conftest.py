from __future__ import annotations

import datetime as dt

import pytest

from councildesk.people import services as people
from tests import factories

START = dt.date(2023, 5, 8)


class World:
    """A council with its head officer, an officer, the chair, a committee with its chair, and a ward with two
    members; Jane Ashdown is a councillor in that ward."""

    def __init__(self, slug: str) -> None:
        self.council = factories.council(slug)
        self.profile = self.council.profile
        self.head = factories.person_with_role(self.council, self.profile.roles.head_of_paid_service)
        self.officer = factories.person_with_role(self.council, "officer")
        self.chair = factories.person_with_role(self.council, "chair")
        self.cllr = factories.person_with_role(self.council, "councillor")
        self.cllr.first_name, self.cllr.last_name = "Jane", "Ashdown"
        self.cllr.save()
        self.other_cllr = factories.person_with_role(self.council, "councillor")
        self.committee_chair = factories.person_with_role(self.council, "councillor")
        self.committee = people.committee_create(actor=None, council=self.council, name="Planning")
        people.committee_seat_add(
            actor=None, committee=self.committee, person=self.committee_chair, seat="chair", start=START
        )
        self.ward = people.ward_create(actor=None, council=self.council, name="North")
        for person in (self.cllr, self.other_cllr):
            people.ward_member_add(actor=None, ward=self.ward, person=person, start=START)


@pytest.fixture
def world(db):
    return World
