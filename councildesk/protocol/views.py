"""Protocol pages: the document's clauses with the rules that apply them, and each rule with this council's clause."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from councildesk.core.errors import NotFound
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view

from . import about
from .display import clause_lines, item_anchor
from .permissions import can_keep_protocol
from .selectors import clause_get_for, clauses_for, locate, rule_get_for, rules_for
from .versions import version_in_force, versions_of


@council_view
def protocol(request: HttpRequest, m: Membership) -> HttpResponse:
    document, clauses = clauses_for(m)
    rule_views = rules_for(m)
    profile = m.council.profile
    in_force = version_in_force(m.council, m.day)
    related, _ = about.related_for(profile)
    return render(
        request,
        "protocol/protocol.html",
        {
            "council": m.council,
            "m": m,
            "document": document,
            "clauses": clauses,
            "profile": m.council.profile,
            "rule_titles": {r.rule.id: r.title for r in rule_views},
            "versions": versions_of(m.council) or _profile_versions(m),
            "in_force": in_force,
            "date_warning": about.effective_date_warning(profile, in_force),
            "terms": about.terms_for(profile),
            "related": related,
            "can_keep": can_keep_protocol(m),
            "adopted_count": sum(1 for r in rule_views if r.adopted),
            "rule_count": len(rule_views),
        },
    )


@council_view
def clause(request: HttpRequest, m: Membership, ref: str) -> HttpResponse:
    """A clause. A sub-clause reference ("5.4(i)", "Councillors ¶5 •7") redirects to its holder, at the item."""
    try:
        view = clause_get_for(m, ref)
    except NotFound:
        at = locate(m, ref)
        url = reverse("clause", args=[m.council.slug, at.unit])
        if at.items:
            url += "?" + urlencode({"at": ",".join(at.items)}) + "#" + item_anchor(at.items[0])
        return HttpResponseRedirect(url)
    marked = tuple(i for i in request.GET.get("at", "").split(",") if i)
    rule_views = [rule_get_for(m, rid) for rid in view.rule_ids]
    return render(
        request,
        "protocol/clause.html",
        {
            "council": m.council,
            "clause": view,
            "lines": clause_lines(view.text, view.items, marked),
            "rule_views": rule_views,
        },
    )


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


def _profile_versions(m: Membership) -> list[dict[str, object]]:
    """Before the versions are recorded, the profile's history (the council's document) is shown as it stands."""
    return [
        {**v.model_dump(), "status": "live" if v.approved else "draft", "pk": None}
        for v in m.council.profile.protocol.versions
    ]
