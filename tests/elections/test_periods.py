"""Pre-election periods: the notice of election from the timetable library, the head officer's own dates, and
bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.elections import rules, selectors, services
from councildesk.elections.models import PreElectionPeriod
from tests import factories


@pytest.fixture
def council(db):
    return factories.council("mayor-town")


def test_the_notice_date_is_25_working_days_before_the_poll_skipping_bank_holidays():
    # 6 May 2027: back over the early May bank holiday (3 May) and Easter Monday (29 March) -> 31 March.
    assert rules.notice_of_election_date(dt.date(2027, 5, 6), "england") == dt.date(2027, 3, 31)
    assert rules.notice_of_election_date(dt.date(2027, 5, 6), "scotland") == dt.date(2027, 3, 24)
    with pytest.raises(rules.NoticeDateUnknown):
        rules.notice_of_election_date(dt.date(2027, 5, 6), "atlantis")


@pytest.mark.rule("ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW")
def test_the_head_officer_records_a_poll_and_the_period_runs_from_notice_to_poll(council):
    head = factories.person_with_role(council, "clerk")
    period = services.period_record(actor=head, council=council, title="Town elections", poll_date=dt.date(2027, 5, 6))
    assert (period.notice_date, period.notice_source) == (dt.date(2027, 3, 31), "library")
    assert selectors.period_on(council, dt.date(2027, 3, 31)) == period
    assert selectors.period_on(council, dt.date(2027, 5, 6)) == period
    assert selectors.period_on(council, dt.date(2027, 3, 30)) is None
    own = services.period_record(
        actor=head,
        council=council,
        title="North by-election",
        kind="by_election",
        poll_date=dt.date(2027, 9, 9),
        notice_date=dt.date(2027, 8, 2),
    )
    assert own.notice_source == PreElectionPeriod.NoticeSource.CLERK


def test_a_notice_date_after_polling_day_is_refused_and_nothing_is_saved(council):
    head = factories.person_with_role(council, "clerk")
    with pytest.raises(ValidationFailed) as caught:
        services.period_record(
            actor=head,
            council=council,
            title="By-election",
            poll_date=dt.date(2027, 5, 6),
            notice_date=dt.date(2027, 5, 20),
        )
    assert "must come before polling day" in caught.value.problems["notice_date"]
    assert "20 May 2027" in caught.value.problems["notice_date"]
    assert not PreElectionPeriod.objects.exists()


def test_only_the_head_officer_records_a_poll(council):
    cllr = factories.person_with_role(council, "councillor")
    with pytest.raises(NotFound):
        services.period_record(actor=cllr, council=council, title="X", poll_date=dt.date(2027, 5, 6))
