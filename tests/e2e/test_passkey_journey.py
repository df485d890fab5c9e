"""A passkey in a real browser: Chromium's virtual authenticator (over the DevTools protocol) stands in for a
fingerprint reader. A person adds a passkey on their account page, signs out, and finishes the next sign-in with
it instead of a code. The pages' script is a static file, so this also shows the Content-Security-Policy lets it
run. WebAuthn needs a domain, not an IP address, as the relying party: the journey uses ``localhost``."""

from __future__ import annotations

import pytest

from councildesk.demo.loader import DEMO_PASSWORD

from .test_smoke import axe_violations, sign_in

pytestmark = pytest.mark.browser
USERNAME = "district.hos"  # needs a second factor; the demo gave them the authenticator app


def test_a_person_adds_a_passkey_and_signs_in_with_it(browser, demo_server):
    base = demo_server.replace("127.0.0.1", "localhost")
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    try:
        sign_in(page, base, USERNAME)
        page.goto(f"{base}/accounts/passkeys/new/")
        assert axe_violations(page) == []
        page.get_by_label("Name for this passkey").fill("Virtual fingerprint reader")
        page.get_by_role("button", name="Add the passkey").click()
        page.wait_for_load_state()
        page.goto(f"{base}/accounts/")
        assert page.get_by_role("cell", name="Virtual fingerprint reader", exact=True).first.is_visible()

        page.get_by_role("button", name="Sign out").click()
        page.goto(f"{base}/accounts/login/")
        page.get_by_label("Username").fill(USERNAME)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/accounts/login/verify/")
        assert axe_violations(page) == []
        page.get_by_role("button", name="Use a passkey").click()
        page.wait_for_url("**/c/district-annex/")
        assert "Head of Service" in page.content()
        assert problems == []  # no CSP refusal, no script error
    finally:
        context.close()
