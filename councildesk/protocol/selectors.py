"""Reads of a council's protocol: clauses with the rule ids that implement them, and rules with their clauses.

Until a council imports its document, clauses come from the profile's references and the catalogue's own
summaries, so every page works from day one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from councildesk.catalogue import Rule, rules
from councildesk.catalogue.references import NOT_ADOPTED, ReferenceSyntaxError, parse_reference
from councildesk.core.errors import NotFound
from councildesk.councils.models import Council
from councildesk.people.access import Membership

from .models import Clause, ProtocolDocument


@dataclass
class ClauseView:
    ref: str
    heading: str = ""
    text: str = ""  # empty when the document has not been imported
    items: list[str] = field(default_factory=list)
    printed: str = ""
    rule_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RuleView:
    rule: Rule
    clauses: list[str]  # this council's references, empty when not adopted
    title: str = ""  # the plain-English headline, with this council's title for its head officer

    @property
    def adopted(self) -> bool:
        return bool(self.clauses)

    @property
    def clause(self) -> str:
        """The references as one string, for ``clause_links``."""
        return "; ".join(self.clauses)


def rules_by_unit(council: Council) -> dict[str, list[str]]:
    """Unit reference -> rule ids citing it, from the council's profile."""
    mapping: dict[str, list[str]] = defaultdict(list)
    for rule_id, refs in council.profile.clauses.items():
        if refs == NOT_ADOPTED:
            continue
        for ref in refs:
            try:
                unit = parse_reference(ref).unit
            except ReferenceSyntaxError:
                continue
            if rule_id not in mapping[unit]:
                mapping[unit].append(rule_id)
    return {unit: sorted(ids) for unit, ids in mapping.items()}


def current_document(council: Council) -> ProtocolDocument | None:
    return ProtocolDocument.objects.filter(council=council, is_current=True).first()


def clauses_for(m: Membership) -> tuple[ProtocolDocument | None, list[ClauseView]]:
    """Every clause of the current document (or, before import, every clause the profile cites)."""
    council = m.council
    by_unit = rules_by_unit(council)
    document = current_document(council)
    if document is None:
        return None, [ClauseView(ref=unit, rule_ids=ids) for unit, ids in sorted(by_unit.items(), key=_order)]
    clauses = Clause.objects.filter(document=document).order_by("position")
    return document, [_view(c, by_unit) for c in clauses]


def clause_get_for(m: Membership, ref: str) -> ClauseView:
    by_unit = rules_by_unit(m.council)
    document = current_document(m.council)
    if document is None:
        if ref not in by_unit:
            raise NotFound("That clause")
        return ClauseView(ref=ref, rule_ids=by_unit[ref])
    clause = Clause.objects.filter(document=document, ref=ref).first()
    if clause is None:
        raise NotFound("That clause")
    return _view(clause, by_unit)


@dataclass(frozen=True)
class Located:
    """Where a clause reference points: the unit that holds it and the items it names."""

    unit: str
    items: tuple[str, ...]


def locate(m: Membership, ref: str) -> Located:
    """The unit holding ``ref`` ("5.4(i)" -> 5.4, item i; "3.5 (printed 3.3.5)" -> 3.5). ``NotFound`` otherwise."""
    try:
        parsed = parse_reference(ref)
    except ReferenceSyntaxError:
        raise NotFound("That clause") from None
    clause_get_for(m, parsed.unit)  # the unit must exist here
    return Located(parsed.unit, parsed.items)


def _view(clause: Clause, by_unit: dict[str, list[str]]) -> ClauseView:
    return ClauseView(
        ref=clause.ref,
        heading=clause.heading,
        text=clause.text,
        items=list(clause.items),
        printed=clause.printed,
        rule_ids=by_unit.get(clause.ref, []),
    )


def rules_for(m: Membership) -> list[RuleView]:
    profile = m.council.profile
    views = []
    for rule_id, rule in rules().items():
        refs = profile.clauses.get(rule_id, NOT_ADOPTED)
        views.append(RuleView(rule, [] if refs == NOT_ADOPTED else list(refs), profile.title(rule_id)))
    return views


def rule_get_for(m: Membership, rule_id: str) -> RuleView:
    for view in rules_for(m):
        if view.rule.id == rule_id:
            return view
    raise NotFound("That rule")


def _order(item: tuple[str, list[str]]) -> tuple[int, ...] | tuple[int, str]:
    unit = item[0]
    parts = unit.split(" ")[0].split(".")
    if all(p.isdigit() for p in parts):
        return tuple(int(p) for p in parts)
    return (10_000, unit)
