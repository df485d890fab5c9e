"""The shipped council profiles in ``profiles/``: they load, carry the catalogue and keep the seeds' facts.

Pure tests: no database. Catalogue expectations come from ``rules.yaml`` itself, never from the profiles.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from councildesk.catalogue.references import NOT_ADOPTED, parse_reference
from councildesk.councils.profiles import Profile, ProfileInvalid, load_profile
from tests.profiles.corrections import CORRECTIONS

ROOT = Path(__file__).resolve().parents[2]

PROFILES_DIR = ROOT / "profiles"
RULES_YAML = ROOT / "councildesk" / "catalogue" / "rules.yaml"

# Which seed protocol each shipped profile was written from (shared/seeds/000..004).
SEED_OF = {
    "sandon-burston": "000",
    "cottingham": "001",
    "district-annex": "002",
    "west-northants-town": "003",
    "mayor-town": "004",
}


def _catalogue() -> list[dict]:
    return yaml.safe_load(RULES_YAML.read_text(encoding="utf-8"))


def _expected_clauses(seed: str) -> dict[str, list[str] | str]:
    expected: dict[str, list[str] | str] = {}
    for rule in _catalogue():
        refs = (rule.get("sources") or {}).get(seed)
        expected[rule["id"]] = [str(r) for r in refs] if refs else NOT_ADOPTED
    return expected


def _units_cited(seed: str) -> set[str]:
    units = set()
    for rule in _catalogue():
        for ref in (rule.get("sources") or {}).get(seed) or ():
            units.add(parse_reference(str(ref)).unit)
    return units


@pytest.fixture(scope="module")
def profiles() -> dict[str, Profile]:
    loaded = [load_profile(path) for path in sorted(PROFILES_DIR.glob("*.toml"))]
    by_slug = {p.slug: p for p in loaded}
    assert len(by_slug) == len(loaded), "profile slugs must be unique"
    return by_slug


# ---- the set of shipped profiles ------------------------------------------------------------


def test_exactly_five_profiles_with_unique_slugs(profiles):
    assert len(list(PROFILES_DIR.glob("*.toml"))) == 5
    assert set(profiles) == set(SEED_OF)


def test_file_name_matches_slug():
    for path in PROFILES_DIR.glob("*.toml"):
        assert load_profile(path).slug == path.stem


def test_catalogue_has_199_rules():
    ids = [r["id"] for r in _catalogue()]
    assert len(ids) == 199
    assert len(set(ids)) == 199


@pytest.mark.parametrize(("slug", "seed"), sorted(SEED_OF.items()))
def test_clause_map_equals_catalogue_sources(profiles, slug, seed):
    clauses = profiles[slug].clauses
    expected = _expected_clauses(seed)
    assert set(clauses) == set(expected)
    differing = {rule_id for rule_id, refs in expected.items() if clauses[rule_id] != refs}
    allowed = {rule_id for (s, rule_id) in CORRECTIONS if s == slug}
    assert differing == allowed, "a profile differs from rules.yaml without a line in tests/profiles/corrections.py"


@pytest.mark.parametrize(("slug", "seed"), sorted(SEED_OF.items()))
def test_route_and_target_clauses_are_units_the_catalogue_cites(profiles, slug, seed):
    profile = profiles[slug]
    units = _units_cited(seed)
    cited = [r.clause for r in profile.complaints.routes if r.clause]
    targets = [getattr(profile.targets, name) for name in type(profile.targets).model_fields]
    cited += [t.clause for t in targets if t is not None and t.clause]
    for ref in cited:
        assert parse_reference(ref).unit in units, ref


@pytest.mark.parametrize("slug", sorted(SEED_OF))
def test_group_switches_never_both_on(profiles, slug):
    features = profiles[slug].features
    assert not (features.notify_other_groups and features.disclose_requests_across_groups)
    if features.notify_other_groups:
        assert features.political_groups


@pytest.mark.parametrize("slug", sorted(SEED_OF))
def test_complaint_routes_are_unique_per_complainant_and_subject(profiles, slug):
    pairs = [(r.complainant, r.subject) for r in profiles[slug].complaints.routes]
    assert len(pairs) == len(set(pairs))


@pytest.mark.parametrize("slug", sorted(SEED_OF))
def test_no_clerk_complaint_goes_to_the_clerk_formally(profiles, slug):
    for route in profiles[slug].complaints.routes:
        if route.subject in {"clerk", "head_officer"}:
            assert route.formal_route != profiles[slug].roles.head_of_paid_service


# ---- per-council facts from the seeds and NOTES.md ----------------------------------------


def test_000_sandon_burston(profiles):
    p = profiles["sandon-burston"]
    assert (p.kind, p.nation) == ("parish", "england")
    assert p.roles.head_of_paid_service == "clerk"
    assert p.head_officer_title() == "Proper Officer/Clerk"
    assert p.deciders.need_to_know == "clerk"
    assert p.deciders.need_to_know_consult == []
    assert p.deciders.press_release_approval == "clerk"
    assert p.protocol.style == "unnumbered"
    assert p.principal_council.name == "Stafford Borough Council"
    assert any("not name" in flag for flag in p.protocol.flags)
    versions = p.protocol.versions
    assert [v.version for v in versions] == ["1", "2", "3"]
    assert [v.approved for v in versions] == [dt.date(2024, 9, 9), dt.date(2025, 5, 13), dt.date(2026, 5, 5)]
    # "May 2025" etc. are month-only in the version table; the profile records the 1st of the month.
    assert [v.next_review for v in versions] == [
        dt.date(2025, 5, 1),
        dt.date(2026, 5, 1),
        dt.date(2027, 5, 1),
    ]
    assert versions[0].change == "Policy adopted"
    assert versions[1].change is None
    assert versions[1].note
    assert versions[2].change == "Added Clerk where Officer/Clerks were mentioned"
    # The protocol only says "timely", so the target is the council's operating standard, cited to no clause.
    assert p.targets.enquiry_response is not None
    assert p.targets.enquiry_response.clause is None


def test_001_cottingham(profiles):
    p = profiles["cottingham"]
    assert (p.kind, p.nation) == ("parish", "england")
    assert p.roles.head_of_paid_service == "clerk"
    assert p.head_officer_title() == "Clerk"
    assert p.deciders.need_to_know == "clerk"
    assert p.deciders.need_to_know_consult == []
    assert p.complaints.personnel_panel_size == 3
    assert p.principal_council.name == "East Riding of Yorkshire Council"
    (adopted,) = p.protocol.versions
    assert adopted.approved == dt.date(2013, 2, 21)
    assert adopted.minute_ref == "1810"
    assert any("Code of Conduct" in flag for flag in p.protocol.flags)
    about_clerk = [r for r in p.complaints.routes if (r.complainant, r.subject) == ("councillor", "clerk")]
    assert [r.first_recipient for r in about_clerk] == ["personnel_committee"]


def test_002_district_annex(profiles):
    p = profiles["district-annex"]
    assert p.kind == "district"
    assert p.roles.head_of_paid_service == "chief_executive"
    assert p.head_officer_title() == "Chief Executive"
    assert p.deciders.need_to_know == "chief_executive"
    assert p.deciders.need_to_know_consult == ["monitoring_officer"]
    assert p.features.contact_centre
    assert p.features.cmt
    assert p.features.wards
    assert p.features.political_groups
    assert not p.features.disclose_requests_across_groups  # 4.2 bans passing requests between groups
    assert p.principal_council.name == p.name
    assert all(v.approved is None for v in p.protocol.versions)
    assert any("issue date" in flag for flag in p.protocol.flags)
    assert any("draft" in flag for flag in p.protocol.flags)
    target = p.targets.enquiry_response
    assert target is not None
    assert (target.value, target.unit) == (7, "calendar_days")  # "within one week from receipt"
    assert target.clause in _expected_clauses("002")["ENQUIRY_RESPONSE_TARGET"]


def test_003_west_northants_town(profiles):
    p = profiles["west-northants-town"]
    assert p.kind == "town"
    assert p.roles.head_of_paid_service == "clerk"
    assert p.head_officer_title() == "Town Clerk"
    assert p.deciders.need_to_know == "clerk"
    assert p.deciders.need_to_know_consult == []
    assert p.principal_council.name == "West Northamptonshire Council"
    assert p.features.political_groups
    assert p.features.notify_other_groups
    assert any("West Northamptonshire" in m for m in p.complaints.mediators)
    assert any("SLCC" in m for m in p.complaints.mediators)
    (about_clerk,) = [r for r in p.complaints.routes if (r.complainant, r.subject) == ("councillor", "clerk")]
    assert about_clerk.first_recipient != "clerk"  # 9.3 sends it to its own subject: rerouted
    assert about_clerk.note
    assert "9.3" in about_clerk.note


def test_004_mayor_town(profiles):
    p = profiles["mayor-town"]
    assert p.kind == "town"
    assert p.roles.head_of_paid_service == "clerk"
    assert p.head_officer_title() == "Town Clerk"
    assert p.features.mayor
    assert p.roles.titles.mayor == "Mayor"
    assert p.features.wards
    assert p.features.political_groups
    assert p.deciders.need_to_know == "officer"  # 10.4: officers grant undisputed requests
    assert p.deciders.need_to_know_disputes == "clerk"  # 10.4: disputes go to the Town Clerk
    assert p.deciders.need_to_know_consult == []
    assert p.deciders.protocol_interpretation == "clerk"
    assert p.protocol.binding_level == "mandatory"
    assert p.protocol.review_interval_months == 24
    assert [v.approved for v in p.protocol.versions] == [dt.date(2023, 5, 1), dt.date(2025, 5, 1)]
    assert p.protocol.versions[-1].next_review == dt.date(2027, 5, 1)
    assert any("inferred" in flag for flag in p.protocol.flags)
    assert "Borough Council" in p.principal_council.name


# ---- bad input on copies of a shipped profile ----------------------------------------


def _shipped_text(slug: str = "sandon-burston") -> str:
    return (PROFILES_DIR / f"{slug}.toml").read_text(encoding="utf-8")


def _problems(tmp_path: Path, content: str | bytes) -> list:
    path = tmp_path / "council.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileInvalid) as info:
        load_profile(path)
    assert info.value.problems
    return info.value.problems


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected exactly one {old!r} in the shipped profile"
    return text.replace(old, new)


def _paths(problems) -> list[str]:
    return [p.path for p in problems]


def test_a_copy_of_a_shipped_profile_loads(tmp_path):
    path = tmp_path / "council.toml"
    path.write_text(_shipped_text(), encoding="utf-8")
    assert load_profile(path).slug == "sandon-burston"


def test_unknown_top_level_key(tmp_path):
    problems = _problems(tmp_path, "bogus = 1\n" + _shipped_text())
    assert _paths(problems) == ["bogus"]
    assert "unknown key" in problems[0].message


def test_unknown_nested_key(tmp_path):
    text = _replace_once(_shipped_text(), "[deciders]\n", '[deciders]\nbogus = "clerk"\n')
    problems = _problems(tmp_path, text)
    assert _paths(problems) == ["deciders.bogus"]


def test_missing_rule_id(tmp_path):
    rule_id = _catalogue()[0]["id"]
    lines = _shipped_text().splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{rule_id} = ")]
    assert len(kept) == len(lines) - 1
    problems = _problems(tmp_path, "".join(kept))
    assert _paths(problems) == [f"clauses.{rule_id}"]
    assert "missing" in problems[0].message


def test_unknown_rule_id(tmp_path):
    known = {r["id"] for r in _catalogue()}
    assert "NOT_A_RULE" not in known
    text = _shipped_text().rstrip("\n") + '\nNOT_A_RULE = "not_adopted"\n'  # [clauses] is the last table
    problems = _problems(tmp_path, text)
    assert _paths(problems) == ["clauses.NOT_A_RULE"]
    assert "unknown rule id" in problems[0].message


def test_bad_date(tmp_path):
    text = _replace_once(_shipped_text(), "approved = 2024-09-09", 'approved = "2024-13-45"')
    problems = _problems(tmp_path, text)
    assert _paths(problems) == ["protocol.versions[0].approved"]


def test_malformed_clause_reference(tmp_path):
    rule = next(r for r in _catalogue() if (r.get("sources") or {}).get("000"))
    lines = _shipped_text().splitlines(keepends=True)
    edited = [f'{rule["id"]} = ["¶¶"]\n' if line.startswith(f"{rule['id']} = ") else line for line in lines]
    assert edited != lines
    problems = _problems(tmp_path, "".join(edited))
    assert _paths(problems) == [f"clauses.{rule['id']}[0]"]
    assert "not a clause reference" in problems[0].message
    assert "¶¶" in problems[0].message


def test_both_group_switches_on(tmp_path):
    text = _replace_once(
        _shipped_text("cottingham"),
        "disclose_requests_across_groups = false",
        "disclose_requests_across_groups = true",
    )
    problems = _problems(tmp_path, text)
    assert _paths(problems) == ["features"]
    assert "never both be on" in problems[0].message


def test_invalid_toml_syntax(tmp_path):
    text = _replace_once(_shipped_text(), "[deciders]\n", "[deciders\n")
    problems = _problems(tmp_path, text)
    assert _paths(problems) == [""]
    assert "not valid TOML" in problems[0].message
    assert "line" in problems[0].message


def test_non_utf8_file(tmp_path):
    old = 'name = "Sandon and Burston Parish Council"'
    text = _replace_once(_shipped_text(), old, old)
    raw = text.encode("utf-8").replace(old.encode(), 'name = "Sandon £ Burston"'.encode("latin-1"))
    problems = _problems(tmp_path, raw)
    assert _paths(problems) == [""]
    assert "UTF-8" in problems[0].message
