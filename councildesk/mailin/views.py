"""The Clerk's quarantine: what intake could not place safely, with the reason, and the three decisions on it
(release to its conversation, open as an enquiry for a councillor, reject). Thin: parse, call one service or
selector, render. A refusal keeps what was typed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from councildesk.core.errors import ProtocolViolation, ValidationFailed
from councildesk.core.forms import apply_error
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view
from councildesk.people.kinds import MEMBER_KINDS
from councildesk.people.selectors import role_holders

from . import selectors, services
from .forms import EnquiryForm, RejectForm
from .models import InboundEmail


@council_view
def quarantine(request: HttpRequest, m: Membership) -> HttpResponse:
    page = selectors.quarantine_page_for(m, request.GET.get("page", 1))
    return render(
        request,
        "mailin/quarantine.html",
        {"council": m.council, "m": m, "page": page, "counts": selectors.counts_for(m)},
    )


@council_view
@require_http_methods(["GET", "POST"])
def held_email(request: HttpRequest, m: Membership, inbound_id: int) -> HttpResponse:
    email = selectors.held_email_for(m, inbound_id)
    councillors = role_holders(m.council, MEMBER_KINDS, m.day)
    action = request.POST.get("action", "")
    enquiry_form = EnquiryForm(request.POST if action == "enquiry" else None, councillors=councillors)
    reject_form = RejectForm(request.POST if action == "reject" else None)
    release_error = ""
    if request.method == "POST":
        try:
            if action == "release":
                done = services.release(actor=m.person, council=m.council, email_id=email.pk)
                messages.success(request, f"The email was released. {done.placed_as}.")
                return redirect("mail_quarantine", slug=m.council.slug)
            if action == "enquiry" and enquiry_form.is_valid():
                done = services.open_as_enquiry(
                    actor=m.person,
                    council=m.council,
                    email_id=email.pk,
                    councillor_id=enquiry_form.cleaned_data["councillor"],
                )
                messages.success(request, f"The email was opened as {done.placed_as}.")
                return redirect("mail_quarantine", slug=m.council.slug)
            if action == "reject" and reject_form.is_valid():
                services.reject(
                    actor=m.person, council=m.council, email_id=email.pk, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(request, "The email was rejected. It is kept with your reason.")
                return redirect("mail_quarantine", slug=m.council.slug)
        except (ValidationFailed, ProtocolViolation) as exc:
            if action == "enquiry":
                apply_error(enquiry_form, exc, "councillor")
            elif action == "reject":
                apply_error(reject_form, exc, "reason")
            else:
                release_error = exc.message
    context: dict[str, Any] = {
        "council": m.council,
        "m": m,
        "email": email,
        "held": email.status == InboundEmail.Status.QUARANTINED,
        "enquiry_form": enquiry_form,
        "reject_form": reject_form,
        "release_error": release_error,
    }
    failed = bool(release_error or enquiry_form.errors or reject_form.errors)
    return render(request, "mailin/held.html", context, status=400 if failed else 200)
