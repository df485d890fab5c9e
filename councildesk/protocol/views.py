"""Protocol pages: the document's clauses with their rule ids, and each rule with this council's clause."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from councildesk.people.access import Membership
from councildesk.people.decorators import council_view

from .selectors import clause_get_for, clauses_for, rule_get_for, rules_for


@council_view
def protocol(request: HttpRequest, m: Membership) -> HttpResponse:
    document, clauses = clauses_for(m)
    rule_views = rules_for(m)
    return render(
        request,
        "protocol/protocol.html",
        {
            "council": m.council,
            "m": m,
            "document": document,
            "clauses": clauses,
            "profile": m.council.profile,
            "adopted_count": sum(1 for r in rule_views if r.adopted),
            "rule_count": len(rule_views),
        },
    )


@council_view
def clause(request: HttpRequest, m: Membership, ref: str) -> HttpResponse:
    view = clause_get_for(m, ref)
    rule_views = [rule_get_for(m, rid) for rid in view.rule_ids]
    return render(request, "protocol/clause.html", {"council": m.council, "clause": view, "rule_views": rule_views})


@council_view
def rules_index(request: HttpRequest, m: Membership) -> HttpResponse:
    """Every rule with this council's clause, filtered by area and adoption (htmx swaps just the table)."""
    all_rules = rules_for(m)
    areas = sorted({r.rule.area for r in all_rules})
    area = request.GET.get("area", "")
    adopted_only = request.GET.get("adopted") == "1"
    shown = [r for r in all_rules if (not area or r.rule.area == area) and (r.adopted or not adopted_only)]
    context = {
        "council": m.council,
        "rule_views": shown,
        "areas": areas,
        "area": area,
        "adopted_only": adopted_only,
        "total": len(all_rules),
    }
    template = "protocol/_rules_table.html" if request.htmx else "protocol/rules.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@council_view
def rule(request: HttpRequest, m: Membership, rule_id: str) -> HttpResponse:
    return render(request, "protocol/rule.html", {"council": m.council, "view": rule_get_for(m, rule_id)})
