"""Issue 13 in Chromium: a refused enquiry keeps its text and goes to the Clerk instead, each action is confirmed
by a banner, and the councillor follows up and reopens the answered enquiry. axe-core finds no WCAG 2.2 AA
violation on any page on the way."""

from __future__ import annotations

import re

import pytest

from .test_smoke import axe_violations, sign_in

pytestmark = pytest.mark.browser

COUNCIL = "/c/sandon-burston"
SUBJECT = "Verges on Mill Lane"
DETAILS = "Please cut the verges before the village fete on Saturday."


def _check(page) -> None:  # type: ignore[no-untyped-def]
    assert axe_violations(page) == [], page.url


def _banner(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator(".govuk-notification-banner--success").inner_text()


def test_a_refusal_keeps_the_text_then_follow_up_and_reopen(page, demo_server):
    sign_in(page, demo_server, "sandon.cllr2")
    page.goto(f"{demo_server}{COUNCIL}/enquiries/new/")
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_label("Details").fill(DETAILS)
    page.get_by_label("Send to a named officer").select_option(label="Tom Pickering")
    page.get_by_role("button", name="Send enquiry").click()
    # Refused: still in the council's layout, with the text kept and the route that works offered.
    assert page.get_by_role("navigation", name="Menu").is_visible()
    assert page.get_by_label("Details").input_value() == DETAILS
    assert "Your enquiry was not sent" in page.locator(".govuk-error-summary").inner_text()
    _check(page)
    page.get_by_role("button", name=re.compile(r"^Send it to the ")).click()
    page.wait_for_url(re.compile(r".*/enquiries/\d+/$"))
    enquiry_url = page.url
    assert "sent: your enquiry went to the" in _banner(page)
    assert DETAILS in page.locator("main").inner_text()
    _check(page)

    page.context.clear_cookies()
    sign_in(page, demo_server, "sandon.clerk")
    page.goto(enquiry_url)
    page.get_by_label("Answer").fill("The contractor cuts them on Thursday.")
    page.get_by_role("button", name="Send answer").click()
    page.wait_for_url(enquiry_url)
    assert "Answer sent" in _banner(page)
    _check(page)

    page.context.clear_cookies()
    sign_in(page, demo_server, "sandon.cllr2")
    page.goto(enquiry_url)
    assert "within target" in page.locator("main").inner_text()
    page.get_by_label("Your follow-up question").fill("Will they also clear the footpath?")
    page.get_by_role("button", name="Send follow-up").click()
    assert "Your follow-up" in _banner(page)
    _check(page)
    page.get_by_text("Not satisfied? Reopen it").click()
    page.get_by_label("Why the answer does not settle it").fill("The fete is on Saturday; Thursday may be too late.")
    page.get_by_role("button", name="Reopen the enquiry").click()
    assert "is open again" in _banner(page)
    timeline = page.locator(".cd-timeline").inner_text()
    assert "Follow-up from the councillor" in timeline
    assert "Reopened by the councillor" in timeline
    _check(page)
