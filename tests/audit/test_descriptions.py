"""Every audit event the product records has a plain-English description for the audit trail page, and the
page shows it instead of the event's name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.test import Client

import councildesk
from councildesk.audit.descriptions import DESCRIPTIONS, describe
from councildesk.people import services
from tests.factories import council as make_council
from tests.factories import person_with_role

SOURCE = Path(councildesk.__file__).parent


def recorded_event_names() -> set[str]:
    """Every event name in the code: the constants of each app's ``events.py``, and any literal passed as
    ``action=`` to a call (a few services name their event in place)."""
    names: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if path.name == "events.py":
            for node in tree.body:
                if (
                    isinstance(node, ast.Assign)
                    and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str)
                    and all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets)
                ):
                    names.add(node.value.value)
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            for kw in call.keywords:
                if kw.arg == "action" and isinstance(kw.value, ast.Constant) and "." in str(kw.value.value):
                    names.add(str(kw.value.value))
    return names


def test_the_scan_finds_the_events_it_should():
    names = recorded_event_names()
    assert {"enquiry.raised", "complaint.raised", "person.signed_in", "enquiry.targets_confirmed"} <= names
    assert len(names) > 100


def test_every_recorded_event_has_a_description():
    missing = sorted(recorded_event_names() - set(DESCRIPTIONS))
    assert missing == []


def test_descriptions_read_as_plain_english():
    for name, text in DESCRIPTIONS.items():
        assert text[:1].isupper(), name
        assert not {"_", "."} & set(text), name


def test_an_unknown_event_still_reads_sensibly():
    assert describe("enquiry.raised") == "Enquiry raised"
    assert describe("parking_permit.issued_again") == "Parking permit: issued again"
    assert describe("oddity") == "Oddity"


@pytest.mark.django_db
def test_the_audit_page_shows_descriptions_not_event_names():
    sandon = make_council("sandon-burston")
    clerk = person_with_role(sandon, "clerk")
    services.person_create(actor=None, council=sandon, username="new.one", first_name="New", last_name="One")
    client = Client()
    client.force_login(clerk)
    page = client.get(f"/c/{sandon.slug}/audit/").content.decode()
    assert "Person added" in page
    assert "Role given" in page
    assert "person.created" not in page
    assert "role.granted" not in page


@pytest.mark.django_db
def test_the_audit_page_names_each_rule_by_its_title_and_clause_never_its_id():
    from django.db import transaction

    from councildesk.audit.services import record
    from councildesk.catalogue.ids import R

    sandon = make_council("sandon-burston")
    clerk = person_with_role(sandon, "clerk")
    rule = R.ENQUIRY_RESPONSE_TARGET
    with transaction.atomic():
        record(council=sandon, actor=clerk, action="enquiry.raised", subject=("enquiries.enquiry", 1), rule_ids=[rule])
    client = Client()
    client.force_login(clerk)
    page = client.get(f"/c/{sandon.slug}/audit/").content.decode()
    profile = sandon.profile
    shown = f"{profile.title(rule)} ({profile.clause(rule)})" if profile.clause(rule) else profile.title(rule)
    from django.utils.html import escape

    assert escape(shown) in page
    assert str(rule) not in page
