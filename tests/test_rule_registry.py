"""The protocol as the backbone: rule ids are checked names, one way to cite, and a registry that a test holds to.

Each check here fails when the code and the catalogue drift apart: an id module out of step with rules.yaml, a
registered rule no test proves, a test naming an unknown rule, a stale committed test map, or a registering
module the coverage report would not see.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

from councildesk.catalogue import registry, rules
from councildesk.catalogue.ids import R, RuleId
from councildesk.catalogue.registry import RegistryError, implementations, register
from councildesk.core.errors import Citation, ProtocolViolation
from councildesk.coverage import sources, testmap

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "councildesk"


def _gen_ids_module():
    spec = importlib.util.spec_from_file_location("gen_rule_ids", ROOT / "scripts" / "gen_rule_ids.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_id_module_lists_exactly_the_catalogue():
    assert set(RuleId.__members__) == set(rules())
    assert [m.value for m in RuleId] == list(rules())
    generated = _gen_ids_module().render()
    assert (PACKAGE / "catalogue" / "ids.py").read_text(encoding="utf-8") == generated, (
        "ids.py is stale: run python scripts/gen_rule_ids.py"
    )


def test_a_misspelt_id_fails_at_once():
    with pytest.raises(AttributeError):
        _ = R.ENQUIRY_RESPONSE_TARGT  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="is not a valid RuleId"):
        register("NO_SUCH_RULE", where="tests.nowhere")  # type: ignore[arg-type]


def test_a_rule_cannot_be_both_skipped_and_applied_where_the_protocol_is_silent(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", {})  # a scratch registry: the real one is left as it was
    rule = R.FINANCE_AVOID_IMPROPER_ACTIONS
    with pytest.raises(RegistryError, match="must say why"):
        register(rule, where="tests.a", silent="baseline")
    register(rule, where="tests.a", silent="skip")
    with pytest.raises(RegistryError, match="registered as both"):
        register(rule, where="tests.b", silent="baseline", baseline="a reason")
    assert [i.where for i in implementations()[rule]] == ["tests.a"]


def _registering_modules() -> set[str]:
    """Modules under councildesk/ that call implements(...) or register(...) from the registry."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts or path.name == "registry.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "councildesk.catalogue.registry"
            for alias in node.names
            if alias.name in {"implements", "register"}
        }
        calls = any(
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
            for node in ast.walk(tree)
        )
        if calls:
            found.add(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


def test_the_coverage_report_imports_every_registering_module():
    loaded = {m.__name__ for m in sources.load()}
    missing = _registering_modules() - loaded
    assert not missing, f"add these to councildesk/coverage/sources.py: {sorted(missing)}"


def test_every_marker_names_a_rule_in_the_catalogue():
    unknown = {rule_id for rule_id in testmap.scan(ROOT / "tests") if rule_id not in RuleId.__members__}
    assert not unknown


def test_the_committed_test_map_is_current():
    assert testmap.committed() == testmap.scan(ROOT / "tests"), (
        "the map of rules to tests is stale: run councildesk coverage --update-test-map"
    )


def test_every_implemented_rule_is_proved_by_a_test():
    sources.load()
    proved = testmap.scan(ROOT / "tests")
    unproved = sorted(rule_id for rule_id in implementations() if not proved.get(rule_id))
    assert not unproved, f"registered as implemented but no test is marked with them: {unproved}"


def test_markers_are_read_from_functions_classes_and_modules():
    source = """
import pytest
from councildesk.catalogue.ids import R
pytestmark = [pytest.mark.django_db, pytest.mark.rule("ROLES_POSITIONS_REGISTER")]

@pytest.mark.rule("ENQUIRY_RESPONSE_TARGET", R.ENQUIRY_NO_QUEUE_JUMPING)
def test_one():
    pass

@pytest.mark.rule("ACCESS_PURPOSE_LIMITATION")
class TestGroup:
    def test_two(self):
        pass

def helper():
    pass
"""
    found = testmap.markers_in(source, "tests/x.py")
    assert found == {
        "tests/x.py::test_one": ["ROLES_POSITIONS_REGISTER", "ENQUIRY_RESPONSE_TARGET", "ENQUIRY_NO_QUEUE_JUMPING"],
        "tests/x.py::TestGroup::test_two": ["ROLES_POSITIONS_REGISTER", "ACCESS_PURPOSE_LIMITATION"],
    }


# ---- one way to cite -------------------------------------------------------------------------------------------


def test_cite_gives_the_councils_clause_and_plain_title(all_councils):
    sandon, district = all_councils["sandon-burston"], all_councils["district-annex"]
    (c,) = sandon.profile.cite(R.ROLES_HEAD_OF_PAID_SERVICE)
    assert c.clause == "Some general principles ¶2; Officer/Clerks ¶2"
    assert c.adopted
    assert "Clerk" in c.title
    assert "_" not in c.title
    # The district council's head officer is its Chief Executive: the same rule's title says so.
    (d,) = district.profile.cite(R.ROLES_HEAD_OF_PAID_SERVICE)
    assert "Chief Executive" in d.title


def test_cite_leaves_out_a_rule_the_council_did_not_adopt_unless_the_product_applies_it_anyway(all_councils):
    sources.load()
    cottingham = all_councils["cottingham"].profile
    assert not cottingham.adopts(R.ROLES_HEAD_OF_PAID_SERVICE)
    # Registered as the product's baseline: cited, but as silence, never as a clause.
    (c,) = cottingham.cite(R.ROLES_HEAD_OF_PAID_SERVICE)
    assert c.clause is None
    assert not c.adopted
    assert c.where.startswith("Your council's protocol is silent on this")
    assert "not_adopted" not in str(c)
    # Not registered as a baseline: left out.
    assert not cottingham.adopts(R.ENQUIRY_NO_QUEUE_JUMPING)
    assert cottingham.cite(R.ENQUIRY_NO_QUEUE_JUMPING) == []


def test_a_refusal_must_cite_something():
    with pytest.raises(ValueError, match="must cite at least one rule"):
        ProtocolViolation(reason="No.", citations=[])
    refusal = ProtocolViolation(reason="No.", citations=[Citation("X", "1.1", "A title")])
    assert refusal.as_dict()["citations"][0]["clause"] == "1.1"


def test_no_refusal_anywhere_builds_a_citation_by_hand():
    """Citations come from Profile.cite only (the schema is where they are made)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name in {"errors.py", "schema.py", "references.py"} or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "Citation(" in text or "clause_for(" in text or ('"not_adopted"' in text and "profiles" not in path.parts):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders
