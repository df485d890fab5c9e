"""Each role signs in and reaches its home page; axe-core finds no WCAG 2.2 AA violation on any page."""

from __future__ import annotations

import time

import pytest

from councildesk.demo.loader import DEMO_PASSWORD, DEMO_TOTP_KEY

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# (username, where they land, words their home page shows)
ROLES = [
    ("sandon.clerk", "/c/sandon-burston/", "Proper Officer/Clerk"),
    ("sandon.officer", "/c/sandon-burston/", "Officer"),
    ("sandon.chair", "/c/sandon-burston/", "Chair"),
    ("cottingham.cllr2", "/c/cottingham/", "Councillor"),
    ("cottingham.mo", "/c/cottingham/", "Monitoring Officer"),
    ("district.ce", "/c/district-annex/", "Chief Executive"),
    ("district.hos", "/c/district-annex/", "Head of Service"),
    ("district.leader", "/c/district-annex/", "Group Chair / Leader"),
    ("district.vicechair", "/c/district-annex/", "Vice"),
    ("wnt.clerk", "/c/west-northants-town/", "Town Clerk"),
    ("mayortown.mayor", "/c/mayor-town/", "Mayor"),
    ("twin.cllr", "/councils/", "Your councils"),
    ("admin", "/councils/", "Your councils"),
]


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]


_LAST_STEP: dict[str, int] = {}  # per account, the authenticator time step last used (a code works once)


def _second_factor(page, username: str) -> None:  # type: ignore[no-untyped-def]
    """Enter the demo authenticator's code, as a person with the app would: a fresh code each time."""
    from binascii import unhexlify

    from django_otp.oath import TOTP

    totp = TOTP(unhexlify(DEMO_TOTP_KEY))
    step = max(totp.t(), _LAST_STEP.get(username, -1) + 1)
    if step > totp.t() + 1:  # the server accepts one step ahead at most: wait for the clock to catch up
        time.sleep((step - 1) * 30 - time.time() + 0.5)
    _LAST_STEP[username] = step
    code = TOTP(unhexlify(DEMO_TOTP_KEY))
    code.time = step * 30 + 1
    page.get_by_label("Code").fill(f"{code.token():06d}")
    page.get_by_role("button", name="Continue").click()


def sign_in(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/login/verify/" in page.url:
        _second_factor(page, username)


def test_the_sign_in_page_is_accessible(page, demo_server):
    page.goto(f"{demo_server}/accounts/login/")
    assert page.get_by_role("heading", name="Sign in").is_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize(("username", "landing", "words"), ROLES, ids=[r[0] for r in ROLES])
def test_each_role_reaches_its_home_page(page, demo_server, username, landing, words):
    sign_in(page, demo_server, username)
    page.wait_for_url(f"{demo_server}{landing}")
    assert words in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_a_wrong_password_gets_a_clear_error(page, demo_server):
    page.goto(f"{demo_server}/accounts/login/")
    page.get_by_label("Username").fill("sandon.clerk")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []


def test_an_expired_councillor_is_told_their_term_ended(page, demo_server):
    sign_in(page, demo_server, "sandon.former")
    page.goto(f"{demo_server}/c/sandon-burston/")
    text = page.locator("main").inner_text()
    assert "ended on" in text
    assert "A councillor's access ends with their term" in text
    assert "ROLES_COUNCILLOR_TERM_BOUNDED" not in text
    assert axe_violations(page) == []


PAGES = [
    "/c/district-annex/",
    "/c/district-annex/people/",
    "/c/district-annex/structure/",
    "/c/district-annex/protocol/",
    "/c/district-annex/protocol/rules/",
    "/c/district-annex/protocol/rules/ROLES_HEAD_OF_PAID_SERVICE/",
    "/c/district-annex/protocol/clauses/3.5",
    "/c/district-annex/audit/",
    "/accounts/tokens/",
    "/accessibility/",
    "/c/mayor-town/",
    "/c/no-such-council/",
]


def test_every_page_is_accessible(page, demo_server):
    sign_in(page, demo_server, "admin")
    page.wait_for_url(f"{demo_server}/councils/")
    failures = {}
    for path in PAGES:
        page.goto(f"{demo_server}{path}")
        if found := axe_violations(page):
            failures[path] = found
    assert failures == {}


def test_switching_council_for_a_twin_hatted_councillor(page, demo_server):
    sign_in(page, demo_server, "twin.cllr")
    page.wait_for_url(f"{demo_server}/councils/")
    page.get_by_role("link", name="District Council (Annex 2.4)").click()
    assert page.locator("header").inner_text().count("District Council (Annex 2.4)") >= 1
    page.get_by_role("link", name="Switch council").click()
    page.get_by_role("link", name="Sandon and Burston Parish Council").click()
    page.wait_for_url(f"{demo_server}/c/sandon-burston/")
