"""Pages for decisions of the council and its committees (with the officers' advice), committees' terms of
reference, and councillors' requests for the guidelines behind a delegated decision."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.core.forms import apply_error as _apply
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view
from councildesk.people.models import Committee

from . import explanations, resolutions
from . import forms as f
from .models import Remit, Resolution
from .selectors import decision_get_for


def _committees(m: Membership) -> list[Committee]:
    return list(Committee.objects.filter(council=m.council).exclude(kind=Committee.Kind.PERSONNEL))


@council_view
def resolution_list(request: HttpRequest, m: Membership) -> HttpResponse:
    rows = list(Resolution.objects.filter(council=m.council).select_related("committee")[:200])
    ctx = {"council": m.council, "m": m, "rows": rows, "may_record": m.is_head_officer}
    return render(request, "delegation/resolutions.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def resolution_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not m.is_head_officer:
        raise NotFound("That page")
    committees = _committees(m)
    remits = list(Remit.objects.filter(council=m.council).select_related("committee"))
    form = f.ResolutionForm(
        request.POST or None, initial={"submission_key": uuid.uuid4().hex}, committees=committees, remits=remits
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            row, created = resolutions.resolution_record(
                actor=m.person,
                council=m.council,
                committee=next((c for c in committees if str(c.pk) == d["committee"]), None),
                remit=next((r for r in remits if str(r.pk) == d["remit"]), None),
                title=d["title"],
                text=d["text"],
                minute_ref=d["minute_ref"],
                officer_advice=d["officer_advice"],
                follows_advice=d["follows_advice"],
                departure_reasons=d["departure_reasons"],
                submission_key=d["submission_key"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc, "remit")
        else:
            if created:
                messages.success(request, "The decision is recorded, with the officers' advice beside it.")
            else:
                messages.info(request, "You had already recorded this decision; it was not recorded twice.")
            return redirect("delegation_resolution", slug=m.council.slug, resolution_id=row.pk)
    ctx = {"council": m.council, "m": m, "form": form, "refusal": refusal}
    return render(request, "delegation/resolution_new.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def resolution_detail(request: HttpRequest, m: Membership, resolution_id: int) -> HttpResponse:
    row = Resolution.objects.filter(council=m.council, pk=resolution_id).select_related("committee", "remit").first()
    if row is None:
        raise NotFound("That decision")
    may_implement = row.implemented_on is None and resolutions.may_implement(m)
    refusal = None
    if request.method == "POST":
        if not may_implement:
            raise NotFound("That page")
        try:
            resolutions.resolution_implement(actor=m.person, council=m.council, pk=row.pk)
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = exc
        else:
            messages.success(request, "The decision is recorded as implemented.")
            return redirect("delegation_resolution", slug=m.council.slug, resolution_id=row.pk)
    ctx = {"council": m.council, "m": m, "r": row, "may_implement": may_implement, "refusal": refusal}
    return render(request, "delegation/resolution_detail.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def remit_list(request: HttpRequest, m: Membership) -> HttpResponse:
    committees = _committees(m)
    form = f.RemitForm(request.POST or None, committees=committees) if m.is_head_officer else None
    if request.method == "POST":
        if form is None:
            raise NotFound("That page")
        if form.is_valid():
            d = form.cleaned_data
            try:
                resolutions.remit_add(
                    actor=m.person,
                    council=m.council,
                    committee=next((c for c in committees if str(c.pk) == d["committee"]), None),
                    ref=d["ref"],
                    text=d["text"],
                )
            except ValidationFailed as exc:
                _apply(form, exc)
            else:
                messages.success(request, "The item is in the committee's terms of reference.")
                return redirect("delegation_remits", slug=m.council.slug)
    rows = list(Remit.objects.filter(council=m.council).select_related("committee"))
    ctx = {"council": m.council, "m": m, "rows": rows, "form": form}
    return render(request, "delegation/remits.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def explain(request: HttpRequest, m: Membership, decision_id: int) -> HttpResponse:
    decision = decision_get_for(m, decision_id)
    if not explanations.may_ask(m, decision):
        raise NotFound("That page")
    form = f.QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = explanations.explanation_request(
                actor=m.person, council=m.council, decision_id=decision.pk, question=form.cleaned_data["question"]
            )
        except ValidationFailed as exc:
            _apply(form, exc)
        else:
            messages.success(
                request, f"Your request has gone to {decision.decided_by}, who will explain the guidelines."
            )
            return redirect("delegation_answer", slug=m.council.slug, explanation_id=row.pk)
    guidance, guidance_citations = resolutions.member_guidance(m.council)
    ctx = {
        "council": m.council,
        "m": m,
        "d": decision,
        "form": form,
        "guidance": guidance,
        "guidance_citations": guidance_citations,
        "citations": m.council.profile.cite("DELEGATION_GUIDELINES_EXPLAINED_ON_REQUEST"),
    }
    return render(request, "delegation/explain.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, m: Membership, explanation_id: int) -> HttpResponse:
    row = explanations.explanation_get_for(m, explanation_id)
    may_answer = row.answered_on is None and (row.decision.decided_by_id == m.person.pk or m.is_head_officer)
    form = f.AnswerForm(request.POST or None) if may_answer else None
    if request.method == "POST":
        if form is None:
            raise NotFound("That page")
        if form.is_valid():
            try:
                explanations.explanation_answer(
                    actor=m.person, council=m.council, pk=row.pk, answer=form.cleaned_data["answer"]
                )
            except ValidationFailed as exc:
                _apply(form, exc)
            else:
                messages.success(request, f"Your explanation has been sent to {row.asked_by}.")
                return redirect("delegation_answer", slug=m.council.slug, explanation_id=row.pk)
    ctx = {"council": m.council, "m": m, "e": row, "form": form}
    return render(request, "delegation/answer.html", ctx)
