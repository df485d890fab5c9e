"""Correspondence in Chromium: a councillor writes to the Clerk, the Clerk asks to copy another councillor, the
author consents and the copy shows its CC line; and the Clerk issues a letter whose PDF opens. axe-core finds no
WCAG 2.2 AA violation on any page on the way."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from .test_smoke import axe_violations, sign_in

pytestmark = pytest.mark.browser

COUNCIL = "/c/mayor-town"


def _check(page) -> None:  # type: ignore[no-untyped-def]
    assert axe_violations(page) == [], page.url


def test_write_copy_with_consent_and_see_the_cc_line(page, demo_server):
    sign_in(page, demo_server, "mayortown.cllr")
    page.goto(f"{demo_server}{COUNCIL}/correspondence/")
    _check(page)
    page.get_by_role("link", name="Write a message").click()
    _check(page)
    page.get_by_label("Andrew Fairbairn").check()
    page.get_by_label("Subject").fill("Dog fouling on the rec")
    page.get_by_label("Message").fill("Residents ask for another bin by the gate.")
    page.get_by_role("button", name="Send the message").click()
    page.wait_for_url(re.compile(r".*/correspondence/\d+/$"))
    thread_url = page.url
    assert "Everyone in this conversation" in page.locator("main").inner_text()
    _check(page)

    page.context.clear_cookies()
    sign_in(page, demo_server, "mayortown.clerk")
    page.goto(thread_url)
    page.get_by_role("link", name="Copy this conversation to someone").click()
    _check(page)
    page.get_by_label("A councillor or officer of the council").select_option(label="Rachel Kemp")
    page.get_by_label("Why they should see this conversation").fill("The rec is in her ward too.")
    page.get_by_role("button", name="Ask to copy").click()
    page.wait_for_url(thread_url)
    assert "Consent asked for" in page.locator("main").inner_text()
    _check(page)

    page.context.clear_cookies()
    sign_in(page, demo_server, "mayortown.cllr")
    page.goto(f"{demo_server}{COUNCIL}/correspondence/")
    page.get_by_role("link", name=re.compile("asks to copy “Dog fouling on the rec”")).click()
    _check(page)
    page.get_by_label("I consent", exact=True).check()
    page.get_by_role("button", name="Send your answer").click()
    page.wait_for_url(thread_url)
    main = page.locator("main").inner_text()
    assert "CC Rachel Kemp (Member)" in main
    assert "Rachel Kemp – copied in" in main
    _check(page)


def test_the_clerk_issues_a_letter_and_the_pdf_opens(page, demo_server):
    sign_in(page, demo_server, "mayortown.clerk")
    page.goto(f"{demo_server}{COUNCIL}/correspondence/")
    page.get_by_role("link", name="Write a letter").click()
    _check(page)
    page.get_by_label("To (name)").fill("Ms Alex Sample")
    page.get_by_label("Who they are").select_option(label="Another organisation")
    page.get_by_label("Subject").fill("Use of the market square")
    page.get_by_label("Letter", exact=True).fill("The council is happy to discuss the dates you propose.")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url(re.compile(r".*/correspondence/letters/\d+/$"))
    _check(page)
    page.get_by_role("button", name="Issue the letter").click()
    page.wait_for_load_state()
    assert "issued" in page.locator(".govuk-notification-banner").inner_text()
    _check(page)
    href = page.get_by_role("link", name="Open the letter (PDF)").get_attribute("href")
    response = page.request.get(f"{demo_server}{href}")
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(response.body())).pages[0].extract_text().split())
    assert "Andrew Fairbairn" in text
    assert "Town Clerk" in text
    assert "Use of the market square" in text


def test_the_clerk_releases_a_quarantined_email_into_its_thread(page, demo_server):
    """The demo holds a councillor's reply sent from a home address: the sender does not match the reply address,
    so it waits for the Clerk, who knows it is genuine and releases it into its conversation."""
    sign_in(page, demo_server, "mayortown.clerk")
    page.goto(f"{demo_server}{COUNCIL}/mail/quarantine/")
    _check(page)
    page.get_by_role("link", name="Re: Parking on the High Street").click()
    main = page.locator("main").inner_text()
    assert "does not match the person the reply address was given to" in main
    assert "A patrol in the first week of term would help most." in main
    _check(page)
    page.get_by_role("button", name="Release the email").click()
    page.wait_for_url(f"{demo_server}{COUNCIL}/mail/quarantine/")
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "The email was released. Reply from Simon Thorne added to the conversation" in banner
    assert "Re: Parking on the High Street" not in page.locator("main table").inner_text()
    _check(page)
    page.goto(f"{demo_server}{COUNCIL}/correspondence/")
    page.get_by_role("link", name="Parking on the High Street").click()
    main = page.locator("main").inner_text()
    assert "A patrol in the first week of term would help most." in main
    assert "CC Neil Parry" in main
    _check(page)
