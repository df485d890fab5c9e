"""Enquiry fixtures: a council's cast (head officer, officers, councillors) and a clock the test can move."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from councildesk.core import clock
from councildesk.councils.models import Council
from councildesk.people.models import Person
from tests import factories

LONDON = ZoneInfo("Europe/London")


class Clock:
    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def set(self, at: dt.datetime) -> None:
        self.at = at

    def now(self) -> dt.datetime:
        return self.at

    def today(self) -> dt.date:
        return self.at.astimezone(LONDON).date()


@pytest.fixture
def frozen(monkeypatch):
    """Monday 30 November 2026, 10:00 in London, unless a test moves it."""
    c = Clock(dt.datetime(2026, 11, 30, 10, 0, tzinfo=LONDON))
    monkeypatch.setattr(clock, "now", c.now)
    monkeypatch.setattr(clock, "today", c.today)
    return c


@dataclass
class Cast:
    council: Council
    head: Person
    officer: Person
    councillor: Person
    other_councillor: Person
    hos: Person | None = None
    cmt: Person | None = None
    chair: Person | None = None


def _person(council: Council, kind: str, email: str = "") -> Person:
    person = factories.person_with_role(council, kind)
    person.email = email
    person.save(update_fields=["email"])
    return person


def cast_for(slug: str) -> Cast:
    council = factories.council(slug)
    head_kind = council.profile.roles.head_of_paid_service
    cast = Cast(
        council=council,
        head=_person(council, head_kind, "head@example.org"),
        officer=_person(council, "officer", "officer@example.org"),
        councillor=_person(council, "councillor", "cllr@example.org"),
        other_councillor=_person(council, "councillor"),
        chair=_person(council, "chair"),
    )
    if council.profile.has_role("head_of_service"):
        cast.hos = _person(council, "head_of_service")
    if council.profile.has_role("cmt_member"):
        cast.cmt = _person(council, "cmt_member")
    return cast


@pytest.fixture
def sandon_cast(db, frozen):
    return cast_for("sandon-burston")


@pytest.fixture
def district_cast(db, frozen):
    return cast_for("district-annex")


@pytest.fixture
def mayor_cast(db, frozen):
    return cast_for("mayor-town")
