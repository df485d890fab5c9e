"""The enquiry journey in Chromium: a councillor raises an enquiry, the Clerk assigns it, the officer answers,
and the councillor sees the answer. axe-core finds no WCAG 2.2 AA violation on any page on the way."""

from __future__ import annotations

import re

import pytest

from .test_smoke import axe_violations, sign_in

pytestmark = pytest.mark.browser

COUNCIL = "/c/sandon-burston"


def _check(page, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    seen.append(page.url)
    assert axe_violations(page) == [], page.url


def _sign_out(page) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()


def test_raise_assign_answer_and_read(page, demo_server):
    seen: list[str] = []
    sign_in(page, demo_server, "sandon.cllr2")
    page.goto(f"{demo_server}{COUNCIL}/enquiries/")
    _check(page, seen)
    page.get_by_role("link", name="Raise an enquiry").click()
    _check(page, seen)
    page.get_by_role("button", name="Send enquiry").click()  # empty: every problem is reported
    assert page.locator(".govuk-error-summary").is_visible()
    _check(page, seen)
    page.get_by_label("Subject").fill("Flooding on Church Lane")
    page.get_by_label("Details").fill("The drain by number 12 overflows after rain. Who clears it?")
    page.get_by_role("button", name="Send enquiry").click()
    page.wait_for_url(re.compile(r".*/enquiries/\d+/$"))
    enquiry_url = page.url
    main = page.locator("main").inner_text()
    assert "working days)" in main
    assert "due " in main
    _check(page, seen)

    _sign_out(page)
    sign_in(page, demo_server, "sandon.clerk")
    page.goto(f"{demo_server}{COUNCIL}/enquiries/")
    _check(page, seen)
    page.get_by_role("link", name=re.compile("Flooding on Church Lane")).first.click()
    page.get_by_text("Assign it to an officer").click()  # a secondary action, in a details section
    page.get_by_label("Assign to").select_option(label="Tom Pickering")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_url(enquiry_url)
    assert "assigned to Tom Pickering" in page.locator(".govuk-notification-banner--success").inner_text()
    assert "Tom Pickering" in page.locator("main").inner_text()
    _check(page, seen)

    _sign_out(page)
    sign_in(page, demo_server, "sandon.officer")
    page.goto(enquiry_url)
    page.locator("#id_answer-answer").fill("Highways will clear the drain on Thursday.")
    page.get_by_role("button", name="Send answer").click()
    page.wait_for_url(enquiry_url)
    _check(page, seen)

    _sign_out(page)
    sign_in(page, demo_server, "sandon.cllr2")
    page.goto(f"{demo_server}{COUNCIL}/enquiries/")
    row = page.get_by_role("row", name=re.compile("Flooding on Church Lane"))
    assert "Answered" in row.inner_text()
    _check(page, seen)
    page.goto(enquiry_url)
    assert "Highways will clear the drain on Thursday." in page.locator("#answer").inner_text()
    _check(page, seen)
    assert len(seen) == 9


def test_a_councillor_who_may_not_see_it_gets_404(page, demo_server):
    sign_in(page, demo_server, "sandon.chair")
    page.goto(f"{demo_server}{COUNCIL}/enquiries/")
    response = page.goto(f"{demo_server}{COUNCIL}/enquiries/1/")
    assert response is not None
    assert response.status == 404


def test_workload_and_performance_pages_are_accessible(page, demo_server):
    sign_in(page, demo_server, "sandon.clerk")
    for path in ("/enquiries/workload/", "/enquiries/performance/", "/enquiries/direct-contact/"):
        page.goto(f"{demo_server}{COUNCIL}{path}")
        assert page.locator("h1").is_visible()
        assert axe_violations(page) == [], path
