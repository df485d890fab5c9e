"""Enquiry pages: my enquiries and the queue, raising, one enquiry with its actions, questions to councillors,
direct-contact approvals, and attachments. Workload and performance pages are in ``report_views.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from councildesk.catalogue.ids import R
from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.calendar import calendar_for
from councildesk.councils.profiles.schema import Profile
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view
from councildesk.people.kinds import MEMBER_KINDS, MONITORING_OFFICER, OFFICER_KINDS
from councildesk.people.models import Person, Ward
from councildesk.people.selectors import role_holders

from . import directory, handling, reopening, services, targets
from . import forms as f
from .clock import label
from .common import long_date
from .deadlines import target_note
from .handling import follow_up_day
from .models import ConfirmedTarget, Enquiry, EnquiryAttachment
from .permissions import can_handle, can_raise, is_officer, manages_queue
from .rules import (
    DECLINE_REASONS,
    categories_offered,
    decline_reasons,
    follow_up_offered,
    nominated_contacts_apply,
)
from .selectors import CLOSED_VIEWS, approvals_for, closed_for, enquiry_get_for, mine, questions_for, queue


def hours_statement(profile: Profile) -> str:
    """Officers' working hours and where they come from, told to a councillor before they submit."""
    hours = profile.enquiries.working_hours
    clause = profile.clause(R.ENQUIRY_RESPECT_WORKING_HOURS)
    source = f"clause {clause}" if clause else "a council setting; the protocol sets no hours"
    return (
        f"Officers work {hours.start:%H:%M} to {hours.end:%H:%M} on working days ({source}). An enquiry sent "
        "outside those hours is queued and dealt with from the next working period."
    )


# The people who handle work: the council's officers, not the principal council's Monitoring Officer.
WORK_KINDS = OFFICER_KINDS - {MONITORING_OFFICER}


def _people(m: Membership, kinds: frozenset[str]) -> list[Person]:
    return role_holders(m.council, kinds, clock.today())


def calendar_words(e: Enquiry) -> str:
    """The council's working-day calendar in words, e.g. "England and Wales bank holidays and 2 closure days"."""
    return calendar_for(e.council).name.replace(" + ", " and ").replace("council closure", "closure")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


def _mark_defaults(m: Membership, rows: list[Enquiry]) -> list[Enquiry]:
    """Mark each row whose response target is a default the council has not confirmed, for the list's label."""
    for e in rows:
        e.target_awaiting = e.response_value is not None and targets.enquiry_source(m.council, e) == targets.AWAITING  # type: ignore[attr-defined]
    return rows


SHOW = {"open": "Open", "answered": "Answered", "declined": "Declined"}


@council_view
def enquiry_list(request: HttpRequest, m: Membership) -> HttpResponse:
    show = request.GET.get("show") or "open"
    show = show if show in SHOW else "open"
    q = (request.GET.get("q") or "").strip()[:100]
    context: dict[str, Any] = {
        "council": m.council,
        "m": m,
        "today": clock.today(),
        "label": label,
        "show": show,
        "views": SHOW,
        "q": q,
        "can_raise": can_raise(m),
        "is_officer": is_officer(m),
        "manages_queue": manages_queue(m),
    }
    if show in CLOSED_VIEWS:
        context["closed"] = closed_for(m, show, q, offset=_int(request.GET.get("offset")) or 0)
        return render(request, "enquiries/list.html", context)
    if can_raise(m):
        context["mine"] = page = mine(m, before=_int(request.GET.get("before")))
        _mark_defaults(m, page.rows)
        context["questions"] = _mark_defaults(m, questions_for(m))
    if is_officer(m):
        context["queue"] = page = queue(m, offset=_int(request.GET.get("offset")) or 0)
        _mark_defaults(m, page.rows)
        context["manages_queue"] = manages_queue(m)
    context["awaiting"] = targets.AWAITING
    return render(request, "enquiries/list.html", context)


