"""The deadline calculator in Chromium: a Clerk times an FOI request over Christmas, then makes a mistake; axe-core
finds no WCAG 2.2 AA violation on the empty form, the answer or the error summary."""

from __future__ import annotations

import pytest

from .test_smoke import axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_foi_over_christmas_and_an_impossible_date(page, demo_server):
    sign_in(page, demo_server, "district.ce")
    page.goto(f"{demo_server}/c/district-annex/")
    page.get_by_role("link", name="Deadline calculator").click()
    assert axe_violations(page) == []

    page.get_by_label("Freedom of Information request").check()
    page.get_by_label("Date received").fill("2026-12-21")
    page.get_by_role("button", name="Calculate").click()
    main = page.locator("main").inner_text()
    assert "due Fri 22 Jan 2027 (20 working days)" in main
    assert "Bank holiday (Scotland): New Year Holiday (observed)" in main
    assert axe_violations(page) == []

    page.goto(f"{demo_server}/c/district-annex/deadlines/?regime=enquiry_response&received=1989-01-01")
    assert page.locator(".govuk-error-summary").is_visible()
    assert "between 1 January 1990 and 31 December 2100" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
