"""Pages for wards, public meetings, premises visits and resources. Thin: parse, call one service or selector,
render. A refusal keeps what was typed; each action ends with a confirmation banner."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from councildesk.catalogue.ids import R
from councildesk.core.dates import long_date
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.core.forms import apply_error as _apply
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view

from . import forms as f
from . import rules, selectors, services
from .models import PremisesVisit, WardMatter


def _ctx(m: Membership, **extra: Any) -> dict[str, Any]:
    profile = m.council.profile
    return {"council": m.council, "m": m, "profile": profile, "sections": rules.sections(profile), **extra}


def _need(m: Membership, section: str) -> None:
    if not getattr(rules.sections(m.council.profile), section):
        raise NotFound("That page")


@council_view
def wards_index(request: HttpRequest, m: Membership) -> HttpResponse:
    profile = m.council.profile
    sec = rules.sections(profile)
    officer = selectors.is_officer(m)
    return render(
        request,
        "wards/index.html",
        _ctx(
            m,
            is_officer=officer,
            matters=selectors.matters_for(m) if sec.matters else [],
            meetings=selectors.meetings_for(m) if sec.meetings else [],
            visits=selectors.visits_for(m) if sec.visits else [],
            may_record_matter=sec.matters and officer,
            may_arrange_meeting=sec.meetings and (officer or m.is_member),
            may_visit=sec.visits and m.is_member,
            matter_cites=profile.cite(*rules.MATTER_RULES),
            meeting_cites=profile.cite(*rules.MEETING_RULES),
            visit_cites=profile.cite(*rules.VISIT_RULES),
            office_cites=rules.office_areas_guidance(profile),
        ),
    )


# ---- ward matters -------------------------------------------------------------------------------------------------


@council_view
@require_http_methods(["GET", "POST"])
def matter_new(request: HttpRequest, m: Membership) -> HttpResponse:
    _need(m, "matters")
    if not selectors.is_officer(m):
        raise NotFound("That page")
    form = f.MatterForm(request.POST or None, wards=selectors.council_wards(m))
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            matter = services.matter_record(
                actor=m.person,
                council=m.council,
                title=d["title"],
                summary=d["summary"],
                trigger=d["trigger"],
                ward_ids=d["wards"],
                urgent_or_sensitive=d["urgent_or_sensitive"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, f"Matter recorded. {matter.members_told} ward member(s) have been told about it.")
            return redirect("ward_matter", slug=m.council.slug, matter_id=matter.pk)
    return render(
        request,
        "wards/matter_new.html",
        _ctx(m, form=form, refusal=refusal, guidance=m.council.profile.cite(*rules.MATTER_RULES)),
        status=400 if form.errors else 200,
    )


def _matter_page(
    request: HttpRequest,
    m: Membership,
    matter: WardMatter,
    *,
    form: f.MadePublicForm | None = None,
    refusal: ProtocolViolation | None = None,
) -> HttpResponse:
    profile = m.council.profile
    return render(
        request,
        "wards/matter.html",
        _ctx(
            m,
            matter=matter,
            form=form or f.MadePublicForm(),
            refusal=refusal,
            may_make_public=selectors.is_officer(m) and matter.made_public_at is None,
            cites=rules.matter_notice_citations(
                profile, trigger=matter.trigger, urgent_or_sensitive=matter.urgent_or_sensitive
            ),
        ),
        status=400 if form is not None and form.errors else 200,
    )


@council_view
def matter_detail(request: HttpRequest, m: Membership, matter_id: int) -> HttpResponse:
    _need(m, "matters")
    return _matter_page(request, m, selectors.matter_get_for(m, matter_id))


@require_POST
@council_view
def matter_public(request: HttpRequest, m: Membership, matter_id: int) -> HttpResponse:
    _need(m, "matters")
    matter = selectors.matter_get_for(m, matter_id)
    form = f.MadePublicForm(request.POST)
    refusal = None
    if form.is_valid():
        try:
            services.matter_make_public(
                actor=m.person,
                council=m.council,
                matter_id=matter.pk,
                made_public_at=form.cleaned_data["made_public_at"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc, "made_public_at")
        else:
            messages.success(request, "The matter is recorded as public. Everyone in the council can now see it.")
            return redirect("ward_matter", slug=m.council.slug, matter_id=matter.pk)
    return _matter_page(request, m, matter, form=form, refusal=refusal)


# ---- public meetings ------------------------------------------------------------------------------------------


@council_view
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, m: Membership) -> HttpResponse:
    _need(m, "meetings")
    officer = selectors.is_officer(m)
    if not (officer or m.is_member):
        raise NotFound("That page")
    council_meeting = not m.is_member
    form = f.MeetingForm(
        request.POST or None,
        wards=selectors.council_wards(m),
        council_meeting=council_meeting,
        initial={"kind": "public_meeting"},
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            meeting = services.meeting_record(
                actor=m.person,
                council=m.council,
                title=d["title"],
                held_on=d["held_on"],
                venue=d["venue"],
                ward_ids=d["wards"],
                kind=d.get("kind") or "public_meeting",
                council_venue=d.get("council_venue") or False,
                party_political=d.get("party_political") or False,
                officer_asked=d.get("officer_asked") or False,
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            if council_meeting:
                done = f"{meeting.invited} ward member(s) have been invited."
            elif meeting.invited:
                done = f"The {m.council.profile.head_officer_title()} has been told."
            else:
                done = "It is on the council's list."
            messages.success(request, f"“{meeting.title}” on {long_date(meeting.held_on)} recorded. {done}")
            return redirect("wards", slug=m.council.slug)
    profile = m.council.profile
    return render(
        request,
        "wards/meeting_new.html",
        _ctx(
            m,
            form=form,
            refusal=refusal,
            council_meeting=council_meeting,
            guidance=rules.council_meeting_invites(profile)
            if council_meeting
            else profile.cite(*[r for r in rules.MEETING_RULES if r != R.WARD_COUNCIL_PUBLIC_MEETING_INVITES]),
        ),
        status=400 if form.errors else 200,
    )


@require_POST
@council_view
def meeting_officer(request: HttpRequest, m: Membership, meeting_id: int) -> HttpResponse:
    _need(m, "meetings")
    attend = request.POST.get("attend") == "yes"
    try:
        meeting = services.meeting_officer_answer(
            actor=m.person, council=m.council, meeting_id=meeting_id, attend=attend
        )
    except ValidationFailed as exc:
        messages.error(request, exc.message)
    else:
        said = "will attend" if attend else "will not attend; declining carries no penalty"
        messages.success(request, f"Recorded: you {said}. {meeting.arranged_by} has been told.")
    return redirect("wards", slug=m.council.slug)


# ---- premises visits ------------------------------------------------------------------------------------------


@council_view
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest, m: Membership) -> HttpResponse:
    _need(m, "visits")
    if not m.is_member:
        raise NotFound("That page")
    form = f.VisitForm(
        request.POST or None,
        wards=selectors.council_wards(m),
        officers=selectors.officers(m),
        initial={"site_kind": "workplace"},
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            visit = services.visit_arrange(
                actor=m.person,
                council=m.council,
                site=d["site"],
                site_kind=d["site_kind"],
                site_ward_id=d["site_ward"] or None,
                visit_on=d["visit_on"],
                purpose=d["purpose"],
                officer_in_charge_id=d["officer_in_charge"],
                short_notice_reason=d["short_notice_reason"],
                conduct_acknowledged=d["conduct_acknowledged"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            told = f" The members for {visit.site_ward} have been told first." if visit.ward_members_told else ""
            messages.success(request, f"Visit arranged: {visit.officer_in_charge} has been told.{told}")
            return redirect("premises_visit", slug=m.council.slug, visit_id=visit.pk)
    return render(
        request,
        "wards/visit_new.html",
        _ctx(m, form=form, refusal=refusal, guidance=m.council.profile.cite(*rules.VISIT_RULES)),
        status=400 if form.errors else 200,
    )


@council_view
def visit_detail(request: HttpRequest, m: Membership, visit_id: int) -> HttpResponse:
    _need(m, "visits")
    visit: PremisesVisit = selectors.visit_get_for(m, visit_id)
    profile = m.council.profile
    return render(
        request,
        "wards/visit.html",
        _ctx(
            m,
            visit=visit,
            conduct=rules.conduct_citations(profile),
            care=rules.care_warning(profile, visit.site_kind),
            out_of_ward=profile.cite(R.PREMISES_OUT_OF_WARD_VISIT_NOTIFY) if visit.ward_members_told else [],
        ),
    )


# ---- resources -----------------------------------------------------------------------------------------------


@council_view
def resources_index(request: HttpRequest, m: Membership) -> HttpResponse:
    profile = m.council.profile
    sec = rules.sections(profile)
    ledger = selectors.ledger_for(m) if sec.ledger else []
    return render(
        request,
        "wards/resources.html",
        _ctx(
            m,
            is_officer=selectors.is_officer(m),
            requests=selectors.requests_for(m) if sec.resources else [],
            ledger=[(e, rules.pounds(e.charge_pence)) for e in ledger],
            acknowledged=selectors.ict_acknowledgement(m) if sec.ict else None,
            cites=profile.cite(*rules.RESOURCE_RULES),
        ),
    )


@council_view
@require_http_methods(["GET", "POST"])
def resource_request_new(request: HttpRequest, m: Membership) -> HttpResponse:
    _need(m, "resources")
    if not m.is_member:
        raise NotFound("That page")
    form = f.ResourceRequestForm(request.POST or None, initial={"purpose": "council"})
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            row = services.resource_request(
                actor=m.person, council=m.council, kind=d["kind"], details=d["details"], purpose=d["purpose"]
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            to = f" It has gone to {row.routed_to}." if row.routed_to else ""
            how = " Consumables need no formal decision." if row.direct else ""
            messages.success(request, f"Request sent.{to}{how}")
            return redirect("resources", slug=m.council.slug)
    return render(
        request,
        "wards/request_new.html",
        _ctx(m, form=form, refusal=refusal, guidance=m.council.profile.cite(*rules.RESOURCE_RULES)),
        status=400 if form.errors else 200,
    )


@council_view
@require_http_methods(["GET", "POST"])
def ledger_new(request: HttpRequest, m: Membership) -> HttpResponse:
    _need(m, "ledger")
    if not selectors.is_officer(m):
        raise NotFound("That page")
    form = f.LedgerForm(request.POST or None, members=selectors.members(m), initial={"provided_on": m.day})
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        charge: Decimal | None = d["charge"]
        try:
            entry = services.ledger_record(
                actor=m.person,
                council=m.council,
                member_id=d["member"],
                kind=d["kind"],
                description=d["description"],
                provided_on=d["provided_on"],
                charge_pence=int(charge * 100) if charge is not None else None,
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, f"Recorded against {entry.member}: {entry.description}.")
            return redirect("resources", slug=m.council.slug)
    return render(
        request,
        "wards/ledger_new.html",
        _ctx(m, form=form, refusal=refusal, guidance=rules.ledger_citations(m.council.profile)),
        status=400 if form.errors else 200,
    )


@council_view
@require_http_methods(["GET", "POST"])
def ict_rules(request: HttpRequest, m: Membership) -> HttpResponse:
    _need(m, "ict")
    if not (m.is_member or selectors.is_officer(m)):
        raise NotFound("That page")
    acknowledged = selectors.ict_acknowledgement(m)
    form = f.IctForm(request.POST or None)
    if request.method == "POST":
        if not m.is_member:
            raise NotFound("That page")
        if form.is_valid():
            services.ict_acknowledge(actor=m.person, council=m.council)
            messages.success(request, "Thank you: your acknowledgement of the ICT security rules is recorded.")
            return redirect("resources", slug=m.council.slug)
    return render(
        request,
        "wards/ict.html",
        _ctx(
            m,
            form=form,
            acknowledged=acknowledged,
            may_acknowledge=m.is_member and acknowledged is None,
            cites=m.council.profile.cite(R.RESOURCES_ICT_SECURITY),
        ),
        status=400 if form.errors else 200,
    )
