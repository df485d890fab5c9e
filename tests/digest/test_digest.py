"""The weekly councillor digest: papers for the committees each councillor sits on, and delegated decisions, once
a week, only where the council's protocol asks officers to keep councillors informed."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.core import clock
from councildesk.digest import rules, sweep
from councildesk.digest.models import DigestRun
from councildesk.documents import services as documents
from councildesk.notifications.models import Notification
from councildesk.people import services as people
from tests import factories
from tests.documents import samples

UPLOADED = dt.datetime(2026, 11, 25, 11, 0, tzinfo=dt.UTC)  # a Wednesday
MONDAY = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
    }


def _parish(slug: str, monkeypatch):
    council = factories.council(slug)
    clerk = factories.person_with_role(council, council.profile.roles.head_of_paid_service)
    seated = factories.person_with_role(council, "councillor")
    unseated = factories.person_with_role(council, "councillor")
    planning = people.committee_create(actor=None, council=council, name="Planning Committee")
    finance = people.committee_create(actor=None, council=council, name="Finance Committee")
    people.committee_seat_add(actor=None, committee=planning, person=seated, seat="member", start=dt.date(2023, 5, 8))
    monkeypatch.setattr(clock, "now", lambda: UPLOADED)
    monkeypatch.setattr(clock, "today", lambda: UPLOADED.date())
    for title, committee in (("Planning applications list", planning), ("Budget monitoring", finance)):
        documents.document_upload(
            actor=clerk,
            council=council,
            data=samples.docx(title),
            filename="paper.docx",
            title=title,
            classification="public",
            committee=committee,
        )
    return council, seated, unseated


def _digests(person) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person, kind="councillor_digest"))


def test_the_digest_covers_the_whole_week_before():
    week = rules.week_before(dt.date(2026, 12, 3))  # a Thursday
    assert (week.first, week.last, week.key) == (dt.date(2026, 11, 23), dt.date(2026, 11, 29), "2026-W48")


@pytest.mark.rule("ACCESS_PROACTIVE_INFO_BY_POSITION")
def test_each_councillor_hears_of_new_papers_for_the_committees_they_sit_on_once(db, storage, monkeypatch):
    council, seated, unseated = _parish("sandon-burston", monkeypatch)
    assert sweep.run(MONDAY) == 1
    (digest,) = _digests(seated)
    assert "Planning Committee: Planning applications list" in digest.body
    assert "Budget monitoring" not in digest.body  # not one of their committees
    assert "Expectations ¶1 •6" in digest.body  # the council's own clause
    assert _digests(unseated) == []  # nothing new for their positions: no digest at all
    assert sweep.run(MONDAY + dt.timedelta(hours=3)) == 0  # the sweep runs every minute; one digest a week
    assert len(_digests(seated)) == 1
    assert DigestRun.objects.get(council=council).week == "2026-W48"


@pytest.mark.rule("ACCESS_PROACTIVE_INFO_BY_POSITION")
def test_no_digest_where_the_protocol_does_not_ask_for_one(db, storage, monkeypatch):
    council, seated, _ = _parish("mayor-town", monkeypatch)
    assert not council.profile.adopts("ACCESS_PROACTIVE_INFO_BY_POSITION")
    assert sweep.run(MONDAY) == 0
    assert _digests(seated) == []
