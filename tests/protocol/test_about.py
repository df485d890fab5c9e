"""What the protocol page says about the protocol itself: its words, the codes beside it, and a missing date."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from councildesk.protocol import about
from councildesk.protocol.models import ProtocolVersion


def _text(client, slug: str) -> str:
    html = client.get(reverse("protocol", args=[slug])).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.rule("PROTOCOL_SCOPE_AND_TERMINOLOGY")
def test_the_protocol_words_are_mapped_to_the_council_posts_with_its_clause(all_councils, admin_client):
    text = _text(admin_client, "district-annex")
    assert "Who the protocol covers and what its words mean here" in text
    assert "Head of Paid Service the Chief Executive" in text
    assert "Your council's clause: 1.2" in text
    terms = about.terms_for(all_councils["mayor-town"].profile)  # 004 has words but no scope clause
    assert ("Members", "councillors (used throughout; 'Councillors' in the INTRODUCTION)") in terms.words
    assert terms.citations[0].clause is None
    assert terms.citations[0].baseline


@pytest.mark.rule("PROTOCOL_RELATED_INSTRUMENTS")
def test_the_codes_beside_the_protocol_are_listed_only_where_the_protocol_names_them(all_councils, admin_client):
    text = _text(admin_client, "mayor-town")
    assert "Codes and procedures it sits beside" in text
    assert "Association of Council Secretaries and Solicitors" in text
    items, cites = about.related_for(all_councils["district-annex"].profile)
    assert [i.clause for i in items] == ["1.1", "1.1", "1.4", "1.5"]
    assert "1.1" in (cites[0].clause or "")
    assert "1.5" in (cites[0].clause or "")
    assert about.related_for(all_councils["cottingham"].profile) == ([], [])
    assert "Codes and procedures it sits beside" not in _text(admin_client, "cottingham")


@pytest.mark.rule("PROTOCOL_EFFECTIVE_DATE_PRESENT")
def test_a_protocol_with_no_date_in_force_is_flagged_until_a_dated_version_is_recorded(all_councils, admin_client):
    council = all_councils["district-annex"]
    text = _text(admin_client, "district-annex")
    assert "No version of this protocol carries a date of issue or adoption that is in force" in text
    assert "Your council's clause: DATE OF ISSUE" in text
    ProtocolVersion.objects.create(
        council=council,
        version="2",
        status=ProtocolVersion.Status.LIVE,
        approved=dt.date(2026, 1, 20),
        minute_ref="C/26/4",
        recorded_at=dt.datetime(2026, 1, 21, 9, 0, tzinfo=dt.UTC),
    )
    assert "carries a date of issue or adoption" not in _text(admin_client, "district-annex")
    warning = about.effective_date_warning(all_councils["cottingham"].profile, None)
    assert warning is not None
    assert warning.citations[0].clause is None
