"""Payment and contract pages, and the register of authorised signatories. Every signed-in page is private
(no-store) through the security middleware."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.core.forms import apply_error as _apply
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view
from councildesk.people.selectors import role_holders

from . import forms as f
from . import rules, services
from .models import Signature
from .selectors import commitment_get_for, commitments_for, signatories_current


def _ctx(m: Membership, **extra: Any) -> dict[str, Any]:
    guidance, guidance_citations = services.guidance(m.council)
    return {"council": m.council, "m": m, "guidance": guidance, "guidance_citations": guidance_citations, **extra}


def _with_role(m: Membership) -> bool:
    return bool(m.kinds & (role_kinds.MEMBER_KINDS | role_kinds.OFFICER_KINDS))


@council_view
def commitment_list(request: HttpRequest, m: Membership) -> HttpResponse:
    ctx = _ctx(
        m,
        rows=commitments_for(m),
        signatories=list(signatories_current(m.council, m.day)),
        may_raise=services.may_raise(m),
        with_role=_with_role(m),
    )
    return render(request, "finance/list.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def commitment_new(request: HttpRequest, m: Membership) -> HttpResponse:
    """Officers raise payments and contracts here; a councillor may fill it in, and is told why it is refused,
    with the council's clause, keeping what they typed."""
    if not _with_role(m):
        raise NotFound("That page")
    form = f.CommitmentForm(request.POST or None, initial={"submission_key": uuid.uuid4().hex, "kind": rules.PAYMENT})
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            row, created = services.commitment_raise(
                actor=m.person,
                council=m.council,
                kind=d["kind"],
                payee=d["payee"],
                description=d["description"],
                amount=d["amount"],
                minute_ref=d["minute_ref"],
                delegated_ref=d["delegated_ref"],
                submission_key=d["submission_key"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc, "kind")
        else:
            if created:
                messages.success(request, "Recorded. It now waits for the authorised signatories to sign it.")
            else:
                messages.info(request, "You had already recorded this; it was not recorded twice.")
            return redirect("finance_item", slug=m.council.slug, commitment_id=row.pk)
    return render(request, "finance/new.html", _ctx(m, form=form, refusal=refusal, may_raise=services.may_raise(m)))


@council_view
@require_http_methods(["GET", "POST"])
def commitment_detail(request: HttpRequest, m: Membership, commitment_id: int) -> HttpResponse:
    row = commitment_get_for(m, commitment_id)
    refusal = None
    if request.method == "POST":
        try:
            services.commitment_sign(actor=m.person, council=m.council, pk=row.pk)
        except ProtocolViolation as exc:
            refusal = exc
        else:
            messages.success(request, "Your signature has been recorded.")
            return redirect("finance_item", slug=m.council.slug, commitment_id=row.pk)
    signatures = list(Signature.objects.filter(commitment=row).select_related("person"))
    is_signatory = signatories_current(m.council, m.day).filter(person=m.person).exists()
    ctx = _ctx(m, c=row, signatures=signatures, is_signatory=is_signatory, refusal=refusal)
    return render(request, "finance/detail.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def signatories(request: HttpRequest, m: Membership) -> HttpResponse:
    """The register of authorised signatories; the head officer records the council's appointments here."""
    people = role_holders(m.council, sorted(role_kinds.MEMBER_KINDS | role_kinds.OFFICER_KINDS), m.day)
    form = f.SignatoryForm(request.POST or None, people=people) if m.is_head_officer else None
    refusal = None
    if request.method == "POST":
        if form is None:
            raise NotFound("That page")
        if "end" in request.POST:
            try:
                row = services.signatory_end(actor=m.person, council=m.council, pk=int(request.POST["end"] or 0))
            except ValueError:
                raise NotFound("That signatory") from None
            messages.success(request, f"{row.person} is no longer an authorised signatory.")
            return redirect("finance_signatories", slug=m.council.slug)
        if form.is_valid():
            d = form.cleaned_data
            person = next((p for p in people if str(p.pk) == d["person"]), None)
            try:
                row = services.signatory_appoint(
                    actor=m.person, council=m.council, person=person, minute_ref=d["minute_ref"]
                )
            except (ValidationFailed, ProtocolViolation) as exc:
                refusal = _apply(form, exc)
            else:
                messages.success(request, f"{row.person} is on the register of authorised signatories.")
                return redirect("finance_signatories", slug=m.council.slug)
    rows = list(signatories_current(m.council, m.day))
    return render(request, "finance/signatories.html", _ctx(m, rows=rows, form=form, refusal=refusal))
