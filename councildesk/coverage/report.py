"""Build the coverage report: for each rule, its title and kind, each council's clause, whether the product
implements it (and where), and the tests that prove it; and per council, how many of its operable rules are
implemented and tested. Pure over its inputs: the catalogue, the registry, the test map and the profiles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from councildesk.catalogue import Rule, rules
from councildesk.catalogue.registry import Implementation, implementations
from councildesk.councils.profiles import Profile

Status = Literal["implemented", "advisory", "not_implemented"]
STATUS_LABELS: dict[str, str] = {
    "implemented": "Implemented",
    "advisory": "Advisory (shown as guidance)",
    "not_implemented": "Not yet implemented",
}


@dataclass(frozen=True)
class RuleCoverage:
    rule: Rule
    status: Status
    implemented_in: tuple[str, ...]
    silent: str  # "skip" or "baseline": what the product does where a protocol lacks the rule
    baseline: str
    tests: tuple[str, ...]
    councils: dict[str, dict[str, object]]  # slug -> {"clause": str | None, "adopted": bool}

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _status(rule: Rule, impls: tuple[Implementation, ...]) -> Status:
    if impls:
        return "implemented"
    return "advisory" if rule.kind == "advisory" else "not_implemented"


def build(profiles: Mapping[str, Profile], test_map: Mapping[str, list[str]]) -> list[RuleCoverage]:
    registered = implementations()
    out = []
    for rule_id, rule in rules().items():
        impls = registered.get(rule_id, ())  # type: ignore[call-overload]
        out.append(
            RuleCoverage(
                rule=rule,
                status=_status(rule, impls),
                implemented_in=tuple(sorted({i.where for i in impls})),
                silent=impls[0].silent if impls else "skip",
                baseline=next((i.baseline for i in impls if i.baseline), ""),
                tests=tuple(test_map.get(rule_id, ())),
                councils={
                    slug: {"clause": profile.clause(rule_id), "adopted": profile.adopts(rule_id)}
                    for slug, profile in profiles.items()
                },
            )
        )
    return out


def _applied_as_baseline(r: RuleCoverage, slug: str) -> bool:
    return r.silent == "baseline" and r.status == "implemented" and not r.councils[slug]["adopted"]


def summary(report: list[RuleCoverage], slugs: list[str]) -> dict[str, dict[str, int]]:
    """Per council: operable rules its protocol contains; of those, implemented; of those, proved by a test.
    ``baseline_applied`` counts implemented rules the product applies although this protocol is silent."""
    out: dict[str, dict[str, int]] = {}
    for slug in slugs:
        adopted = [r for r in report if r.rule.kind != "advisory" and r.councils[slug]["adopted"]]
        implemented = [r for r in adopted if r.status == "implemented"]
        out[slug] = {
            "operable_adopted": len(adopted),
            "implemented": len(implemented),
            "tested": sum(1 for r in implemented if r.tests),
            "baseline_applied": sum(
                1
                for r in report
                if r.silent == "baseline" and r.status == "implemented" and not r.councils[slug]["adopted"]
            ),
        }
    return out


def as_json(report: list[RuleCoverage], slugs: list[str]) -> dict[str, object]:
    return {
        "rules": [
            {
                "id": r.rule.id,
                "area": r.rule.area,
                "kind": r.rule.kind,
                "title": r.rule.title,
                "status": r.status,
                "implemented_in": list(r.implemented_in),
                "where_silent": r.silent if r.status == "implemented" else None,
                "baseline": r.baseline or None,
                "tests": list(r.tests),
                "councils": r.councils,
            }
            for r in report
        ],
        "summary": summary(report, slugs),
    }


CSV_HEADER = ["id", "area", "kind", "title", "status", "implemented_in", "tests", "council", "clause", "adopted"]


def as_rows(report: list[RuleCoverage]) -> list[list[str]]:
    """One row per rule and council, for a spreadsheet."""
    rows = []
    for r in report:
        for slug, c in r.councils.items():
            rows.append(
                [
                    r.rule.id,
                    r.rule.area,
                    r.rule.kind,
                    r.rule.title,
                    r.status,
                    " ".join(r.implemented_in),
                    " ".join(r.tests),
                    slug,
                    str(c["clause"] or ""),
                    "yes" if c["adopted"] else "no",
                ]
            )
    return rows
