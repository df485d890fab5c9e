"""The SQL filter and the pure rules agree on every combination: classification × personal data × committee
(the viewer's, another, none) × grant (live, expired, revoked, none) × role, in councils with each policy."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from councildesk.core import clock
from councildesk.documents import rules
from councildesk.documents.models import Document, Grant
from councildesk.documents.permissions import Access
from councildesk.documents.selectors import documents_for
from councildesk.people import services as people
from councildesk.people.access import membership_for

from .conftest import TODAY, build_world


@pytest.mark.parametrize("slug", ["mayor-town", "district-annex", "sandon-burston"])
def test_sql_and_rules_agree(db, slug):
    world = build_world(slug)
    elsewhere = people.committee_create(actor=None, council=world.council, name="Another Committee")
    combos = itertools.product(rules.CLASSIFICATIONS, (False, True), (world.committee, elsewhere, None))
    grants = {}
    for n, (classification, personal, committee) in enumerate(combos):
        if classification != "public" and committee is None:
            continue
        doc = Document.objects.create(
            council=world.council,
            title=f"{n}",
            committee=committee,
            classification=classification,
            personal_data=personal,
            exempt_paragraph=1 if classification == "exempt" else None,
            public_on=TODAY + dt.timedelta(days=9) if classification == "exempt" else None,
            storage_name=f"x/{n}",
            filename="x.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
            uploaded_by=world.head,
            uploaded_at=clock.now(),
        )
        state = n % 4  # live, expired, revoked, none
        if state < 3:
            for person in (world.member, world.outsider):
                Grant.objects.create(
                    council=world.council,
                    document=doc,
                    person=person,
                    basis="need_to_know",
                    purpose_limitation="p",
                    expires_on=TODAY - dt.timedelta(days=1) if state == 1 else None,
                    revoked_at=doc.uploaded_at if state == 2 else None,
                    created_at=doc.uploaded_at,
                )
        grants[doc.pk] = state == 0
    for person in (world.head, world.decider, world.mo, world.officer, world.member, world.outsider):
        a = Access(membership_for(person, world.council.slug))
        by_sql = set(documents_for(a).values_list("pk", flat=True))
        by_rules = {
            d.pk
            for d in Document.objects.filter(council=world.council)
            if rules.open_basis(
                a.policy,
                a.viewer,
                rules.DocFacts(d.classification, d.committee_id, d.personal_data),
                grant_basis="need_to_know" if grants[d.pk] and person in (world.member, world.outsider) else None,
            )
        }
        assert by_sql == by_rules, person
