"""Delegated decision pages, and the public transparency page (no sign-in; published decisions only, no names)."""

from __future__ import annotations

import csv
import json
import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from councildesk.audit import transparency as audit_transparency
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.core.forms import apply_error as _apply
from councildesk.councils.models import Council
from councildesk.declarations.advice import perceived_conflict
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view
from councildesk.people.models import Person

from . import explanations, resolutions, services
from . import forms as f
from .models import Authority
from .selectors import decision_get_for, decisions_for, published_decisions


@council_view
def decision_list(request: HttpRequest, m: Membership) -> HttpResponse:
    ctx = {"council": m.council, "m": m, "rows": decisions_for(m), "may_record": services.may_record(m)}
    return render(request, "delegation/list.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def decision_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not (m.is_member or role_kinds.is_officer(m.kinds)):
        raise NotFound("That page")
    refusal = None
    if not services.may_record(m):
        try:
            services.decision_record(
                actor=m.person, council=m.council, authority=None, title="", summary="", rationale="", submission_key=""
            )
        except ProtocolViolation as exc:
            refusal = exc
        ctx = {"council": m.council, "m": m, "form": None, "refusal": refusal}
        return render(request, "delegation/new.html", ctx)
    authorities = services.held_by(m)
    chairs: dict[int, Person] = {}
    for a in authorities:
        if a.consult_chair:
            for p in services.chairs(m.council, a.committee, m.day):
                chairs[p.pk] = p
    form = f.DecisionForm(
        request.POST or None,
        initial={"submission_key": uuid.uuid4().hex, "published": True},
        authorities=authorities,
        chairs=list(chairs.values()),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        authority = next((a for a in authorities if str(a.pk) == d["authority"]), None)
        if authority is None and d["authority"]:  # an entry the officer does not hold: the service says why
            authority = Authority.objects.filter(council=m.council, pk=d["authority"]).first()
        try:
            row, created = services.decision_record(
                actor=m.person,
                council=m.council,
                authority=authority,
                title=d["title"],
                summary=d["summary"],
                rationale=d["rationale"],
                consultee=chairs.get(int(d["consultee"])) if d["consultee"] else None,
                minute_ref=d["minute_ref"],
                published=d["published"],
                submission_key=d["submission_key"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc, "authority")
        else:
            if created:
                messages.success(request, "The decision is on the register and every councillor has been told.")
                warning = perceived_conflict(m.council, row.consultee, m.person, m.day) if row.consultee else None
                if warning:
                    clauses = "; ".join(f"{c.title}, clause {c.clause}" for c in warning[1])
                    messages.warning(request, f"{warning[0]} ({clauses})")
            else:
                messages.info(request, "You had already recorded this decision; it was not recorded twice.")
            return redirect("delegation_decision", slug=m.council.slug, decision_id=row.pk)
    ctx = {"council": m.council, "m": m, "form": form, "refusal": refusal}
    return render(request, "delegation/new.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def decision_detail(request: HttpRequest, m: Membership, decision_id: int) -> HttpResponse:
    row = decision_get_for(m, decision_id)
    may_implement = row.implemented_on is None and (row.decided_by_id == m.person.pk or m.is_head_officer)
    form = f.ImplementForm(request.POST or None, initial={"minute_ref": row.minute_ref}) if may_implement else None
    refusal = None
    if request.method == "POST":
        if form is None:
            raise NotFound("That page")
        if form.is_valid():
            try:
                services.decision_implement(
                    actor=m.person, council=m.council, pk=row.pk, minute_ref=form.cleaned_data["minute_ref"]
                )
            except (ValidationFailed, ProtocolViolation) as exc:
                refusal = _apply(form, exc, "minute_ref")
            else:
                messages.success(request, "The decision is recorded as implemented.")
                return redirect("delegation_decision", slug=m.council.slug, decision_id=row.pk)
    guidance, guidance_citations = resolutions.member_guidance(m.council) if m.is_member else ("", [])
    ctx = {
        "council": m.council,
        "m": m,
        "d": row,
        "form": form,
        "refusal": refusal,
        "may_ask": explanations.may_ask(m, row),
        "explanations": list(explanations.explanations_visible(m).filter(decision=row).select_related("asked_by")),
        "guidance": guidance,
        "guidance_citations": guidance_citations,
    }
    return render(request, "delegation/detail.html", ctx)


def _public_rows(council: Council) -> list[dict[str, str]]:
    return [
        {
            "reference": str(d.pk),
            "decision": d.title,
            "summary": d.summary,
            "decided_on": d.decided_on.isoformat(),
            "decided_by_post": d.decider_title,
            "delegated_authority": f"{d.authority.ref}: {d.authority.title}",
            "minute": d.minute_ref,
            "implemented_on": d.implemented_on.isoformat() if d.implemented_on else "",
        }
        for d in published_decisions(council)
    ]


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def transparency(request: HttpRequest, slug: str) -> HttpResponse:
    """What the council publishes, without sign-in: its published delegated decisions, with CSV and JSON. No names
    and no reasons: the post that decided, the authority and the summary."""
    council = Council.objects.filter(slug=slug).first()
    if council is None:
        raise NotFound("That council")
    fmt = request.GET.get("format", "")
    if fmt == "json":
        return HttpResponse(
            json.dumps(
                {
                    "council": council.name,
                    "delegated_decisions": _public_rows(council),
                    "audit_checkpoint": audit_transparency.as_json(audit_transparency.latest(council)),
                },
                indent=2,
            ),
            content_type="application/json",
        )
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{council.slug}-delegated-decisions.csv"'
        rows = _public_rows(council)
        writer = csv.DictWriter(response, fieldnames=list(rows[0]) if rows else ["reference"])
        writer.writeheader()
        writer.writerows([{k: _cell(v) for k, v in r.items()} for r in rows])
        return response
    ctx = {"council": council, "rows": published_decisions(council), "published": audit_transparency.latest(council)}
    return render(request, "delegation/transparency.html", ctx)
