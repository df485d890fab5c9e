"""The head officer's People page also lists people whose term has ended or whose role has not started, so
the Clerk can find them and appoint them again; others see only today's roles."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from councildesk.core import clock
from councildesk.people.models import Person, Role
from tests.factories import council as make_council
from tests.factories import person_with_role

TODAY = dt.date(2026, 12, 4)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def named(council, kind, first, last, **dates):
    person = person_with_role(council, kind, **dates)
    Person.objects.filter(pk=person.pk).update(first_name=first, last_name=last)
    person.refresh_from_db()
    return person


def client_for(person):
    c = Client()
    c.force_login(person)
    return c


def test_the_clerk_sees_ended_and_upcoming_terms_and_councillors_do_not():
    sandon = make_council("sandon-burston")
    clerk = person_with_role(sandon, "clerk")
    sitting = named(sandon, "councillor", "Sitting", "Member")
    former = named(sandon, "councillor", "Former", "Member", end=dt.date(2026, 5, 4))
    coming = named(sandon, "councillor", "Coming", "Member", start=dt.date(2027, 5, 10))
    # Someone re-appointed after an earlier term holds a role today and is not listed as former.
    back = named(sandon, "councillor", "Back", "Again", end=dt.date(2024, 1, 1))
    Role.objects.create(council=sandon, person=back, kind="councillor", start=dt.date(2025, 1, 1))
    page = client_for(clerk).get(f"/c/{sandon.slug}/people/").content.decode()
    former_part = page.split("People without a current role", 1)[1]
    assert "Former Member" in former_part
    assert "Term ended 4 May 2026" in former_part
    assert "Coming Member" in former_part
    assert "Starts 10 May 2027" in former_part
    assert "Back Again" not in former_part
    assert "Sitting Member" not in former_part
    assert f"/c/{sandon.slug}/people/p/{former.username}/" in former_part
    assert client_for(clerk).get(f"/c/{sandon.slug}/people/p/{former.username}/").status_code == 200
    seen_by_member = client_for(sitting).get(f"/c/{sandon.slug}/people/").content.decode()
    assert "Former Member" not in seen_by_member
    assert "without a current role" not in seen_by_member
    assert coming.username not in seen_by_member
