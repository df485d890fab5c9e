"""Every rule has a short, plain-English title for pages, and titles.yaml names no rule that does not exist."""

from __future__ import annotations

import re

import pytest

from councildesk.catalogue import rules, titles

CODE_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MAX_LENGTH = 70


def test_every_rule_has_a_title():
    missing = [rule_id for rule_id in rules() if not titles().get(rule_id, "").strip()]
    assert missing == []


def test_titles_name_only_catalogued_rules():
    assert sorted(set(titles()) - set(rules())) == []


def test_titles_follow_the_catalogue_order():
    assert [rule_id for rule_id in titles() if rule_id in rules()] == list(rules())


def test_rules_carry_their_titles():
    assert {rule_id: rule.title for rule_id, rule in rules().items()} == {
        rule_id: titles()[rule_id] for rule_id in rules() if rule_id in titles()
    }


def test_titles_are_unique():
    seen: dict[str, str] = {}
    clashes = []
    for rule_id, title in titles().items():
        if title in seen:
            clashes.append((seen[title], rule_id, title))
        seen.setdefault(title, rule_id)
    assert clashes == []


@pytest.mark.parametrize(("rule_id", "title"), sorted(titles().items()))
def test_title_is_short_and_plain(rule_id, title):
    assert len(title) <= MAX_LENGTH, f"{rule_id}: {len(title)} characters"
    assert not CODE_ID.search(title), f"{rule_id}: a code-style id in {title!r}"
    assert not title.rstrip().endswith("."), f"{rule_id}: ends with a full stop"
    assert title == title.strip(), f"{rule_id}: stray whitespace"
    assert set(PLACEHOLDER.findall(title)) <= {"{head}"}, f"{rule_id}: only {{head}} may be a placeholder"