def _apply_problems(form: forms.Form, exc: ValidationFailed) -> None:
    for field, problem in (exc.problems or {}).items():
        form.add_error(field if field in form.fields else None, problem)
    if not exc.problems:
        form.add_error(None, str(exc))


@council_view
@require_http_methods(["GET", "POST"])
def enquiry_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not can_raise(m):
        raise NotFound("That page")
    wards = list(Ward.objects.filter(council=m.council).order_by("name"))
    officers = _people(m, WORK_KINDS)
    approvals = services.current_approvals(m.council, m.person, clock.today())
    form = f.EnquiryForm(
        request.POST or None,
        request.FILES or None,
        council=m.council,
        wards=wards,
        officers=officers,
        approvals=approvals,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        files: list[UploadedFile] = d.get("attachments") or []
        try:
            e = services.enquiry_raise(
                actor=m.person,
                council=m.council,
                subject=d["subject"],
                details=d["details"],
                submission_key=d["submission_key"],
                category=d["category"],
                ward=next((w for w in wards if str(w.pk) == d.get("ward")), None),
                addressed_to=next((p for p in officers if str(p.pk) == d.get("addressed_to")), None),
                direct_contact=next((a for a in approvals if str(a.pk) == d.get("direct_contact")), None),
                on_behalf_of_constituent=d["on_behalf_of_constituent"],
                requested_by=d["requested_by"],
                attachments=[(u.name or "attachment", u.read()) for u in files],
            )
        except ValidationFailed as exc:
            _apply_problems(form, exc)
        except ProtocolViolation as exc:
            return _refused(request, m, form, exc)
        else:
            messages.success(request, f"{e.ref} sent: {_sent_to(m, e)}")
            return redirect("enquiry_detail", slug=m.council.slug, enquiry_id=e.pk)
    status = 400 if form.errors else 200
    context = {"council": m.council, "m": m, "form": form, "hours": hours_statement(m.council.profile)}
    return render(request, "enquiries/new.html", context, status=status)


def _sent_to(m: Membership, e: Enquiry) -> str:
    who = e.addressed_to or e.assignee
    name = (who.get_full_name() or who.username) if who else None
    due = f" A response is {e.response_label}." if e.response_due else ""
    if name:
        return f"your enquiry went to {name}.{due}"
    head = m.council.profile.head_officer_title()
    to = f"the {head}" if e.route == Enquiry.Route.HEAD_OFFICER else e.get_route_display()
    return f"your enquiry went to {to}.{due}"


def _refused(request: HttpRequest, m: Membership, form: f.EnquiryForm, exc: ProtocolViolation) -> HttpResponse:
    """A refusal keeps everything typed, stays in the council's layout, and offers the route that works: the same
    enquiry sent the normal way (to the head officer), its text carried over."""
    data = request.POST.copy()
    data["addressed_to"] = ""
    data.pop("direct_contact", None)
    carried = f.EnquiryForm(
        data,
        council=m.council,
        wards=list(Ward.objects.filter(council=m.council).order_by("name")),
        officers=_people(m, WORK_KINDS),
        approvals=[],
    )
    context = {
        "council": m.council,
        "m": m,
        "form": form,
        "hours": hours_statement(m.council.profile),
        "refusal": exc,
        "carried": carried,
        "head": m.council.profile.head_officer_title(),
        "had_files": bool(request.FILES),
    }
    return render(request, "enquiries/new.html", context, status=exc.status)


def _form(m: Membership, action: str, data: Any = None, e: Enquiry | None = None) -> forms.Form | None:
    """The form an action takes, bound to ``data`` when given; None for actions that are a single button."""
    if action == "assign":
        return f.AssignForm(data, officers=_people(m, WORK_KINDS), prefix=action)
    if action == "decline":
        direct = e is not None and e.route == Enquiry.Route.DIRECT
        return f.DeclineForm(data, council=m.council, direct=direct, prefix=action)
    plain = FORMS.get(action)
    return plain(data, prefix=action) if plain else None


FORMS: dict[str, type[forms.Form]] = {
    "answer": f.AnswerForm,
    "pause": f.PauseForm,
    "extend": f.ExtendForm,
    "priority": f.PriorityForm,
    "comment": f.CommentForm,
    "follow_up": f.FollowUpForm,
    "reopen": f.ReopenForm,
}


def _forms(m: Membership, e: Enquiry, bound: dict[str, forms.Form] | None = None) -> dict[str, forms.Form]:
    names = ["answer", "pause", "extend", "comment", "decline", "follow_up", "reopen"]
    if manages_queue(m):
        names += ["assign", "priority"]
    built = {name: form for name in names if (form := _form(m, name, e=e)) is not None}
    built.update(bound or {})
    return built


def _detail(request: HttpRequest, m: Membership, pk: int, bound: dict[str, forms.Form] | None = None) -> HttpResponse:
    e = enquiry_get_for(m, pk)
    today = clock.today()
    closes = reopening.window_closes(e)
    context = {
        "timeline": timeline(e),
        "calendar_words": calendar_words(e),
        "window_closes": closes,
        "may_reopen": reopening.may_reopen(e, m.person, today),
        "window_text": reopening.window_text(m.council),
        "open_action": next(iter(bound)) if bound else "",
        "council": m.council,
        "m": m,
        "e": e,
        "forms": _forms(m, e, bound),
        "can_handle": can_handle(m, e) and e.is_open,
        "is_raiser": m.person.pk == e.raised_by_id,
        "overdue": e.is_open and e.response_due is not None and today > e.response_due,
        "due_label": label(e.clock_start, e.response_due, e.response_value, e.response_unit, e.extra_units),
        "ack_label": label(e.clock_start, e.ack_due, e.ack_value, e.ack_unit),
        "targets": m.council.profile.targets,
        "target_note": target_note(m.council, e),
        "ack_note": target_note(m.council, e, ack=True),
        "profile": m.council.profile,
        "offers_decline": bool(decline_reasons(m.council.profile, direct=e.route == Enquiry.Route.DIRECT)),
        "offers_follow_up": follow_up_offered(m.council.profile),
        "follow_up_day": follow_up_day(e) if e.direction == Enquiry.Direction.TO_OFFICER else None,
        "constituent_citations": (
            m.council.profile.cite(R.ACCESS_THIRD_PARTY_REQUEST_CONDITIONS) if e.on_behalf_of_constituent else []
        ),
        "today": today,
        "decline_label": next((r.label for r in DECLINE_REASONS if r.code == e.decline_code), e.decline_code),
        "decline_citations": m.council.profile.cite(e.decline_rule) if e.decline_rule else [],
    }
    return render(request, "enquiries/detail.html", context, status=400 if bound else 200)


@council_view
def enquiry_detail(request: HttpRequest, m: Membership, enquiry_id: int) -> HttpResponse:
    return _detail(request, m, enquiry_id)


Action = Callable[[Membership, int, dict[str, Any]], object]
ACTIONS: dict[str, Action] = {
    "acknowledge": lambda m, pk, d: handling.enquiry_acknowledge(actor=m.person, council=m.council, pk=pk),
    "assign": lambda m, pk, d: handling.enquiry_assign(
        actor=m.person,
        council=m.council,
        pk=pk,
        assignee=Person.objects.get(pk=d["assignee"]),
        heading=d.get("heading") or "",
    ),
    "answer": lambda m, pk, d: handling.enquiry_answer(actor=m.person, council=m.council, pk=pk, **d),
    "decline": lambda m, pk, d: handling.enquiry_decline(actor=m.person, council=m.council, pk=pk, **d),
    "pause": lambda m, pk, d: handling.enquiry_pause(actor=m.person, council=m.council, pk=pk, **d),
    "resume": lambda m, pk, d: handling.enquiry_resume(actor=m.person, council=m.council, pk=pk),
    "extend": lambda m, pk, d: handling.enquiry_extend(actor=m.person, council=m.council, pk=pk, **d),
    "priority": lambda m, pk, d: handling.enquiry_set_priority(actor=m.person, council=m.council, pk=pk, **d),
    "escalate": lambda m, pk, d: handling.enquiry_escalate(actor=m.person, council=m.council, pk=pk),
    "comment": lambda m, pk, d: handling.enquiry_comment(actor=m.person, council=m.council, pk=pk, **d),
    "follow_up": lambda m, pk, d: reopening.enquiry_follow_up(actor=m.person, council=m.council, pk=pk, **d),
    "reopen": lambda m, pk, d: reopening.enquiry_reopen(actor=m.person, council=m.council, pk=pk, **d),
}

DONE = {
    "acknowledge": "{ref} acknowledged.",
    "assign": "{ref} assigned to {assignee}.",
    "answer": "Answer sent for {ref}. The councillor has been told.",
    "decline": "{ref} declined. The councillor has been told the reason and the clause.",
    "pause": "The clock on {ref} is paused.",
    "resume": "The clock on {ref} has restarted. A response is {due}.",
    "extend": "{ref} extended. A response is now {due}.",
    "priority": "Priority of {ref} set to {priority}.",
    "escalate": "{ref} followed up with {escalated}.",
    "comment": "Message added to {ref}.",
    "follow_up": "Your follow-up on {ref} was sent to the officer who answered it.",
    "reopen": "{ref} is open again. The clock restarted: a response is {due}.",
}


def _done(e: Enquiry, action: str) -> str:
    def name(p: Person | None) -> str:
        return (p.get_full_name() or p.username) if p else ""

    return DONE[action].format(
        ref=e.ref,
        assignee=name(e.assignee),
        escalated=name(e.escalated_to),
        due=e.response_label,
        priority=e.get_priority_display().lower(),
    )


NOTE_WORDS = {
    "acknowledged": "Acknowledged",
    "assigned": "Assigned",
    "answered": "Answered",
    "declined": "Declined",
    "paused": "Clock paused",
    "resumed": "Clock restarted",
    "extended": "Extended",
    "priority": "Priority changed",
    "escalated": "Followed up with",
    "message": "Message",
    "followed up": "Follow-up from the councillor",
    "reopened": "Reopened by the councillor",
}


def timeline(e: Enquiry) -> list[dict[str, Any]]:
    """Every change to the enquiry, in order, in words: received first, then each note."""
    rows: list[dict[str, Any]] = [{"at": e.received_at, "what": "Received", "by": e.raised_by, "text": ""}]
    for n in e.notes.all():
        text = n.text
        if n.kind == "resumed" and text.startswith("+"):
            text = f"{text[1:]} days added to the target for the time it was paused"
        elif n.kind == "extended" and text.startswith("+") and ":" in text:
            units, why = text[1:].split(":", 1)
            text = f"by {units} days:{why}"
        rows.append({"at": n.at, "what": NOTE_WORDS.get(n.kind, n.kind.capitalize()), "by": n.author, "text": text})
    return rows


@council_view
def enquiry_action(request: HttpRequest, m: Membership, enquiry_id: int, action: str) -> HttpResponse:
    pk = enquiry_id
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action not in ACTIONS:
        raise NotFound("That action")
    e = enquiry_get_for(m, pk)  # the gate first: an enquiry you may not see answers 404 whatever the action
    run = ACTIONS[action]
    form = _form(m, action, request.POST, e=e)
    data: dict[str, Any] = {}
    if form is not None:
        if not form.is_valid():
            return _detail(request, m, pk, {action: form})
        data = dict(form.cleaned_data)
    try:
        run(m, pk, data)
    except (ValidationFailed, ProtocolViolation) as exc:
        if form is None:
            raise
        if isinstance(exc, ProtocolViolation):
            form.add_error(None, exc.reason)
            form.citations = exc.citations  # type: ignore[attr-defined]
        else:
            _apply_problems(form, exc)
        return _detail(request, m, pk, {action: form})
    messages.success(request, _done(enquiry_get_for(m, pk), action))
    return redirect("enquiry_detail", slug=m.council.slug, enquiry_id=pk)


@council_view
def enquiry_attachment(request: HttpRequest, m: Membership, enquiry_id: int, attachment_id: int) -> HttpResponseBase:
    e = enquiry_get_for(m, enquiry_id)
    att = EnquiryAttachment.objects.filter(enquiry=e, pk=attachment_id).first()
    if att is None:
        raise NotFound("That attachment")
    response = FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name, content_type=att.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@council_view
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not is_officer(m):
        raise NotFound("That page")
    councillors = _people(m, MEMBER_KINDS)
    form = f.QuestionForm(request.POST or None, councillors=councillors)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            e = services.question_ask(
                actor=m.person,
                council=m.council,
                councillor=next(p for p in councillors if str(p.pk) == d["councillor"]),
                subject=d["subject"],
                details=d["details"],
                submission_key=d["submission_key"],
            )
        except ValidationFailed as exc:
            _apply_problems(form, exc)
        else:
            return redirect("enquiry_detail", slug=m.council.slug, enquiry_id=e.pk)
    return render(
        request,
        "enquiries/question.html",
        {"council": m.council, "m": m, "form": form, "reply": targets.effective(m.council).get("reply")},
        status=400 if form.errors else 200,
    )


@council_view
@require_http_methods(["GET", "POST"])
def direct_contacts(request: HttpRequest, m: Membership) -> HttpResponse:
    if not (manages_queue(m) or can_raise(m)):
        raise NotFound("That page")
    form = None
    if manages_queue(m):
        councillors, officers = _people(m, MEMBER_KINDS), _people(m, WORK_KINDS)
        form = f.DirectContactForm(request.POST or None, councillors=councillors, officers=officers)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                services.direct_contact_grant(
                    actor=m.person,
                    council=m.council,
                    councillor=next(p for p in councillors if str(p.pk) == d["councillor"]),
                    officer=next(p for p in officers if str(p.pk) == d["officer"]),
                    matter=d["matter"],
                    until=d["until"],
                )
            except ValidationFailed as exc:
                _apply_problems(form, exc)
            else:
                return redirect("direct_contacts", slug=m.council.slug)
    elif request.method == "POST":
        raise NotFound("That page")
    context = {"council": m.council, "m": m, "form": form, "approvals": approvals_for(m), "offers": categories_offered}
    return render(request, "enquiries/direct_contacts.html", context, status=400 if form and form.errors else 200)


@council_view
@require_http_methods(["GET", "POST"])
def enquiry_targets(request: HttpRequest, m: Membership) -> HttpResponse:
    """The council's enquiry targets: everyone here may read them; the head officer records the council's
    decision to confirm or change them, with the date and minute of the meeting."""
    current = targets.effective(m.council)
    editable = [t for t in current.values() if t.editable]
    form = None
    if manages_queue(m) and editable:
        form = f.TargetsForm(request.POST or None, targets=editable)
        if request.method == "POST" and form.is_valid():
            try:
                rows = targets.targets_confirm(
                    actor=m.person,
                    council=m.council,
                    values=form.values(),
                    agreed_on=form.cleaned_data["agreed_on"],
                    minute=form.cleaned_data["minute"],
                )
            except ValidationFailed as exc:
                _apply_problems(form, exc)
            else:
                minute = rows[0].minute
                messages.success(
                    request,
                    f"Targets recorded as agreed at the meeting on {long_date(rows[0].agreed_on)} (minute "
                    f"{minute}). New enquiries use them from now on; enquiries already raised keep their targets.",
                )
                return redirect("enquiry_targets", slug=m.council.slug)
    elif request.method == "POST":
        raise NotFound("That page")
    history = ConfirmedTarget.objects.filter(council=m.council).select_related("confirmed_by")
    context = {
        "council": m.council,
        "m": m,
        "targets": list(current.values()),
        "form": form,
        "history": list(history.order_by("-id")[:50]),
        "awaiting": targets.AWAITING,
    }
    return render(request, "enquiries/targets.html", context, status=400 if form and form.errors else 200)


def _removal(request: HttpRequest) -> int | None:
    """The id in a row's "Remove" button, when that is what was pressed."""
    return _int(request.POST.get("remove")) if request.method == "POST" else None


@council_view
@require_http_methods(["GET", "POST"])
def service_directory(request: HttpRequest, m: Membership) -> HttpResponse:
    """The directory of services: each service's Head of Service and nominated contacts (002 3.2 fn 2). Everyone
    here may read it; the head officer's office keeps it."""
    form = None
    if manages_queue(m):
        officers = _people(m, WORK_KINDS)
        if (pk := _removal(request)) is not None:
            row = directory.service_contact_remove(actor=m.person, council=m.council, pk=pk)
            name = row.officer.get_full_name() or row.officer.username
            messages.success(request, f"{name} is no longer listed for {row.service}.")
            return redirect("service_directory", slug=m.council.slug)
        form = f.ServiceContactForm(request.POST or None, officers=officers)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            officer = next(p for p in officers if str(p.pk) == d["officer"])
            try:
                row = services.service_contact_add(
                    actor=m.person, council=m.council, service=d["service"], officer=officer, kind=d["kind"]
                )
            except ValidationFailed as exc:
                _apply_problems(form, exc)
            else:
                name = officer.get_full_name() or officer.username
                messages.success(request, f"{name} is now listed for {row.service} ({row.get_kind_display()}).")
                return redirect("service_directory", slug=m.council.slug)
    elif request.method == "POST":
        raise NotFound("That page")
    context = {
        "council": m.council,
        "m": m,
        "form": form,
        "services": directory.directory(m.council),
        "nominated_apply": nominated_contacts_apply(m.council.profile),
        "can_raise": can_raise(m),
    }
    return render(request, "enquiries/services.html", context, status=400 if form and form.errors else 200)


@council_view
@require_http_methods(["GET", "POST"])
def workplans_page(request: HttpRequest, m: Membership) -> HttpResponse:
    """Officers' agreed workplans (002 3.4, 5.4(iii)): an officer sees their own; whoever allocates work sees
    and keeps everyone's. Work outside every heading goes to the officer's line manager."""
    plans = directory.workplans(m)  # 404 for anyone who is not an officer here
    form = None
    if manages_queue(m):
        officers = _people(m, WORK_KINDS)
        if (pk := _removal(request)) is not None:
            row = directory.workplan_heading_remove(actor=m.person, council=m.council, pk=pk)
            name = row.officer.get_full_name() or row.officer.username
            messages.success(request, f"“{row.heading}” was taken off {name}'s workplan.")
            return redirect("workplans", slug=m.council.slug)
        form = f.WorkplanHeadingForm(request.POST or None, officers=officers)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            officer = next(p for p in officers if str(p.pk) == d["officer"])
            try:
                row = services.workplan_heading_add(
                    actor=m.person, council=m.council, officer=officer, heading=d["heading"]
                )
            except ValidationFailed as exc:
                _apply_problems(form, exc)
            else:
                name = officer.get_full_name() or officer.username
                messages.success(request, f"“{row.heading}” was added to {name}'s workplan.")
                return redirect("workplans", slug=m.council.slug)
    elif request.method == "POST":
        raise NotFound("That page")
    context = {"council": m.council, "m": m, "form": form, "plans": plans, "manages": manages_queue(m)}
    return render(request, "enquiries/workplans.html", context, status=400 if form and form.errors else 200)
