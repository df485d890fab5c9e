"""Declaration pages. A declaration the viewer may not open answers 404 exactly like a missing id, and every opening
is logged. Like every signed-in page, these are private (no-store) through the security middleware."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from councildesk.core.errors import ProtocolViolation, ValidationFailed
from councildesk.core.forms import apply_error as _apply
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view

from . import advice, services
from . import forms as f
from .models import DeclarationOpening
from .selectors import declaration_get_for, declaration_list_for, sees_register


def _may_declare(m: Membership) -> bool:
    return bool(m.kinds & (role_kinds.MEMBER_KINDS | role_kinds.OFFICER_KINDS))


@council_view
def declaration_list(request: HttpRequest, m: Membership) -> HttpResponse:
    rows = declaration_list_for(m)
    guidance, guidance_citations = services.guidance(m.council)
    ctx = {
        "council": m.council,
        "m": m,
        "rows": rows,
        "register": sees_register(m),
        "may_declare": _may_declare(m),
        "may_ask_advice": advice.may_ask(m),
        "guidance": guidance,
        "guidance_citations": guidance_citations,
    }
    return render(request, "declarations/list.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def declaration_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not _may_declare(m):
        from councildesk.core.errors import NotFound

        raise NotFound("That page")
    people = services.counterparts(m)
    form = f.DeclareForm(request.POST or None, initial={"submission_key": uuid.uuid4().hex}, people=people)
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        counterpart = next((p for p in people if str(p.pk) == d["counterpart"]), None)
        try:
            row, created = services.declaration_make(
                actor=m.person,
                council=m.council,
                counterpart=counterpart,
                nature=d["nature"],
                details=d["details"],
                submission_key=d["submission_key"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            if created:
                messages.success(request, f"Your declaration was sent in writing to {row.sent_to}.")
            else:
                messages.info(request, "You had already sent this declaration; it was not sent twice.")
            return redirect("declaration", slug=m.council.slug, declaration_id=row.pk)
    guidance, guidance_citations = services.guidance(m.council)
    ctx = {
        "council": m.council,
        "m": m,
        "form": form,
        "refusal": refusal,
        "guidance": guidance,
        "guidance_citations": guidance_citations,
    }
    return render(request, "declarations/new.html", ctx)


@council_view
def declaration_detail(request: HttpRequest, m: Membership, declaration_id: int) -> HttpResponse:
    row = services.declaration_open(actor=m.person, council=m.council, pk=declaration_id, via="page")
    openings = list(DeclarationOpening.objects.filter(declaration=row).select_related("person")[:50])
    may_end = row.ended_on is None and (row.declarer_id == m.person.pk or role_kinds.MONITORING_OFFICER in m.kinds)
    ctx = {"council": m.council, "m": m, "d": row, "openings": openings, "may_end": may_end}
    return render(request, "declarations/detail.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def declaration_end(request: HttpRequest, m: Membership, declaration_id: int) -> HttpResponse:
    row = declaration_get_for(m, declaration_id)
    form = f.EndForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            services.declaration_end(actor=m.person, council=m.council, pk=row.pk, reason=form.cleaned_data["reason"])
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, "The connection is recorded as ended.")
            return redirect("declaration", slug=m.council.slug, declaration_id=row.pk)
    ctx = {"council": m.council, "m": m, "d": row, "form": form, "refusal": refusal}
    return render(request, "declarations/end.html", ctx)
