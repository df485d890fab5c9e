"""The committed map of rules to the tests that prove them, read from the test files' ``rule`` markers.

An installed product has no ``tests/`` folder, so the map is kept in ``rule_tests.json`` beside this module and
regenerated with ``councildesk coverage --update-test-map`` from a checkout. The markers are read from the
source with ``ast`` (no test is imported or run), so the map is the same whatever subset of the suite runs. A test
fails when the committed map differs from the one the source gives.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

MAP_FILE = "rule_tests.json"


def _marker_ids(node: ast.expr) -> Iterator[str]:
    """Rule ids in ``pytest.mark.rule(...)``, given as strings or as ``R.NAME`` / ``RuleId.NAME``."""
    if isinstance(node, ast.List | ast.Tuple):
        for elt in node.elts:
            yield from _marker_ids(elt)
        return
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "rule"):
        return
    mark = node.func.value
    if not (isinstance(mark, ast.Attribute) and mark.attr == "mark"):
        return
    for arg in node.args:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            yield arg.value
        elif isinstance(arg, ast.Attribute):
            yield arg.attr


def _decorated(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> list[str]:
    return [rule for d in node.decorator_list for rule in _marker_ids(d)]


def markers_in(source: str, nodeid_prefix: str) -> dict[str, list[str]]:
    """Test node id (without parameters) -> the rule ids it is marked with, for one test module's source."""
    tree = ast.parse(source)
    module_rules: list[str] = []
    found: dict[str, list[str]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets):
            module_rules += list(_marker_ids(stmt.value))

    def visit(body: list[ast.stmt], prefix: str, inherited: list[str]) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                visit(node.body, f"{prefix}::{node.name}", inherited + _decorated(node))
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
                rules = inherited + _decorated(node)
                if rules:
                    found[f"{prefix}::{node.name}"] = rules

    visit(tree.body, nodeid_prefix, module_rules)
    return found


def scan(tests_dir: Path) -> dict[str, list[str]]:
    """Rule id -> sorted test node ids, over every ``test_*.py`` below ``tests_dir``."""
    by_rule: dict[str, set[str]] = {}
    root = tests_dir.parent
    for path in sorted(tests_dir.rglob("test_*.py")):
        nodeid_prefix = path.relative_to(root).as_posix()
        for nodeid, rule_ids in markers_in(path.read_text(encoding="utf-8"), nodeid_prefix).items():
            for rule_id in rule_ids:
                by_rule.setdefault(rule_id, set()).add(nodeid)
    return {rule_id: sorted(nodeids) for rule_id, nodeids in sorted(by_rule.items())}


def render(mapping: dict[str, list[str]]) -> str:
    return json.dumps(mapping, indent=1, sort_keys=True) + "\n"


def committed() -> dict[str, list[str]]:
    raw = json.loads(resources.files(__package__).joinpath(MAP_FILE).read_text(encoding="utf-8"))
    return {str(k): [str(t) for t in v] for k, v in raw.items()}


def write(tests_dir: Path) -> Path:
    target = Path(__file__).with_name(MAP_FILE)
    target.write_text(render(scan(tests_dir)), encoding="utf-8")
    return target
