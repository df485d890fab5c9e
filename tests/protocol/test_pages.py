"""Protocol pages: plain-English headlines, and every clause reference in every profile opens its clause."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from councildesk.catalogue.references import NOT_ADOPTED, parse_reference


def _all_references(councils):
    for slug, council in councils.items():
        for rule_id, refs in council.profile.clauses.items():
            if refs == NOT_ADOPTED:
                continue
            for ref in refs:
                yield slug, rule_id, ref


def test_every_clause_reference_in_every_profile_opens_its_clause(imported, admin_client):
    failures, sub_clauses = [], 0
    for slug, rule_id, ref in _all_references(imported):
        url = reverse("clause", args=[slug, ref])
        response = admin_client.get(url, follow=True)
        if response.status_code != 200:
            failures.append(f"{slug} {rule_id}: {ref!r} -> {response.status_code}")
            continue
        parsed = parse_reference(ref)
        if parsed.unit != ref:
            sub_clauses += 1
            final = response.redirect_chain[-1][0]
            assert unquote(final).split("?")[0].endswith("/clauses/" + parsed.unit), (ref, final)
            if parsed.items:
                anchor = f"item-{parsed.items[0]}"
                assert final.endswith("#" + anchor), (ref, final)
                assert f'id="{anchor}"' in response.content.decode(), (slug, ref)
    assert not failures, f"{len(failures)} references do not open:\n" + "\n".join(failures)
    assert sub_clauses > 30


def test_a_reference_to_a_missing_clause_or_item_answers_404(imported, admin_client):
    assert admin_client.get(reverse("clause", args=["district-annex", "99.9"])).status_code == 404
    assert admin_client.get(reverse("clause", args=["district-annex", "not a ref ¶"])).status_code == 404


def test_profile_only_councils_open_sub_clauses_too(all_councils, admin_client):
    response = admin_client.get(reverse("clause", args=["district-annex", "5.4(i)"]), follow=True)
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["protocol", "rules"])
def test_rule_lists_lead_with_the_plain_title_and_show_no_id(imported, admin_client, page):
    html = admin_client.get(reverse(page, args=["mayor-town"])).content.decode()
    assert "Only the Town Clerk" in html or "Town Clerk" in html
    # no link whose visible text is a code-style id
    assert not re.search(r'<a class="govuk-link"[^>]*>[A-Z]+(?:_[A-Z]+)+</a>', html)


def test_rule_and_clause_pages_headline_the_title(imported, admin_client):
    council = imported["district-annex"]
    html = admin_client.get(reverse("rule", args=["district-annex", "PROTOCOL_INTERPRETATION_QUERIES_ROUTE"])).content
    text = html.decode()
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)[1]
    assert h1.strip() == council.profile.title("PROTOCOL_INTERPRETATION_QUERIES_ROUTE")
    assert "PROTOCOL_INTERPRETATION_QUERIES_ROUTE" not in re.sub(r"<[^>]+>", " ", text)  # only in link targets
    text = admin_client.get(reverse("clause", args=["district-annex", "1.9"])).content.decode()
    assert council.profile.title("PROTOCOL_INTERPRETATION_QUERIES_ROUTE") in text
    assert not re.search(r"<h[1-3][^>]*>(?:<a[^>]*>)?[A-Z]+(?:_[A-Z]+)+", text)
