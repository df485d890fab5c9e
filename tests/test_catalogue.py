"""The project's rule catalogue stays the shared one, and every rule id the code cites exists in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from councildesk.catalogue import rule_ids

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "protocol" / "rules.yaml"


def test_the_catalogue_is_the_shared_one():
    if not SHARED.exists():
        pytest.skip("needs ../shared beside the checkout")
    assert (ROOT / "councildesk" / "catalogue" / "rules.yaml").read_bytes() == SHARED.read_bytes()


def test_every_rule_id_in_the_code_exists():
    cited = set()
    for path in (ROOT / "councildesk").rglob("*.py"):
        cited |= set(re.findall(r'"([A-Z]+(?:_[A-Z0-9]+){2,})"', path.read_text(encoding="utf-8")))
    cited = {c for c in cited if c.split("_")[0] in {r.split("_")[0] for r in rule_ids()}}
    assert cited, "the code cites no rule ids"
    assert cited - rule_ids() == set()


def test_the_audit_event_names_are_documented():
    from councildesk.audit import events

    doc = (ROOT / "docs" / "audit.md").read_text(encoding="utf-8")
    listed = re.search(r"<!-- events: start -->(.*)<!-- events: end -->", doc, re.S)
    assert listed is not None
    assert re.findall(r"`([a-z_.]+)`", listed.group(1)) == events.ALL
