"""A council with a committee, its members, a non-member, its officers, and papers of every classification."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from councildesk.councils.models import Council
from councildesk.documents import services
from councildesk.documents.models import Document, MeetingItem
from councildesk.people import services as people
from councildesk.people.models import Committee, Person
from tests import factories

from . import samples

START = dt.date(2023, 5, 8)
TODAY = dt.date(2026, 3, 2)  # a Monday


@pytest.fixture(autouse=True)
def document_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
    }
    return tmp_path / "documents"


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    from councildesk.core import clock

    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC))


@dataclass
class World:
    council: Council
    head: Person
    decider: Person
    mo: Person
    officer: Person
    member: Person  # sits on the committee
    outsider: Person  # a councillor who does not
    other: Person  # another councillor, for onward disclosure
    committee: Committee
    item: MeetingItem
    docs: dict[str, Document] = field(default_factory=dict)

    def upload(
        self, classification: str, *, personal_data: bool = False, title: str = "", item: bool = True
    ) -> Document:
        exemption = (
            services.Exemption(3, "Commercial terms of a land sale", "Committee members", TODAY + dt.timedelta(days=30))
            if classification == "exempt"
            else None
        )
        return services.document_upload(
            actor=self.head,
            council=self.council,
            data=samples.tiny_pdf(title or classification),
            filename=f"{classification}.pdf",
            title=title or f"A {classification} paper",
            classification=classification,
            committee=self.committee,
            meeting_item=self.item if item else None,
            personal_data=personal_data,
            exemption=exemption,
        )


def build_world(slug: str) -> World:
    council = factories.council(slug)
    profile = council.profile
    head = factories.person_with_role(council, profile.roles.head_of_paid_service)
    decider_kind = profile.deciders.need_to_know
    decider = (
        head
        if decider_kind == profile.roles.head_of_paid_service
        else factories.person_with_role(council, decider_kind)
    )
    mo = factories.person_with_role(council, "monitoring_officer")
    officer = decider if decider_kind == "officer" else factories.person_with_role(council, "officer")
    member = factories.person_with_role(council, "councillor")
    outsider = factories.person_with_role(council, "councillor")
    other = factories.person_with_role(council, "councillor")
    committee = people.committee_create(actor=None, council=council, name="Policy Committee")
    people.committee_seat_add(actor=None, committee=committee, person=member, seat="member", start=START)
    item = services.meeting_item_create(
        actor=head, council=council, committee=committee, meeting_date=TODAY, item_number="7", title="Land at Mill Lane"
    )
    return World(council, head, decider, mo, officer, member, outsider, other, committee, item)


@pytest.fixture
def mayor_town(db):
    return build_world("mayor-town")


@pytest.fixture
def district(db):
    return build_world("district-annex")


@pytest.fixture
def sandon(db):
    return build_world("sandon-burston")
