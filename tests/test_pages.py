"""Pages: fixed query counts whatever the council's size, and htmx partials."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from councildesk.people import services
from tests.factories import person_with_role

START = dt.date(2023, 5, 8)


def _grow(council, clerk, n):
    committee = services.committee_create(actor=None, council=council, name=f"Committee {n}")
    ward = services.ward_create(actor=None, council=council, name=f"Ward {n}")
    group = services.group_create(actor=None, council=council, name=f"Group {n}")
    for _ in range(n):
        person = person_with_role(council, "councillor")
        services.committee_seat_add(actor=None, committee=committee, person=person, seat="member", start=START)
        services.ward_member_add(actor=None, ward=ward, person=person, start=START)
        services.group_member_add(actor=None, group=group, person=person, start=START)
        person_with_role(council, "officer", line_manager=clerk)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["", "people/", "structure/", "protocol/", "protocol/rules/"])
def test_a_page_runs_the_same_number_of_queries_whatever_the_size(district, page):
    clerk = person_with_role(district, "chief_executive")
    client = Client()
    client.force_login(clerk)
    url = f"/c/{district.slug}/{page}"
    _grow(district, clerk, 2)
    small = _queries(client, url)
    _grow(district, clerk, 20)
    assert _queries(client, url) == small


def test_the_rules_filter_returns_only_the_table_to_htmx(sandon):
    client = Client()
    client.force_login(person_with_role(sandon, "clerk"))
    full = client.get("/c/sandon-burston/protocol/rules/", {"area": "ENQUIRY", "adopted": "1"})
    partial = client.get(
        "/c/sandon-burston/protocol/rules/", {"area": "ENQUIRY", "adopted": "1"}, headers={"HX-Request": "true"}
    )
    assert b"<html" in full.content
    assert b"<html" not in partial.content
    assert b"ENQUIRY_DEFAULT_ROUTE_TO_CLERK" in partial.content
    assert b"ROLES_HEAD_OF_PAID_SERVICE" not in partial.content
    assert b"ENQUIRY_SERVICE_REQUEST_VIA_CONTACT_CENTRE" not in partial.content  # not adopted by this parish
