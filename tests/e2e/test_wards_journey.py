"""A member's public meeting refused in the pre-election period, in Chromium: the Town Clerk records a by-election,
then the Mayor tells the council about a public meeting on council business and is refused with 9.4(b), keeping
what was typed; axe-core finds no WCAG 2.2 AA violation on the form or the refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from .test_smoke import axe_violations, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.rule("ELECTIONS_NO_MEMBER_PUBLIC_MEETINGS_IN_RUN_UP")
def test_a_members_public_meeting_is_refused_in_the_pre_election_period(page, demo_server):
    today = dt.date.today()
    sign_in(page, demo_server, "mayortown.clerk")
    page.goto(f"{demo_server}/c/mayor-town/elections/new/")
    page.get_by_label("Poll", exact=True).fill("North Ward by-election")
    page.get_by_label("By-election").check()
    page.get_by_label("Polling day").fill(str(today + dt.timedelta(days=30)))
    page.get_by_label("Notice of election published (optional)").fill(str(today - dt.timedelta(days=1)))
    page.locator("main form button.govuk-button").click()
    assert "Pre-election period recorded" in page.locator("main").inner_text()

    page.context.clear_cookies()
    sign_in(page, demo_server, "mayortown.mayor")
    page.goto(f"{demo_server}/c/mayor-town/wards/")
    page.get_by_role("link", name="Tell the council about a meeting you are arranging").click()
    assert axe_violations(page) == []
    page.get_by_label("A public meeting on council business").check()
    page.get_by_label("What it is about").fill("Save the bandstand")
    page.get_by_label("Date", exact=True).fill(str(today + dt.timedelta(days=10)))
    page.get_by_label("Where").fill("Church hall")
    page.get_by_role("button", name="Save").click()
    refusal = page.locator("#refusal").inner_text()
    assert "pre-election period" in refusal
    assert "9.4(b)" in refusal
    assert page.get_by_label("What it is about").input_value() == "Save the bandstand"
    assert axe_violations(page) == []
