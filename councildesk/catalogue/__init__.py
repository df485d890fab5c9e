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
    software: str
    parameters: tuple[str, ...]
    sources: dict[str, tuple[str, ...]]  # seed number ("000".."004") -> clause references
    variants: dict[str, str]


@cache
def rules() -> dict[str, Rule]:
    raw = yaml.safe_load(resources.files(__package__).joinpath("rules.yaml").read_text(encoding="utf-8"))
    return {
        r["id"]: Rule(
            id=r["id"],
            area=r["area"],
            kind=r["kind"],
            summary=r["summary"],
            software=r.get("software", ""),
            parameters=tuple(str(p) for p in r.get("parameters") or ()),
            sources={str(k): tuple(v) for k, v in (r.get("sources") or {}).items()},
            variants={str(k): str(v) for k, v in (r.get("variants") or {}).items()},
        )
        for r in raw
    }


def rule_ids() -> frozenset[str]:
    return frozenset(rules())
