"""Document pages: the list, one paper, its download (through the gate, never a shareable link), upload,
reclassification, the agenda, onward disclosure and the disclosure log. Request pages are in
``request_views.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view
from councildesk.people.kinds import MEMBER_KINDS
from councildesk.people.models import Committee, Person
from councildesk.people.selectors import role_holders

from . import forms as f
from . import onward, rules, services
from .exports import disclosure_log_csv_response
from .models import AccessRequest, Document, Grant, MeetingItem
from .permissions import Access
from .schedule12a import describe
from .selectors import (
    disclosure_log_for,
    document_get_for,
    document_page_for,
    documents_for,
    open_basis_for,
)

NO_STORE = "private, no-store, max-age=0"


def apply_problems(form: forms.Form, exc: ValidationFailed | ProtocolViolation) -> ProtocolViolation | None:
    """Put a refusal on the form, so the page shows it beside what the person typed. A protocol refusal is
    returned too, for the page to show its rules and clauses."""
    if isinstance(exc, ProtocolViolation):
        form.add_error(None, exc.reason)
        return exc
    for field, problem in (exc.problems or {}).items():
        form.add_error(field if field in form.fields else None, problem)
    if not exc.problems:
        form.add_error(None, exc.message)
    return None


def _ctx(a: Access, **extra: Any) -> dict[str, Any]:
    return {"council": a.m.council, "m": a.m, "a": a, **extra}


@council_view
def document_list(request: HttpRequest, m: Membership) -> HttpResponse:
    a = Access(m)
    classification = request.GET.get("classification", "")
    search = request.GET.get("q", "")[:100]
    page = document_page_for(a, request.GET.get("page"), classification=classification, search=search)
    return render(
        request,
        "documents/list.html",
        _ctx(a, page=page, classification=classification, classifications=rules.CLASSIFICATIONS, q=search),
    )


@council_view
def document_detail(request: HttpRequest, m: Membership, doc_id: int) -> HttpResponse:
    a = Access(m)
    doc = document_get_for(a, doc_id)
    basis, grant = open_basis_for(a, doc)
    grants: list[Grant] = []
    if a.is_handler:
        grants = list(
            live_grants_for_document(doc.pk, m).select_related("person", "request").order_by("-created_at")[:50]
        )
    context = _ctx(
        a, doc=doc, basis=basis, grant=grant, grants=grants, exempt_description=describe(doc.exempt_paragraph)
    )
    return render(request, "documents/detail.html", context)


def live_grants_for_document(doc_id: int, m: Membership) -> Any:
    return Grant.objects.filter(document_id=doc_id, council=m.council, revoked_at__isnull=True).exclude(
        expires_on__lt=m.day
    )


@council_view
def document_download(request: HttpRequest, m: Membership, doc_id: int) -> HttpResponseBase:
    """Runs the gate for the signed-in person on every request: a copied URL opens nothing for anyone else."""
    opened = services.document_open(actor=m.person, council=m.council, pk=doc_id)
    response = FileResponse(
        opened.stream,
        as_attachment=True,
        filename=opened.document.filename,
        content_type=opened.document.content_type,
    )
    response["Cache-Control"] = NO_STORE
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@council_view
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, m: Membership) -> HttpResponse:
    a = Access(m)
    if not a.may_manage:
        raise NotFound("That page")
    items = list(MeetingItem.objects.filter(council=m.council).select_related("committee")[:200])
    committees = list(Committee.objects.filter(council=m.council))
    form = f.UploadForm(request.POST or None, request.FILES or None, items=items, committees=committees)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        upload = d["file"]
        try:
            doc = services.document_upload(
                actor=m.person,
                council=m.council,
                data=upload.read(settings.COUNCILDESK_MAX_DOCUMENT_BYTES + 1),  # never more than the limit
                filename=upload.name or "",
                title=d["title"],
                classification=d["classification"],
                committee=next((c for c in committees if str(c.pk) == d["committee"]), None),
                meeting_item=next((i for i in items if str(i.pk) == d["meeting_item"]), None),
                personal_data=d["personal_data"],
                exemption=_exemption(d),
            )
        except ValidationFailed as exc:
            apply_problems(form, exc)
        else:
            messages.success(request, f"“{doc.title}” uploaded.")
            return redirect("document", slug=m.council.slug, doc_id=doc.pk)
    return render(request, "documents/form.html", _ctx(a, form=form, heading="Upload a document", submit="Upload"))


def _exemption(d: dict[str, Any]) -> services.Exemption:
    return services.Exemption(
        paragraph=d.get("exempt_paragraph"),
        reason=d.get("exempt_reason") or "",
        restricted_to=d.get("restricted_to") or "",
        public_on=d.get("public_on"),
    )


@council_view
@require_http_methods(["GET", "POST"])
def document_reclassify(request: HttpRequest, m: Membership, doc_id: int) -> HttpResponse:
    a = Access(m)
    if not a.may_manage:
        raise NotFound("That document")
    doc = document_get_for(a, doc_id)
    initial = {
        "classification": doc.classification,
        "personal_data": doc.personal_data,
        "exempt_paragraph": doc.exempt_paragraph,
        "exempt_reason": doc.exempt_reason,
        "restricted_to": doc.restricted_to,
        "public_on": doc.public_on,
    }
    form = f.ReclassifyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.document_reclassify(
                actor=m.person,
                document=doc,
                classification=d["classification"],
                reason=d["reason"],
                personal_data=d["personal_data"],
                exemption=_exemption(d),
            )
        except ValidationFailed as exc:
            apply_problems(form, exc)
        else:
            messages.success(request, f"“{doc.title}” reclassified.")
            return redirect("document", slug=m.council.slug, doc_id=doc.pk)
    heading = f"Reclassify “{doc.title}”"
    return render(request, "documents/form.html", _ctx(a, form=form, heading=heading, submit="Reclassify"))


def _councillors(m: Membership) -> list[Person]:
    return role_holders(m.council, MEMBER_KINDS, m.day)


@council_view
@require_http_methods(["GET", "POST"])
def document_onward(request: HttpRequest, m: Membership, doc_id: int) -> HttpResponse:
    a = Access(m)
    if not a.may_disclose_onward:
        raise NotFound("That document")
    doc = document_get_for(a, doc_id)
    sources = list(live_grants_for_document(doc.pk, m).filter(basis=rules.BASIS_NEED_TO_KNOW).select_related("person"))
    form = f.OnwardForm(request.POST or None, sources=sources, recipients=_councillors(m))
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        source = next(g for g in sources if str(g.pk) == d["source"])
        recipient = Person.objects.get(pk=int(d["recipient"]))
        try:
            onward.onward_disclose(
                actor=m.person, source=source, recipient=recipient, equal_need=d["equal_need"], reasons=d["reasons"]
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = apply_problems(form, exc)
        else:
            messages.success(request, f"“{doc.title}” passed on.")
            return redirect("document", slug=m.council.slug, doc_id=doc.pk)
    heading = f"Pass “{doc.title}” to another councillor"
    return render(
        request,
        "documents/form.html",
        _ctx(a, form=form, heading=heading, submit="Pass on", doc=doc, no_sources=not sources, refusal=refusal),
    )


@council_view
def meeting_items(request: HttpRequest, m: Membership) -> HttpResponse:
    """The agenda: the items members can ask to see papers for (the papers themselves are listed only to those
    who may open them)."""
    a = Access(m)
    items = list(
        MeetingItem.objects.filter(council=m.council)
        .select_related("committee")
        .order_by("committee__name", "-meeting_date", "item_number")[:200]
    )
    ids = [i.pk for i in items]
    totals = {
        row["meeting_item_id"]: row["n"]
        for row in Document.objects.filter(council=m.council, meeting_item_id__in=ids)
        .order_by()
        .values("meeting_item_id")
        .annotate(n=Count("id"))
    }
    openable: dict[int, list[Document]] = {}
    for doc in documents_for(a).filter(meeting_item_id__in=ids).only("pk", "title", "meeting_item_id"):
        openable.setdefault(doc.meeting_item_id or 0, []).append(doc)
    asked = dict(
        AccessRequest.objects.filter(council=m.council, requester=m.person, meeting_item_id__in=ids)
        .exclude(status=AccessRequest.Status.REFUSED)
        .values_list("meeting_item_id", "pk")
    )
    groups: dict[tuple[str, dt.date], list[MeetingItem]] = {}
    for item in items:
        item.papers = openable.get(item.pk, [])  # type: ignore[attr-defined]
        item.closed_papers = totals.get(item.pk, 0) - len(item.papers)  # type: ignore[attr-defined]
        item.asked = asked.get(item.pk)  # type: ignore[attr-defined]
        groups.setdefault((item.committee.name, item.meeting_date), []).append(item)
    meetings = [{"committee": c, "date": d, "items": rows} for (c, d), rows in groups.items()]
    return render(request, "documents/agenda.html", _ctx(a, meetings=meetings, count=len(items)))


@council_view
@require_http_methods(["GET", "POST"])
def meeting_item_new(request: HttpRequest, m: Membership) -> HttpResponse:
    a = Access(m)
    if not a.may_manage:
        raise NotFound("That page")
    committees = list(Committee.objects.filter(council=m.council))
    form = f.MeetingItemForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.meeting_item_create(
                actor=m.person,
                council=m.council,
                committee=next(c for c in committees if str(c.pk) == d["committee"]),
                meeting_date=d["meeting_date"],
                item_number=d["item_number"],
                title=d["title"],
            )
        except ValidationFailed as exc:
            apply_problems(form, exc)
        else:
            messages.success(request, "Agenda item added.")
            return redirect("meeting_items", slug=m.council.slug)
    return render(request, "documents/form.html", _ctx(a, form=form, heading="Add an agenda item", submit="Add"))


@council_view
def disclosure_log(request: HttpRequest, m: Membership) -> HttpResponse:
    a = Access(m)
    number = request.GET.get("page", "1")
    page = int(number) if number.isdigit() and len(number) < 6 and int(number) > 0 else 1
    rows = list(disclosure_log_for(a)[(page - 1) * 50 : page * 50 + 1])
    return render(
        request,
        "documents/log.html",
        _ctx(a, rows=rows[:50], number=page, has_next=len(rows) > 50),
    )


@council_view
def disclosure_log_csv(request: HttpRequest, m: Membership) -> HttpResponseBase:
    return disclosure_log_csv_response(Access(m))
