"""The council's people in the browser (issue 13), with axe-core finding no WCAG 2.2 AA violation on the way:

1. The Clerk adds a councillor with a term; a term ending before it starts is refused on its field first.
2. The Clerk checks a CSV file (a dry run): problems row by row, then a clean file imported whole.
3. The district's Monitoring Officer sees the councils they serve and opens the town council's audit trail.

Set ``E2E_SCREENSHOTS`` to a folder to keep a screenshot of each page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .test_smoke import axe_violations, sign_in

pytestmark = pytest.mark.browser


def check(page, seen: dict[str, list[str]], name: str) -> None:  # type: ignore[no-untyped-def]
    if folder := os.environ.get("E2E_SCREENSHOTS"):
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
    if found := axe_violations(page):
        seen[page.url] = found


def _date(page, name: str, day: str, month: str, year: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(f"#id_{name}-day").fill(day)
    page.locator(f"#id_{name}-month").fill(month)
    page.locator(f"#id_{name}-year").fill(year)


def test_the_clerk_adds_a_councillor_with_a_term(page, demo_server):
    seen: dict[str, list[str]] = {}
    sign_in(page, demo_server, "sandon.clerk")
    page.goto(f"{demo_server}/c/sandon-burston/people/")
    check(page, seen, "people")
    page.get_by_role("button", name="Add a person").click()
    check(page, seen, "person-new")
    page.get_by_label("First name").fill("Joan")
    page.get_by_label("Last name").fill("Whitby")
    page.get_by_label("Username").fill("sandon.new")
    page.get_by_label("Councillor", exact=True).check()
    _date(page, "start", "7", "5", "2026")
    _date(page, "end", "6", "5", "2026")
    page.get_by_role("button", name="Add person").click()
    summary = page.locator(".govuk-error-summary")
    assert "The end date must be on or after the start date, 7 May 2026." in summary.inner_text()
    assert page.get_by_label("Last name").input_value() == "Whitby"  # nothing typed is lost
    check(page, seen, "person-new-error")
    summary.get_by_role("link").first.click()  # the summary links the field
    assert page.evaluate("document.activeElement.id") == "id_end-day"
    _date(page, "end", "4", "5", "2030")
    page.get_by_role("button", name="Add person").click()
    banner = page.locator(".govuk-notification-banner--success")
    assert "Joan Whitby added as Councillor from 7 May 2026." in banner.inner_text()
    assert "4 May 2030" in page.locator("main").inner_text()
    check(page, seen, "person")
    assert seen == {}, seen


def test_the_clerk_checks_a_csv_file_before_importing_it(page, demo_server, tmp_path):
    seen: dict[str, list[str]] = {}
    header = "type,name,committee_type,username,first_name,last_name,email,roles,start,end,ward,committees\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        header
        + "person,,,csv.one,Ann,One,,Councillor,8/5/2023,,,\n"
        + "person,,,csv.one,Ann,Twice,,Councillor,8/5/2023,,,\n"
        + "person,,,csv.two,Bo,Two,,Councillor,8/5/2023,,North Ward,\n"
    )
    good = tmp_path / "good.csv"
    good.write_text(
        header
        + "committee,Allotments Committee,,,,,,,,,,\n"
        + "person,,,csv.one,Ann,One,ann@example.org,Councillor,8 May 2023,,,Allotments Committee (chair)\n"
    )
    sign_in(page, demo_server, "sandon.clerk")
    page.goto(f"{demo_server}/c/sandon-burston/people/import/")
    check(page, seen, "import")
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    main = page.locator("main").inner_text()
    assert "Nothing was imported: the file has 2 problems" in main
    assert "The username csv.one is also on row 2." in main
    assert "does not use wards" in main
    check(page, seen, "import-problems")
    page.get_by_label("CSV file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    assert "The file is ready to import" in page.locator("main").inner_text()
    check(page, seen, "import-ready")
    page.get_by_role("button", name=re.compile(r"Import 2 rows")).click()
    banner = page.locator(".govuk-notification-banner--success")
    assert "Imported 1 people with 1 roles, 1 committee seats" in banner.inner_text()
    assert "Ann One" in page.locator("main").inner_text()
    assert seen == {}, seen


def test_the_monitoring_officer_sees_the_councils_they_serve(page, demo_server):
    seen: dict[str, list[str]] = {}
    sign_in(page, demo_server, "district.mo")
    page.goto(f"{demo_server}/c/district-annex/")
    page.get_by_role("link", name="Councils you serve").click()
    main = page.locator("main").inner_text()
    assert "Councils you serve as Monitoring Officer" in main
    assert "Mayor" in main or "Town" in main
    check(page, seen, "monitoring")
    page.get_by_role("link", name=re.compile(r"Check the audit trail of .*Town")).click()
    page.wait_for_url(f"{demo_server}/c/mayor-town/audit/")
    check(page, seen, "monitoring-audit")
    assert page.goto(f"{demo_server}/c/west-northants-town/audit/").status == 404
    assert seen == {}, seen
