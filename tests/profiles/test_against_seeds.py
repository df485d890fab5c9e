"""Every clause a shipped profile cites (rule map, targets, complaint routes) exists in its council's document."""

from __future__ import annotations

from pathlib import Path

import pytest

from councildesk.councils.profiles import clause_problems, load_profile
from councildesk.protocol.parsing import parse_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_OF = {
    "sandon-burston": "000",
    "cottingham": "001",
    "district-annex": "002",
    "west-northants-town": "003",
    "mayor-town": "004",
}


@pytest.mark.parametrize("slug", sorted(SEED_OF))
def test_every_cited_clause_exists_in_the_councils_document(slug):
    seeds = sorted(SEEDS.glob(f"{SEED_OF[slug]}_*")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("needs ../shared/seeds beside the checkout")
    document = parse_document(seeds[0].read_bytes(), filename=seeds[0].name)
    profile = load_profile(ROOT / "profiles" / f"{slug}.toml")
    assert profile.protocol.style == document.style
    assert [str(p) for p in clause_problems(profile, document.units())] == []
