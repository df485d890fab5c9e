"""The rule catalogue: every operable rule id, its area, kind and summary, and its clause in each seed.

``rules.yaml`` is the project's own catalogue, kept in step with ``shared/protocol/rules.yaml`` by a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Rule:
    id: str
    area: str
    kind: str
    summary: str
    title: str  # short and plain, for pages; may hold "{head}" for the council's head officer (see Profile.title)
    software: str
    parameters: tuple[str, ...]
    sources: dict[str, tuple[str, ...]]  # seed number ("000".."004") -> clause references
    variants: dict[str, str]


def _load(name: str) -> object:
    return yaml.safe_load(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@cache
def titles() -> dict[str, str]:
    """The product's plain-English title for each rule (``titles.yaml``; a test checks every rule has one)."""
    raw = _load("titles.yaml")
    return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def _fallback_title(rule_id: str) -> str:
    return rule_id.split("_", 1)[-1].replace("_", " ").capitalize()


@cache
def rules() -> dict[str, Rule]:
    raw = _load("rules.yaml")
    assert isinstance(raw, list)
    named = titles()
    return {
        r["id"]: Rule(
            id=r["id"],
            area=r["area"],
            kind=r["kind"],
            summary=r["summary"],
            title=named.get(r["id"]) or _fallback_title(r["id"]),
            software=r.get("software", ""),
            parameters=tuple(str(p) for p in r.get("parameters") or ()),
            sources={str(k): tuple(v) for k, v in (r.get("sources") or {}).items()},
            variants={str(k): str(v) for k, v in (r.get("variants") or {}).items()},
        )
        for r in raw
    }


def rule_ids() -> frozenset[str]:
    return frozenset(rules())
