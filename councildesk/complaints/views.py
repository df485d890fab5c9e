"""Complaint pages. A complaint the viewer may not open answers 404 exactly like a missing id; each opening of a
complaint is logged; each action has its own page with one main button and a confirmation banner after it."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from councildesk.catalogue.ids import R
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.core.forms import apply_error as _apply
from councildesk.councils.profiles.schema import Profile
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view
from councildesk.people.models import Person

from . import forms as f
from . import guidance, referrals, rules, services
from .models import Complaint, ComplaintOpening, Handler
from .selectors import complaint_get_for, complaint_list_for, is_handler


def _ctx(m: Membership, **extra: Any) -> dict[str, Any]:
    return {"council": m.council, "m": m, **extra}


def _people_here(m: Membership) -> list[Person]:
    from councildesk.people.selectors import role_holders

    kinds = [
        "councillor",
        "chair",
        "vice_chair",
        "mayor",
        "co_opted_member",
        "clerk",
        "officer",
        "chief_executive",
        "head_of_service",
        "cmt_member",
    ]
    return [p for p in role_holders(m.council, kinds, m.day) if p.pk != m.person.pk]


@council_view
def complaint_list(request: HttpRequest, m: Membership) -> HttpResponse:
    rows = complaint_list_for(m)
    handling_ids = set(
        Handler.objects.filter(complaint__in=[c.pk for c in rows], person=m.person, active=True).values_list(
            "complaint_id", flat=True
        )
    )
    mine = [c for c in rows if c.complainant_id == m.person.pk]
    handling = [c for c in rows if c.pk in handling_ids]
    party = services._party(m)
    return render(
        request,
        "complaints/list.html",
        _ctx(m, mine=mine, handling=handling, may_raise=party is not None, routes=_route_rows(m.council.profile)),
    )


def _route_rows(profile: Profile) -> list[dict[str, str]]:
    """The council's complaint routes in its own titles ("The Proper Officer/Clerk", "Grievance procedure"), never
    the profile's keys."""
    title = profile.title_for
    return [
        {
            "complainant": title(r.complainant),
            "subject": title(r.subject),
            "first_recipient": title(r.first_recipient),
            "formal_route": title(r.formal_route),
            "clause": r.clause or "",
        }
        for r in profile.complaints.routes
    ]


