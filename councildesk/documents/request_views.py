"""Need-to-know pages: ask to see an agenda item's papers, the requests list, one request with its decision,
recording the consultation, deciding, challenging; and statutory (FOI/EIR) requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from councildesk.calendars.statutory import REGIME_LABELS, Regime
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core.dates import long_date
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view
from councildesk.people.models import Person
from councildesk.people.selectors import role_holders

from . import forms as f
from . import need_to_know, rules, statutory
from .models import AccessRequest, Decision, Document
from .permissions import Access
from .selectors import (
    documents_for,
    meeting_item_get_for,
    request_detail,
    request_get_for,
    requests_for,
    statutory_requests_for,
)
from .views import apply_problems

REQUESTS_SHOWN = 100


def _ctx(a: Access, **extra: Any) -> dict[str, Any]:
    return {"council": a.m.council, "m": a.m, "a": a, **extra}


@council_view
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, m: Membership, item_id: int) -> HttpResponse:
    a = Access(m)
    if not a.may_request:
        raise NotFound("That page")
    item = meeting_item_get_for(a, item_id)
    profile = m.council.profile
    form = f.RequestForm(
        request.POST or None,
        confidential=profile.adopts(R.ACCESS_CONFIDENTIAL_ADVICE_ON_REQUEST),
        interest=profile.adopts(R.ACCESS_INTEREST_ADVICE),
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            req = need_to_know.request_make(
                actor=m.person,
                council=m.council,
                meeting_item=item,
                need=d["need"],
                justification=d["justification"],
                personal_data_justification=d["personal_data_justification"],
                confidential=d.get("confidential", False),
                interest=d.get("interest", False),
            )
        except need_to_know.DuplicateRequest as exc:
            messages.info(request, exc.message)
            return redirect("document_request", slug=m.council.slug, request_id=exc.existing.pk)
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = apply_problems(form, exc)
        else:
            messages.success(request, _made_message(req))
            return redirect("document_request", slug=m.council.slug, request_id=req.pk)
    decider_title = profile.title_for(a.policy.decider_kind)
    private = profile.cite(R.ACCESS_REQUESTS_PRIVATE_TO_REQUESTER)
    return render(
        request,
        "documents/request_new.html",
        _ctx(a, form=form, item=item, decider_title=decider_title, refusal=refusal, private=private),
    )


def _made_message(req: AccessRequest) -> str:
    if req.status == AccessRequest.Status.GRANTED:
        return f"Request {req.pk} granted: the papers you may see are listed below."
    if req.status == AccessRequest.Status.REFUSED:
        return f"Request {req.pk} was decided straight away: the reasons are below."
    return f"Request {req.pk} sent. You will be told when it is decided."


@council_view
def request_list(request: HttpRequest, m: Membership) -> HttpResponse:
    a = Access(m)
    rows = list(requests_for(a)[:REQUESTS_SHOWN])
    return render(request, "documents/requests.html", _ctx(a, rows=rows))


def _held_back(detail: dict[str, Any]) -> bool:
    """Whether the latest decision held any paper back (a partial grant)."""
    decisions = detail.get("decisions") or []
    return bool(decisions and getattr(decisions[-1], "barriers", None))


def _request_page(request: HttpRequest, a: Access, req: AccessRequest, **extra: Any) -> HttpResponse:
    detail = request_detail(req)
    review = req.status == AccessRequest.Status.CHALLENGED
    granted_ids = [i for d in detail["decisions"] for i in d.granted_document_ids]  # type: ignore[attr-defined]
    # Only papers the viewer may open are named; a refused paper is never titled.
    granted = list(documents_for(a).filter(pk__in=granted_ids).only("pk", "title"))
    context = _ctx(
        a,
        req=req,
        granted=granted,
        is_requester=req.requester_id == a.m.person.pk,
        may_decide=req.status in rules.OPEN_STATES
        and rules.may_decide(a.policy, a.viewer, review=review, requester_id=req.requester_id),
        may_consult=req.status in rules.OPEN_STATES
        and rules.may_record_consultation(a.policy, a.viewer, requester_id=req.requester_id),
        # Only a refusal (in whole or in part) is worth challenging: a requester granted everything has nothing to
        # challenge.
        may_challenge=req.requester_id == a.m.person.pk
        and req.status in (AccessRequest.Status.GRANTED, AccessRequest.Status.REFUSED)
        and (req.status == AccessRequest.Status.REFUSED or _held_back(detail))
        and not detail["challenges"],
        consult_titles=[a.m.council.profile.title_for(k) for k in a.policy.consult_kinds],
        **detail,
        **extra,
    )
    return render(request, "documents/request.html", context)


@council_view
def request_detail_page(request: HttpRequest, m: Membership, request_id: int) -> HttpResponse:
    a = Access(m)
    return _request_page(request, a, request_get_for(a, request_id))


def _consultees(a: Access) -> list[tuple[str, Person]]:
    kinds = list(dict.fromkeys([*a.policy.consult_kinds, a.policy.head_officer_kind]))
    return [(kind, person) for kind in kinds for person in role_holders(a.m.council, [kind], a.m.day)]


@council_view
@require_http_methods(["GET", "POST"])
def request_consult(request: HttpRequest, m: Membership, request_id: int) -> HttpResponse:
    a = Access(m)
    req = request_get_for(a, request_id)
    if not rules.may_record_consultation(a.policy, a.viewer, requester_id=req.requester_id):
        raise NotFound("That page")
    consultees = _consultees(a)
    form = f.ConsultationForm(request.POST or None, consultees=consultees, title_for=m.council.profile.title_for)
    if request.method == "POST" and form.is_valid():
        kind, _, pk = form.cleaned_data["consultee"].partition(":")
        consultee = next(p for k, p in consultees if k == kind and str(p.pk) == pk)
        try:
            need_to_know.consultation_record(
                actor=m.person,
                request=req,
                consultee=consultee,
                consultee_kind=kind,
                advice=form.cleaned_data["advice"],
            )
        except ValidationFailed as exc:
            apply_problems(form, exc)
        else:
            messages.success(request, "Advice recorded. The decider can now decide the request.")
            return redirect("document_request", slug=m.council.slug, request_id=req.pk)
    heading = f"Record the consultation on request {req.pk}"
    return render(request, "documents/form.html", _ctx(a, form=form, heading=heading, submit="Record the advice"))


@implements(R.ACCESS_EQUAL_NEED_EQUAL_TREATMENT)
def _earlier_decisions(req: AccessRequest) -> list[Decision]:
    """002 4.2: the same need should get the same answer, so earlier decisions on this item are shown alongside."""
    return list(
        Decision.objects.filter(request__meeting_item=req.meeting_item)
        .exclude(request=req)
        .select_related("request__requester")
        .order_by("-decided_at")[:20]
    )


@council_view
@require_http_methods(["GET", "POST"])
def request_decide(request: HttpRequest, m: Membership, request_id: int) -> HttpResponse:
    a = Access(m)
    req = request_get_for(a, request_id)
    review = req.status == AccessRequest.Status.CHALLENGED
    if not rules.may_decide(a.policy, a.viewer, review=review, requester_id=req.requester_id):
        raise NotFound("That page")
    form = f.DecisionForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            need_to_know.request_decide(
                actor=m.person,
                request=req,
                grant=d["outcome"] == "grant",
                reasons=d["reasons"],
                grounds=d["grounds"] if d["outcome"] == "refuse" else [],
                purpose=d["purpose"],
                expires_on=d["expires_on"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = apply_problems(form, exc)
        else:
            messages.success(request, f"Decision recorded on request {req.pk}. The requester has been told.")
            return redirect("document_request", slug=m.council.slug, request_id=req.pk)
    papers = Document.objects.filter(meeting_item=req.meeting_item).order_by("id")
    heading = f"{'Review' if review else 'Decide'} request {req.pk}"
    equal = m.council.profile.clause(R.ACCESS_EQUAL_NEED_EQUAL_TREATMENT)
    context = _ctx(
        a,
        form=form,
        heading=heading,
        req=req,
        papers=papers,
        earlier=_earlier_decisions(req) if equal else [],
        equal_clause=equal,
        refusal=refusal,
    )
    return render(request, "documents/decide.html", context)


@council_view
@require_http_methods(["GET", "POST"])
def request_challenge(request: HttpRequest, m: Membership, request_id: int) -> HttpResponse:
    a = Access(m)
    req = request_get_for(a, request_id)
    if req.requester_id != m.person.pk:
        raise NotFound("That page")
    form = f.ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need_to_know.request_challenge(actor=m.person, request=req, grounds=form.cleaned_data["grounds"])
        except ValidationFailed as exc:
            apply_problems(form, exc)
        else:
            messages.success(request, "Your challenge was sent. You will be told the outcome of the review.")
            return redirect("document_request", slug=m.council.slug, request_id=req.pk)
    heading = f"Challenge the decision on request {req.pk}"
    return render(request, "documents/form.html", _ctx(a, form=form, heading=heading, submit="Send the challenge"))


@council_view
@require_http_methods(["GET", "POST"])
def statutory_list(request: HttpRequest, m: Membership) -> HttpResponse:
    """Statutory requests; the head officer extends an EIR request here (the council's decision, not the
    requester's choice)."""
    a = Access(m)
    if request.method == "POST":
        pk = request.POST.get("extend", "")
        if not m.is_head_officer or not pk.isdigit():
            raise NotFound("That page")
        req = statutory.statutory_request_extend(actor=m.person, council=m.council, pk=int(pk))
        messages.success(request, f"The EIR request was extended: it is now due by {long_date(req.due)}.")
        return redirect("statutory_requests", slug=m.council.slug)
    rows = list(statutory_requests_for(a).order_by("-received", "-id")[:REQUESTS_SHOWN])
    for r in rows:
        r.skipped_shown = [  # type: ignore[attr-defined]
            {"day": long_date(dt.date.fromisoformat(s["day"])), "reason": s["reason"]} for s in r.skipped_days
        ]
    labels = {r.value: REGIME_LABELS[r] for r in Regime}
    context = _ctx(a, rows=rows, labels=labels, may_extend=m.is_head_officer)
    return render(request, "documents/statutory.html", context)


@council_view
@require_http_methods(["GET", "POST"])
def statutory_new(request: HttpRequest, m: Membership) -> HttpResponse:
    a = Access(m)
    if not a.viewer.is_member:
        raise NotFound("That page")
    form = f.StatutoryForm(request.POST or None, scotland=m.council.nation == "scotland")
    if request.method == "POST" and form.is_valid():
        try:
            statutory.statutory_request_make(
                actor=m.person,
                council=m.council,
                regime=form.cleaned_data["regime"],
                description=form.cleaned_data["description"],
            )
        except ValidationFailed as exc:
            apply_problems(form, exc)
        else:
            messages.success(request, "Your request was sent. The council must answer it by the date shown below.")
            return redirect("statutory_requests", slug=m.council.slug)
    heading = "Ask under Freedom of Information or the Environmental Information Regulations"
    return render(request, "documents/form.html", _ctx(a, form=form, heading=heading, submit="Send the request"))
