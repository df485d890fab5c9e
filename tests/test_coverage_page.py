"""The coverage page: a council's rules in plain English with its clauses, status, code and tests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.html import escape

from tests.factories import person_with_role


@pytest.mark.django_db
def test_the_page_shows_titles_and_this_councils_clauses(client, all_councils):
    district = all_councils["district-annex"]
    clerk = person_with_role(district, "chief_executive", start=dt.date(2020, 1, 1))
    client.force_login(clerk)
    page = client.get(f"/c/{district.slug}/protocol/coverage/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"How {district.name}'s protocol is put into practice" in html
    assert district.name == "Example District Council (Annex 2.4)"  # the seed names no council
    # Titles are the headlines; 002 is silent on terms of office, and the page says so.
    assert escape(district.profile.title("ROLES_COUNCILLOR_TERM_BOUNDED")) in html
    assert "Not in this council's protocol; applied as the product's baseline" in html
    assert 'cell">not_adopted' not in html  # no clause column ever shows the profile's marker
    filtered = client.get(f"/c/{district.slug}/protocol/coverage/?status=implemented").content.decode()
    assert "Not yet implemented</td>" not in filtered
    csv_page = client.get(f"/c/{district.slug}/protocol/coverage/coverage.csv")
    assert csv_page["Content-Type"].startswith("text/csv")
    assert b"ROLES_COUNCILLOR_TERM_BOUNDED,ROLES" in csv_page.content
