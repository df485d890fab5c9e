"""Two councils side by side, rule by rule: title, clause against clause, deciders, targets and routes.

Both councils pass the access gate first (``compare_for``); the host administrator sees every council.
"""

from __future__ import annotations

from dataclasses import dataclass

from councildesk.catalogue import rules
from councildesk.councils.models import Council
from councildesk.councils.profiles.schema import Profile, Target
from councildesk.people.access import Membership, membership_for


@dataclass(frozen=True)
class Row:
    section: str
    item: str  # the plain-English label
    ours: str
    theirs: str
    rule_id: str = ""

    @property
    def differs(self) -> bool:
        return self.ours != self.theirs


def _clause(profile: Profile, rule_id: str) -> str:
    return profile.clause(rule_id) or ""


def _target(t: Target | None) -> str:
    if t is None:
        return ""
    text = f"{t.value} {t.unit.replace('_', ' ')}"
    return f"{text} ({t.clause})" if t.clause else text


def _role(profile: Profile, kind: str | None) -> str:
    return profile.title_for(kind) if kind else ""


def rows(a: Profile, b: Profile) -> list[Row]:
    out: list[Row] = []
    for rule_id in rules():
        if not (a.adopts(rule_id) or b.adopts(rule_id)):
            continue
        out.append(Row("Rules", a.title(rule_id), _clause(a, rule_id), _clause(b, rule_id), rule_id))
    for name in type(a.deciders).model_fields:
        ours, theirs = getattr(a.deciders, name), getattr(b.deciders, name)
        if isinstance(ours, list) or isinstance(theirs, list):
            ours_s = ", ".join(_role(a, k) for k in ours or [])
            theirs_s = ", ".join(_role(b, k) for k in theirs or [])
        else:
            ours_s, theirs_s = _role(a, ours), _role(b, theirs)
        out.append(Row("Who decides", name.replace("_", " ").capitalize(), ours_s, theirs_s))
    out.append(Row("Who decides", "Head of paid service", a.head_officer_title(), b.head_officer_title()))
    for name in type(a.targets).model_fields:
        out.append(
            Row(
                "Targets",
                name.replace("_", " ").capitalize(),
                _target(getattr(a.targets, name)),
                _target(getattr(b.targets, name)),
            )
        )
    routes_a = {(r.complainant, r.subject): r for r in a.complaints.routes}
    routes_b = {(r.complainant, r.subject): r for r in b.complaints.routes}
    for key in sorted(set(routes_a) | set(routes_b)):
        label = f"Complaint by {key[0].replace('_', ' ')} about {key[1].replace('_', ' ')}"

        def show(r: object, profile: Profile) -> str:
            if r is None:
                return ""
            first = _role(profile, r.first_recipient)  # type: ignore[attr-defined]
            formal = r.formal_route.replace("_", " ")  # type: ignore[attr-defined]
            clause = f" ({r.clause})" if r.clause else ""  # type: ignore[attr-defined]
            return f"first to {first}, then {formal}{clause}"

        out.append(Row("Complaint routes", label, show(routes_a.get(key), a), show(routes_b.get(key), b)))
    return out


def compare_for(m: Membership, other_slug: str) -> tuple[Council, list[Row]]:
    """Raises NotFound, like any council page, when the viewer may not see the other council."""
    other = membership_for(m.person, other_slug).council
    return other, rows(m.council.profile, other.profile)