@council_view
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest, m: Membership) -> HttpResponse:
    party = services._party(m)
    if party is None:
        raise NotFound("That page")
    kinds = [(k, rules.KIND_LABELS[k]) for k in rules.kinds_available(m.council.profile, party)]
    people = _people_here(m)
    initial = {"submission_key": uuid.uuid4().hex}
    form = f.RaiseForm(request.POST or None, initial=initial, kinds=kinds, people=people)
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        subject = next((p for p in people if str(p.pk) == d["subject"]), None)
        try:
            complaint, created = services.complaint_raise(
                actor=m.person,
                council=m.council,
                kind=d["kind"],
                subject=subject,
                summary=d["summary"],
                details=d["details"],
                submission_key=d["submission_key"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            if created:
                messages.success(request, "Your complaint has been passed, in confidence, to the people who handle it.")
            else:
                messages.info(request, "You had already sent this complaint; it was not sent twice.")
            return redirect("complaint", slug=m.council.slug, complaint_id=complaint.pk)
    shown = guidance.for_form(m.council.profile, party)
    return render(
        request,
        "complaints/new.html",
        _ctx(m, form=form, refusal=refusal, heading="Raise a concern or complaint", guidance=shown),
    )


@council_view
def complaint_detail(request: HttpRequest, m: Membership, complaint_id: int) -> HttpResponse:
    complaint = services.complaint_open(actor=m.person, council=m.council, pk=complaint_id, via="page")
    handler = is_handler(m, complaint)
    profile = m.council.profile
    steps = list(complaint.steps.select_related("actor"))
    handlers = list(complaint.handlers.filter(active=True).select_related("person"))
    openings = (
        list(ComplaintOpening.objects.filter(complaint=complaint).select_related("person")[:50]) if handler else []
    )
    citations = profile.cite(*complaint.rule_ids)
    actions = _actions(m, complaint, handler)
    return render(
        request,
        "complaints/detail.html",
        _ctx(
            m,
            complaint=complaint,
            steps=steps,
            handlers=handlers,
            openings=openings,
            citations=citations,
            actions=actions,
            is_handler=handler,
        ),
    )


def _actions(m: Membership, complaint: Complaint, handler: bool) -> list[tuple[str, str]]:
    if complaint.stage == rules.STAGE_CLOSED:
        return []
    out: list[tuple[str, str]] = []
    if complaint.stage == rules.STAGE_INFORMAL:
        out += [("complaint_informal", "Record the informal step"), ("complaint_formal", "Open the formal route")]
    if handler and referrals.may_refer_to_group_leader(m.council, complaint):
        out.append(("complaint_group_leader", "Refer it informally to the councillor's group leader"))
    if referrals.may_become_allegation(complaint):
        out.append(("complaint_code", "Make it a formal Code of Conduct allegation"))
    if handler:
        if rules.is_personnel_matter(complaint.kind, complaint.formal_route) and complaint.stage == rules.STAGE_FORMAL:
            out.append(("complaint_panel", "Constitute the panel"))
        if m.council.profile.complaints.mediators:
            out.append(("complaint_mediation", "Record mediation or independent advice"))
        out.append(("complaint_decide", "Record a decision"))
    return out


def _action_page(
    request: HttpRequest,
    m: Membership,
    complaint_id: int,
    name: str,
    form: forms.Form,
    heading: str,
    submit: str,
    act: Any,
    done: str,
    **extra: Any,
) -> HttpResponse:
    complaint = complaint_get_for(m, complaint_id)
    if name not in {a for a, _ in _actions(m, complaint, is_handler(m, complaint))}:
        raise NotFound("That complaint")
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            act(complaint, form.cleaned_data)
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, done)
            return redirect("complaint", slug=m.council.slug, complaint_id=complaint.pk)
    return render(
        request,
        "complaints/action.html",
        _ctx(m, complaint=complaint, form=form, heading=heading, submit=submit, refusal=refusal, **extra),
    )


@council_view
@require_http_methods(["GET", "POST"])
def complaint_informal(request: HttpRequest, m: Membership, complaint_id: int) -> HttpResponse:
    def act(c: Complaint, d: dict[str, Any]) -> None:
        services.complaint_informal(actor=m.person, council=m.council, pk=c.pk, resolved=d["resolved"], note=d["note"])

    form = f.InformalForm(request.POST or None)
    return _action_page(
        request,
        m,
        complaint_id,
        "complaint_informal",
        form,
        "Record the informal step",
        "Record it",
        act,
        "The informal step has been recorded.",
    )


@council_view
@require_http_methods(["GET", "POST"])
def complaint_formal(request: HttpRequest, m: Membership, complaint_id: int) -> HttpResponse:
    def act(c: Complaint, d: dict[str, Any]) -> None:
        services.complaint_formalise(actor=m.person, council=m.council, pk=c.pk, reason=d["reason"], bypass=d["bypass"])

    form = f.FormalForm(request.POST or None)
    return _action_page(
        request,
        m,
        complaint_id,
        "complaint_formal",
        form,
        "Open the formal route",
        "Open the formal route",
        act,
        "The formal route is open and the complaint has gone to the people who hear it.",
    )


@council_view
@require_http_methods(["GET", "POST"])
def complaint_mediation(request: HttpRequest, m: Membership, complaint_id: int) -> HttpResponse:
    def act(c: Complaint, d: dict[str, Any]) -> None:
        services.complaint_mediation(actor=m.person, council=m.council, pk=c.pk, mediator=d["mediator"], note=d["note"])

    form = f.MediationForm(request.POST or None, mediators=list(m.council.profile.complaints.mediators))
    return _action_page(
        request,
        m,
        complaint_id,
        "complaint_mediation",
        form,
        "Record mediation or independent advice",
        "Record it",
        act,
        "The referral has been recorded.",
    )


@council_view
@require_http_methods(["GET", "POST"])
def complaint_panel(request: HttpRequest, m: Membership, complaint_id: int) -> HttpResponse:
    candidates = services.panel_candidates(m.council, m.day)
    size = m.council.profile.complaints.personnel_panel_size
    hint = f"Choose exactly {size} members." if size else "Choose at least two members."

    def act(c: Complaint, d: dict[str, Any]) -> None:
        chosen = [p for p in candidates if str(p.pk) in set(d["members"])]
        services.panel_constitute(actor=m.person, council=m.council, pk=c.pk, members=chosen)

    form = f.PanelForm(request.POST or None, people=candidates, hint=hint)
    return _action_page(
        request,
        m,
        complaint_id,
        "complaint_panel",
        form,
        "Constitute the panel",
        "Constitute the panel",
        act,
        "The panel has been constituted and its members told.",
    )


@council_view
@require_http_methods(["GET", "POST"])
def complaint_decide(request: HttpRequest, m: Membership, complaint_id: int) -> HttpResponse:
    def act(c: Complaint, d: dict[str, Any]) -> None:
        services.complaint_decide(
            actor=m.person, council=m.council, pk=c.pk, decision=d["decision"], reasons=d["reasons"], close=d["close"]
        )

    form = f.DecideForm(request.POST or None)
    return _action_page(
        request,
        m,
        complaint_id,
        "complaint_decide",
        form,
        "Record a decision",
        "Record the decision",
        act,
        "The decision has been recorded and the person who raised the complaint told.",
    )


@council_view
@require_http_methods(["GET", "POST"])
def complaint_group_leader(request: HttpRequest, m: Membership, complaint_id: int) -> HttpResponse:
    def act(c: Complaint, d: dict[str, Any]) -> None:
        referrals.complaint_refer_group_leader(actor=m.person, council=m.council, pk=c.pk, reason=d["reason"])

    form = f.ReasonForm(request.POST or None, label="Why an informal referral is enough")
    return _action_page(
        request,
        m,
        complaint_id,
        "complaint_group_leader",
        form,
        "Refer it informally to the councillor's group leader",
        "Refer it",
        act,
        "The concern has been referred informally to the group leader, who has been told.",
        citations=m.council.profile.cite(R.COMPLAINTS_MINOR_MEMBER_BREACH_TO_GROUP_LEADER),
    )


@council_view
@require_http_methods(["GET", "POST"])
def complaint_code(request: HttpRequest, m: Membership, complaint_id: int) -> HttpResponse:
    def act(c: Complaint, d: dict[str, Any]) -> None:
        referrals.complaint_to_code_of_conduct(actor=m.person, council=m.council, pk=c.pk, reason=d["reason"])

    form = f.ReasonForm(request.POST or None, label="The allegation, in writing")
    return _action_page(
        request,
        m,
        complaint_id,
        "complaint_code",
        form,
        "Make it a formal Code of Conduct allegation",
        "Make the allegation",
        act,
        "The allegation has gone to the Monitoring Officer. The informal track has ended.",
        citations=m.council.profile.cite(
            R.COMPLAINTS_INFORMAL_ATTEMPT_BEFORE_CODE_ALLEGATION, R.COMPLAINTS_CODE_OF_CONDUCT_TO_MONITORING_OFFICER
        ),
    )
