"""Direct tests of the pure enquiry modules: the transition table (with property tests), rules.py and clock.py."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councildesk.calendars.working_days import Calendar
from councildesk.core.errors import Conflict
from councildesk.councils.profiles.loader import load_profile
from councildesk.enquiries import clock, rules, states
from councildesk.enquiries.states import Action, Status, TransitionRefused

PROFILES = {}


def profile(slug: str):
    from django.conf import settings

    if slug not in PROFILES:
        PROFILES[slug] = load_profile(settings.COUNCILDESK_PROFILES_DIR / f"{slug}.toml")
    return PROFILES[slug]


# The transition table.


@given(st.sampled_from(list(Status)), st.lists(st.sampled_from(list(Action)), max_size=12))
def test_any_sequence_of_actions_either_follows_the_table_or_is_refused_by_name(start, actions):
    status = start
    for action in actions:
        if (status, action) in states.TRANSITIONS:
            status = states.after(status, action)
        else:
            with pytest.raises(TransitionRefused) as exc:
                states.after(status, action)
            assert action in str(exc.value)
            assert isinstance(exc.value, Conflict)
    assert status in Status


AFTER_ANSWER = {Action.FOLLOW_UP, Action.REOPEN}


@given(st.sampled_from(sorted(states.CLOSED)), st.sampled_from(list(Action)))
def test_a_closed_enquiry_takes_only_a_follow_up_or_a_reopening(status, action):
    if action in AFTER_ANSWER:
        after = states.after(status, action)
        assert after == (status if action == Action.FOLLOW_UP else Status.NEW)
    else:
        with pytest.raises(TransitionRefused):
            states.after(status, action)


@given(st.sampled_from(sorted(states.OPEN)), st.sampled_from(sorted(set(Action) - AFTER_ANSWER)))
def test_every_action_is_allowed_on_an_open_enquiry_and_only_answer_and_decline_close_it(status, action):
    after = states.after(status, action)
    assert (after in states.CLOSED) == (action in {Action.ANSWER, Action.DECLINE})


@given(st.sampled_from(sorted(states.OPEN)), st.sampled_from(sorted(AFTER_ANSWER)))
def test_an_open_enquiry_cannot_be_followed_up_or_reopened(status, action):
    with pytest.raises(TransitionRefused):
        states.after(status, action)


def test_an_unknown_action_or_status_is_refused():
    with pytest.raises(TransitionRefused):
        states.after("new", "reopen")
    with pytest.raises(TransitionRefused):
        states.after("archived", "answer")


# rules.py, against each shipped profile.


@pytest.mark.rule("ENQUIRY_DEFAULT_ROUTE_TO_CLERK", "ENQUIRY_STRATEGIC_OR_POLICY_TO_CMT")
@pytest.mark.parametrize(
    ("slug", "category", "route"),
    [
        ("sandon-burston", "information", "head_officer"),
        ("sandon-burston", "strategic", "head_officer"),  # not offered: falls back to the head officer
        ("district-annex", "strategic", "cmt"),
        ("district-annex", "service_request", "contact_centre"),
        ("district-annex", "service_concern", "head_of_service"),
        ("mayor-town", "factual", "head_officer"),
    ],
)
def test_route_for(slug, category, route):
    assert rules.route_for(profile(slug), category).route == route


def test_categories_offered_follow_the_profile():
    assert rules.categories_offered(profile("sandon-burston")) == ["information"]
    assert rules.categories_offered(profile("mayor-town")) == ["information", "factual"]
    assert set(rules.categories_offered(profile("district-annex"))) == {
        "information",
        "service_request",
        "service_concern",
        "strategic",
    }


@pytest.mark.rule("ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF")
def test_may_address_directly():
    sandon, district, mayor = profile("sandon-burston"), profile("district-annex"), profile("mayor-town")
    officer = frozenset({"officer"})
    assert rules.may_address_directly(
        sandon, category="information", officer_kinds=frozenset({"clerk"}), approved=False
    )[0]
    assert not rules.may_address_directly(sandon, category="information", officer_kinds=officer, approved=False)[0]
    assert rules.may_address_directly(sandon, category="information", officer_kinds=officer, approved=True)[0]
    assert rules.may_address_directly(mayor, category="factual", officer_kinds=officer, approved=False)[0]
    assert rules.may_address_directly(
        district, category="information", officer_kinds=officer, approved=False, nominated=True
    )[0]
    assert not rules.may_address_directly(
        sandon, category="information", officer_kinds=officer, approved=False, nominated=True
    )[0]


@pytest.mark.rule("ENQUIRY_OFFICER_MAY_DECLINE", "ENQUIRY_RESPECT_WORKING_HOURS")
def test_decline_reasons_follow_adoption():
    codes = {r.code for r in rules.decline_reasons(profile("sandon-burston"))}
    assert "outside_duties_or_hours" not in codes
    assert "outside_approved_matter" not in codes
    assert "outside_approved_matter" in {r.code for r in rules.decline_reasons(profile("sandon-burston"), direct=True)}
    assert "outside_duties_or_hours" in {r.code for r in rules.decline_reasons(profile("district-annex"))}
    assert rules.decline_reason(profile("sandon-burston"), "nonsense") is None


@pytest.mark.rule("ENQUIRY_RESPECT_WORKING_HOURS")
def test_is_out_of_hours():
    hours = profile("district-annex").enquiries.working_hours
    at = dt.datetime(2026, 12, 1, 9, 0)
    assert not rules.is_out_of_hours(at, hours, working_day=True)
    assert rules.is_out_of_hours(at.replace(hour=17), hours, working_day=True)
    assert rules.is_out_of_hours(at.replace(hour=8, minute=59), hours, working_day=True)
    assert rules.is_out_of_hours(at, hours, working_day=False)


@pytest.mark.rule("ENQUIRY_NEW_WORK_OUTSIDE_WORKPLAN")
def test_outside_workplan():
    plan = frozenset({"Planning policy", "Parks"})
    assert not rules.outside_workplan(plan, " parks ")
    assert rules.outside_workplan(plan, "Car parks")
    assert rules.outside_workplan(plan, "")
    assert not rules.outside_workplan(frozenset(), "anything")


def test_follow_up_and_reply_clock_by_council():
    assert [rules.follow_up_offered(profile(s)) for s in ("sandon-burston", "district-annex", "mayor-town")] == [
        False,
        True,
        False,
    ]
    assert [rules.councillor_reply_clock(profile(s)) for s in ("sandon-burston", "district-annex", "mayor-town")] == [
        False,
        True,
        True,
    ]


# clock.py.

CAL = Calendar(regions=("england",))


def test_reminder_day_skips_back_over_a_weekend():
    assert clock.reminder_day(dt.date(2026, 12, 14), "working_days", CAL) == dt.date(2026, 12, 11)
    assert clock.reminder_day(dt.date(2026, 12, 14), "calendar_days", CAL) == dt.date(2026, 12, 13)


def test_next_notice_in_order_and_each_once():
    kw = {"ack_due": dt.date(2026, 12, 2), "response_due": dt.date(2026, 12, 14), "response_unit": "working_days"}
    first = clock.next_notice(acknowledged=False, sent=0, calendar=CAL, **kw)
    assert first == (clock.Notice.ACK_OVERDUE, dt.date(2026, 12, 3))
    second = clock.next_notice(acknowledged=False, sent=int(clock.Notice.ACK_OVERDUE), calendar=CAL, **kw)
    assert second == (clock.Notice.RESPONSE_REMINDER, dt.date(2026, 12, 11))
    everything = int(clock.Notice.ACK_OVERDUE | clock.Notice.RESPONSE_REMINDER | clock.Notice.RESPONSE_OVERDUE)
    assert clock.next_notice(acknowledged=True, sent=everything, calendar=CAL, **kw) is None


@given(st.integers(min_value=0, max_value=7))
def test_notices_never_repeat(sent):
    nxt = clock.next_notice(
        ack_due=dt.date(2026, 12, 2),
        acknowledged=False,
        response_due=dt.date(2026, 12, 14),
        response_unit="working_days",
        sent=sent,
        calendar=CAL,
    )
    assert nxt is None or not sent & nxt[0]


@pytest.mark.rule("ENQUIRY_UNANSWERED_FOLLOW_UP")
@given(st.integers(min_value=1, max_value=30))
def test_the_follow_up_day_ignores_extensions(value):
    start = dt.date(2026, 11, 30)
    assert clock.follow_up_opens(start, value, "calendar_days", CAL) == start + dt.timedelta(days=value + 1)
    assert clock.follow_up_opens(start, None, "calendar_days", CAL) is None


def test_label_and_overdue():
    assert clock.label(dt.date(2026, 11, 30), None, None, "working_days") == "no target set"
    text = clock.label(dt.date(2026, 11, 30), dt.date(2026, 12, 14), 10, "working_days", extra=2)
    assert text == "due 14 December 2026 (10 working days + 2)"
    assert clock.label(dt.date(2026, 11, 30), dt.date(2026, 12, 7), 7, "calendar_days") == (
        "due 7 December 2026 (7 calendar days)"
    )
    assert clock.overdue(dt.date(2026, 12, 14), dt.date(2026, 12, 15))
    assert not clock.overdue(dt.date(2026, 12, 14), dt.date(2026, 12, 14))
    assert not clock.overdue(None, dt.date(2026, 12, 15))
