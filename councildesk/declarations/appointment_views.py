"""Appointment panel pages (004 5.2, 5.3), and members' requests for advice on a conflict between their roles
(004 2.1). Each action has its own page with one main button, a confirmation banner after it, and a refusal that
keeps what was typed and cites the council's clause."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
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

from . import advice, interim, services
from . import forms as f
from .models import AdviceRequest, Appointment, InterimClerk, PanelSeat
from .selectors import appointment_get_for, appointments_visible, sees_candidates


@council_view
def appointment_list(request: HttpRequest, m: Membership) -> HttpResponse:
    rows = list(appointments_visible(m)[:100])
    ctx = {"council": m.council, "m": m, "rows": rows, "may_create": m.is_head_officer}
    return render(request, "declarations/appointments.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def appointment_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not m.is_head_officer:
        raise NotFound("That page")
    form = f.AppointmentForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            a = services.appointment_create(
                actor=m.person,
                council=m.council,
                post=d["post"],
                criteria=d["criteria"],
                specified_post=d["specified_post"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, "The appointment is set up and its merit criteria are published.")
            return redirect("appointment", slug=m.council.slug, appointment_id=a.pk)
    ctx = {"council": m.council, "m": m, "form": form, "refusal": refusal, "heading": "Set up an appointment"}
    return render(request, "declarations/appointment_form.html", ctx)


def _actions(m: Membership, a: Appointment, seated: bool) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if m.is_member and not seated:
        out.append(("appointment_seat", "Take a seat on the panel"))
    if m.is_head_officer:
        out.append(("appointment_candidate", "Add a candidate"))
        out.append(("appointment_information", "Give information to the candidates"))
    return out


@council_view
def appointment_detail(request: HttpRequest, m: Membership, appointment_id: int) -> HttpResponse:
    a = appointment_get_for(m, appointment_id)
    seated = PanelSeat.objects.filter(appointment=a, member=m.person).exists()
    ctx = {
        "council": m.council,
        "m": m,
        "a": a,
        "seats": list(a.seats.select_related("member")),
        "candidates": list(a.candidates.all()) if sees_candidates(m, a) else None,
        "releases": list(a.releases.select_related("given_by")) if sees_candidates(m, a) else [],
        "actions": _actions(m, a, seated),
        "seated": seated,
    }
    return render(request, "declarations/appointment.html", ctx)


def _action(
    request: HttpRequest,
    m: Membership,
    appointment_id: int,
    name: str,
    form: forms.Form,
    act: Callable[[Appointment, dict[str, Any]], object],
    *,
    heading: str,
    submit: str,
    done: str,
) -> HttpResponse:
    a = appointment_get_for(m, appointment_id)
    seated = PanelSeat.objects.filter(appointment=a, member=m.person).exists()
    if name not in {n for n, _ in _actions(m, a, seated)}:
        raise NotFound("That appointment")
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            act(a, form.cleaned_data)
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, done)
            return redirect("appointment", slug=m.council.slug, appointment_id=a.pk)
    ctx = {"council": m.council, "m": m, "a": a, "form": form, "refusal": refusal, "heading": heading, "submit": submit}
    return render(request, "declarations/appointment_form.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def appointment_seat(request: HttpRequest, m: Membership, appointment_id: int) -> HttpResponse:
    def act(a: Appointment, d: dict[str, Any]) -> None:
        services.seat_take(
            actor=m.person,
            council=m.council,
            pk=a.pk,
            no_canvassing=d["no_canvassing"],
            no_friend_or_relative=d["no_friend_or_relative"],
        )

    return _action(
        request,
        m,
        appointment_id,
        "appointment_seat",
        f.SeatForm(request.POST or None),
        act,
        heading="Take a seat on the panel",
        submit="Take the seat",
        done="You are on the panel. Merit is the sole criterion.",
    )


@council_view
@require_http_methods(["GET", "POST"])
def appointment_candidate(request: HttpRequest, m: Membership, appointment_id: int) -> HttpResponse:
    staff = role_holders(m.council, sorted(role_kinds.OFFICER_KINDS - {role_kinds.MONITORING_OFFICER}), m.day)

    def act(a: Appointment, d: dict[str, Any]) -> None:
        person = next((p for p in staff if str(p.pk) == d["person"]), None)
        services.candidate_add(actor=m.person, council=m.council, pk=a.pk, name=d["name"], person=person)

    return _action(
        request,
        m,
        appointment_id,
        "appointment_candidate",
        f.CandidateForm(request.POST or None, people=staff),
        act,
        heading="Add a candidate",
        submit="Add the candidate",
        done="The candidate has been added.",
    )


@council_view
@require_http_methods(["GET", "POST"])
def appointment_information(request: HttpRequest, m: Membership, appointment_id: int) -> HttpResponse:
    def act(a: Appointment, d: dict[str, Any]) -> None:
        services.information_release(actor=m.person, council=m.council, pk=a.pk, text=d["text"])

    return _action(
        request,
        m,
        appointment_id,
        "appointment_information",
        f.InformationForm(request.POST or None),
        act,
        heading="Give information to the candidates",
        submit="Give it to every candidate",
        done="The information has been given to every candidate.",
    )


# ---- advice on conflicts between roles ----------------------------------------------------------------------------


def _advice_choices(m: Membership) -> list[tuple[str, str]]:
    profile = m.council.profile
    mo = profile.roles.titles.monitoring_officer or "Monitoring Officer"
    return [
        (AdviceRequest.To.HEAD_OFFICER, f"The {profile.head_officer_title()}"),
        (AdviceRequest.To.MONITORING_OFFICER, f"The {mo} of {profile.principal_council.name}"),
    ]


@council_view
@require_http_methods(["GET", "POST"])
def advice_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not advice.may_ask(m):
        raise NotFound("That page")
    form = f.AdviceForm(request.POST or None, choices=_advice_choices(m))
    if request.method == "POST" and form.is_valid():
        try:
            row = advice.advice_request(
                actor=m.person, council=m.council, to=form.cleaned_data["to"], question=form.cleaned_data["question"]
            )
        except ValidationFailed as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"Your request has gone to {row.sent_to}.")
            return redirect("conflict_advice", slug=m.council.slug, conflict_advice_id=row.pk)
    ctx = {
        "council": m.council,
        "m": m,
        "form": form,
        "citations": m.council.profile.cite("DECLARATIONS_ROLE_CONFLICT_ADVICE"),
    }
    return render(request, "declarations/advice_new.html", ctx)


@council_view
@require_http_methods(["GET", "POST"])
def advice_detail(request: HttpRequest, m: Membership, conflict_advice_id: int) -> HttpResponse:
    row = advice.advice_get_for(m, conflict_advice_id)
    form = f.AnswerForm(request.POST or None) if row.asked_by_id != m.person.pk and row.answered_at is None else None
    if request.method == "POST":
        if form is None:
            raise NotFound("That page")
        if form.is_valid():
            try:
                advice.advice_answer(actor=m.person, council=m.council, pk=row.pk, answer=form.cleaned_data["answer"])
            except ValidationFailed as exc:
                _apply(form, exc)
            else:
                messages.success(request, f"Your advice has been sent to {row.asked_by}.")
                return redirect("conflict_advice", slug=m.council.slug, conflict_advice_id=row.pk)
    return render(request, "declarations/advice.html", {"council": m.council, "m": m, "r": row, "form": form})


# ---- a councillor acting as Clerk --------------------------------------------------------------------------------


@council_view
@require_http_methods(["GET", "POST"])
def interim_clerk(request: HttpRequest, m: Membership) -> HttpResponse:
    """Who acts as Clerk in a vacancy, and the record of it; the chair or head officer records the resolution."""
    councillors = role_holders(m.council, sorted(role_kinds.MEMBER_KINDS), m.day)
    form = f.InterimClerkForm(request.POST or None, people=councillors) if interim.may_record(m) else None
    refusal = None
    if request.method == "POST":
        if form is None:
            raise NotFound("That page")
        if form.is_valid():
            d = form.cleaned_data
            try:
                row = interim.interim_clerk_record(
                    actor=m.person,
                    council=m.council,
                    person=next((p for p in councillors if str(p.pk) == d["person"]), None),
                    starts_on=d["starts_on"],
                    ends_on=d["ends_on"],
                    unpaid=d["unpaid"],
                    minute_ref=d["minute_ref"],
                )
            except (ValidationFailed, ProtocolViolation) as exc:
                refusal = _apply(form, exc)
            else:
                messages.success(request, f"{row.person} is recorded as acting as Clerk until {row.ends_on:%-d %B %Y}.")
                return redirect("interim_clerk", slug=m.council.slug)
    ctx = {
        "council": m.council,
        "m": m,
        "current": interim.current(m.council, m.day),
        "rows": list(InterimClerk.objects.filter(council=m.council).select_related("person")[:20]),
        "form": form,
        "refusal": refusal,
        "citations": m.council.profile.cite("EMPLOYMENT_COUNCILLOR_AS_INTERIM_CLERK"),
    }
    return render(request, "declarations/interim_clerk.html", ctx)
