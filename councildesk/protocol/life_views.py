"""Pages for the protocol's own life: versions, acknowledgement, interpretation questions, comparison."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.people.access import Membership, memberships_of
from councildesk.people.decorators import council_view

from .acknowledgements import acknowledgement_due, acknowledgements_for, protocol_acknowledge
from .compare import compare_for
from .forms import AnswerForm, PublishForm, QuestionForm, VersionForm, apply_problems
from .models import ProtocolVersion
from .permissions import can_answer_question, can_keep_protocol
from .questions import adviser_for, question_answer, question_ask, questions_for
from .versions import version_publish, version_record


def _long(day: object) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""  # type: ignore[attr-defined]


@council_view
def version_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not can_keep_protocol(m):
        raise NotFound("That page")
    form = VersionForm(request.POST or None)
    citations = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            row = version_record(
                actor=m.person,
                council=m.council,
                version=d["version"],
                approved=d["approved"],
                minute_ref=d["minute_ref"],
                change=d["change"],
                next_review=d["next_review"],
                go_live=d["go_live"] == "live",
            )
        except ValidationFailed as exc:
            apply_problems(form, exc)
        except ProtocolViolation as exc:
            form.add_error("minute_ref", exc.message)
            citations = exc.citations
        else:
            state = "is now in force" if row.status == ProtocolVersion.Status.LIVE else "is saved as a draft"
            messages.success(request, f"Version {row.version} {state}.")
            return HttpResponseRedirect(reverse("protocol", args=[m.council.slug]) + "#versions")
    drafts = ProtocolVersion.objects.filter(council=m.council, status=ProtocolVersion.Status.DRAFT)
    return render(
        request,
        "protocol/version_new.html",
        {"council": m.council, "form": form, "citations": citations, "drafts": drafts, "publish": PublishForm()},
    )


@require_POST
@council_view
def version_publish_view(request: HttpRequest, m: Membership, version_id: int) -> HttpResponse:
    if not can_keep_protocol(m):
        raise NotFound("That page")
    form = PublishForm(request.POST)
    citations = []
    if form.is_valid():
        try:
            row = version_publish(
                actor=m.person,
                council=m.council,
                version_id=version_id,
                approved=form.cleaned_data["approved"],
                minute_ref=form.cleaned_data["minute_ref"],
            )
        except ValidationFailed as exc:
            apply_problems(form, exc)
        except ProtocolViolation as exc:
            form.add_error("minute_ref", exc.message)
            citations = exc.citations
        else:
            messages.success(request, f"Version {row.version} is now in force.")
            return HttpResponseRedirect(reverse("protocol", args=[m.council.slug]) + "#versions")
    drafts = ProtocolVersion.objects.filter(council=m.council, status=ProtocolVersion.Status.DRAFT)
    return render(
        request,
        "protocol/version_new.html",
        {
            "council": m.council,
            "form": VersionForm(),
            "citations": citations,
            "drafts": drafts,
            "publish": form,
            "publishing": version_id,
        },
        status=400,
    )


@council_view
def acknowledge(request: HttpRequest, m: Membership) -> HttpResponse:
    version = acknowledgement_due(m)
    if request.method == "POST":
        try:
            version_id = int(request.POST.get("version", ""))
        except ValueError:
            raise NotFound("That version") from None
        ack = protocol_acknowledge(actor=m.person, council=m.council, version_id=version_id)
        messages.success(
            request, f"You have acknowledged version {ack.version.version} of {m.council.profile.protocol.title}."
        )
        return HttpResponseRedirect(reverse("council_home", args=[m.council.slug]))
    return render(
        request,
        "protocol/acknowledge.html",
        {
            "council": m.council,
            "version": version,
            "approved": _long(version.approved) if version else "",
            "citations": m.council.profile.cite(*_ACK_RULES),
        },
    )


_ACK_RULES = ("PROTOCOL_OBSERVANCE_ACKNOWLEDGED",)


@council_view
def acknowledgements(request: HttpRequest, m: Membership) -> HttpResponse:
    version, rows = acknowledgements_for(m)
    outstanding = sum(1 for r in rows if r.acknowledged is None)
    return render(
        request,
        "protocol/acknowledgements.html",
        {
            "council": m.council,
            "version": version,
            "rows": rows,
            "outstanding": outstanding,
            "asked": m.council.profile.adopts("PROTOCOL_OBSERVANCE_ACKNOWLEDGED"),
            "citations": m.council.profile.cite("PROTOCOL_OBSERVANCE_ACKNOWLEDGED"),
        },
    )


@council_view
def questions(request: HttpRequest, m: Membership) -> HttpResponse:
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            q = question_ask(
                actor=m.person,
                council=m.council,
                question=form.cleaned_data["question"],
                clause=form.cleaned_data["clause"],
            )
        except ValidationFailed as exc:
            apply_problems(form, exc)
        else:
            due = f" An answer is due by {_long(q.response_due)}." if q.response_due else ""
            messages.success(
                request, f"Your question has gone to the {m.council.profile.title_for(q.adviser_kind)}.{due}"
            )
            return HttpResponseRedirect(reverse("protocol_questions", args=[m.council.slug]))
    kind = adviser_for(m.council)
    rows = list(questions_for(m))
    return render(
        request,
        "protocol/questions.html",
        {
            "council": m.council,
            "form": form,
            "rows": [(q, _long(q.response_due), can_answer_question(m, q.adviser_kind) and q.is_open) for q in rows],
            "adviser": m.council.profile.title_for(kind),
            "answer_form": AnswerForm(),
            "citations": m.council.profile.cite("PROTOCOL_INTERPRETATION_QUERIES_ROUTE"),
        },
    )


@require_POST
@council_view
def question_answer_view(request: HttpRequest, m: Membership, question_id: int) -> HttpResponse:
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            question_answer(
                actor=m.person, council=m.council, question_id=question_id, answer=form.cleaned_data["answer"]
            )
        except ValidationFailed as exc:
            messages.error(request, "; ".join(exc.problems.values()) or exc.message)
        else:
            messages.success(request, "Your answer has been sent.")
    else:
        messages.error(request, "Enter your answer")
    return HttpResponseRedirect(reverse("protocol_questions", args=[m.council.slug]))


@council_view
def compare(request: HttpRequest, m: Membership) -> HttpResponse:
    other_slug = request.GET.get("with", "").strip()
    choices = [c for c in memberships_of(m.person) if c.pk != m.council.pk]
    if not other_slug:
        return render(request, "protocol/compare.html", {"council": m.council, "choices": choices, "other": None})
    other, rows = compare_for(m, other_slug)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="protocol-{m.council.slug}-vs-{other.slug}.csv"'
        writer = csv.writer(response)
        writer.writerow(["section", "item", "rule_id", m.council.slug, other.slug, "differs"])
        for r in rows:
            writer.writerow([r.section, r.item, r.rule_id, r.ours, r.theirs, "yes" if r.differs else "no"])
        return response
    sections: dict[str, list[object]] = {}
    for r in rows:
        sections.setdefault(r.section, []).append(r)
    return render(
        request,
        "protocol/compare.html",
        {
            "council": m.council,
            "other": other,
            "choices": choices,
            "sections": sections,
            "differences": sum(1 for r in rows if r.differs),
            "total": len(rows),
        },
    )
