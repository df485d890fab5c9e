"""Pages for political groups: the register, advice to groups, requests for an officer at a group meeting, and
notes of group discussions. Thin: parse, call one service or selector, render. A refusal keeps what was typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from councildesk.catalogue.ids import R
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.core.forms import apply_error as _apply
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view

from . import forms as f
from . import rules, selectors, services
from .models import AttendanceRequest, GroupAdvice


def _ctx(m: Membership, **extra: Any) -> dict[str, Any]:
    return {"council": m.council, "m": m, "profile": m.council.profile, **extra}


@council_view
def groups_index(request: HttpRequest, m: Membership) -> HttpResponse:
    profile = m.council.profile
    viewer = selectors.viewer_for(m)
    return render(
        request,
        "groups/index.html",
        _ctx(
            m,
            enabled=profile.features.political_groups,
            register=selectors.groups_register_for(m),
            register_cites=profile.cite(R.GROUPS_REGISTER_OF_POLITICAL_GROUPS),
            advice=selectors.advice_list_for(m),
            notices=selectors.advice_notices_for(m),
            notice_cites=profile.cite(R.GROUPS_ADVICE_NOTIFY_OTHER_GROUPS),
            attendance=selectors.attendance_list_for(m),
            is_officer=viewer.is_officer,
            in_a_group=bool(viewer.group_ids),
            association=rules.county_association_help(profile) if m.is_head_officer else [],
        ),
    )


SERVICE_DAYS = 365  # the tally covers the last year


@council_view
def service(request: HttpRequest, m: Membership) -> HttpResponse:
    """Officer support to each group over the last year, for the head officer to check for imbalance."""
    since = m.day - dt.timedelta(days=SERVICE_DAYS)
    rows = selectors.service_by_group(m, since)
    return render(
        request,
        "groups/service.html",
        _ctx(
            m,
            rows=rows,
            since=since,
            uneven=set(rules.imbalance([r for _, r in rows])),
            cites=m.council.profile.cite(R.GROUPS_EVEN_HANDED_SERVICE_TO_WHOLE_COUNCIL),
        ),
    )


@council_view
@require_http_methods(["GET", "POST"])
def advice_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not m.kinds & rules.ADVISING_OFFICER_KINDS:  # an officer is known from the roles: no group query
        raise NotFound("That page")
    profile = m.council.profile
    groups = [e.group for e in selectors.groups_register_for(m)]
    officers = selectors.advising_officers(m)
    form = f.AdviceForm(
        request.POST or None,
        groups=groups,
        officers=officers,
        ask_party_business=profile.adopts(R.GROUPS_OFFICER_EXCLUDED_FROM_PARTY_BUSINESS),
        initial={"officer": str(m.person.pk), "given_on": m.day, "kind": GroupAdvice.Kind.ADVICE},
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            advice = services.advice_record(
                actor=m.person,
                council=m.council,
                group_id=d["group"],
                matter=d["matter"],
                facts=d["facts"],
                options=d["options"],
                kind=d["kind"],
                officer_id=d["officer"],
                given_on=d["given_on"],
                override_reason=d["override_reason"],
                party_business=d.get("about") == "party",
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            told = (
                " Every other group has been told that advice was given, but not what it was."
                if (profile.features.notify_other_groups)
                else ""
            )
            messages.success(request, f"Advice to {advice.group.name} on “{advice.matter}” recorded.{told}")
            return redirect("group_advice", slug=m.council.slug, advice_id=advice.pk)
    matter = form.data.get("matter", "") if form.is_bound else ""
    return render(
        request,
        "groups/advice_new.html",
        _ctx(
            m,
            form=form,
            refusal=refusal,
            enabled=profile.features.political_groups and bool(groups),
            earlier=selectors.earlier_advice_on(m, str(matter)),
            guidance=profile.cite(
                R.GROUPS_ADVICE_FACTS_AND_OPTIONS_NO_RECOMMENDATIONS,
                R.GROUPS_OFFICER_INPUT_LIMITED_TO_COUNCIL_BUSINESS,
                R.GROUPS_OFFICER_EXCLUDED_FROM_PARTY_BUSINESS,
                R.GROUPS_SUBSTANTIALLY_SAME_ADVICE,
            ),
        ),
    )


def _advice_page(
    request: HttpRequest, m: Membership, advice: GroupAdvice, *, form: f.VerifyForm | None = None
) -> HttpResponse:
    profile = m.council.profile
    return render(
        request,
        "groups/advice.html",
        _ctx(
            m,
            advice=advice,
            form=form or f.VerifyForm(initial={"correction": advice.correction}),
            may_verify=advice.officer_id == m.person.pk,
            earlier=selectors.earlier_advice_on(m, advice.matter, exclude_group_id=advice.group_id),
            same_cites=profile.cite(R.GROUPS_SUBSTANTIALLY_SAME_ADVICE),
            verify_cites=profile.cite(R.GROUPS_OFFICER_VERIFIES_ATTRIBUTED_ADVICE),
            private_cites=rules.group_only_citations(profile),
            formal_cites=rules.formal_report_reminder(profile) if m.kinds & rules.ADVISING_OFFICER_KINDS else [],
        ),
        status=400 if form is not None and form.errors else 200,
    )


@council_view
def advice_detail(request: HttpRequest, m: Membership, advice_id: int) -> HttpResponse:
    return _advice_page(request, m, selectors.advice_get_for(m, advice_id))


@require_POST
@council_view
def advice_verify(request: HttpRequest, m: Membership, advice_id: int) -> HttpResponse:
    advice = selectors.advice_get_for(m, advice_id)
    form = f.VerifyForm(request.POST)
    if form.is_valid():
        try:
            services.advice_verify(
                actor=m.person, council=m.council, advice_id=advice.pk, correction=form.cleaned_data["correction"]
            )
        except ValidationFailed as exc:
            _apply(form, exc)
        else:
            messages.success(request, "Your verification of the record is saved.")
            return redirect("group_advice", slug=m.council.slug, advice_id=advice.pk)
    return _advice_page(request, m, advice, form=form)


@council_view
@require_http_methods(["GET", "POST"])
def attendance_new(request: HttpRequest, m: Membership) -> HttpResponse:
    groups = selectors.my_groups(m)
    if not groups or not m.council.profile.features.political_groups:
        raise NotFound("That page")
    profile = m.council.profile
    decider = rules.attendance_decider_kind(profile)
    form = f.AttendanceForm(
        request.POST or None,
        groups=groups,
        officers=selectors.advising_officers(m),
        officer_required=decider == "officer",
        ask_party_business=profile.adopts(R.GROUPS_OFFICER_EXCLUDED_FROM_PARTY_BUSINESS),
        ask_home=profile.adopts(R.EMPLOYMENT_NO_HOME_VISITS),
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            row = services.attendance_request(
                actor=m.person,
                council=m.council,
                group_id=d["group"],
                matter=d["matter"],
                meeting_on=d["meeting_on"],
                attendees=d["attendees"],
                non_members_present=d["non_members_present"],
                invited_officer_id=d["invited_officer"] or None,
                party_business_on_agenda=d.get("party_business_on_agenda", False),
                at_a_home=d.get("at_a_home", False),
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            who = "the officer you invited" if decider == "officer" else f"the {profile.title_for(decider)}"
            messages.success(request, f"Request sent. It is for {who} to accept or decline; you will be told.")
            return redirect("group_attendance", slug=m.council.slug, attendance_id=row.pk)
    return render(
        request,
        "groups/attendance_new.html",
        _ctx(
            m,
            form=form,
            refusal=refusal,
            decider_title="the invited officer" if decider == "officer" else f"the {profile.title_for(decider)}",
            guidance=profile.cite(
                R.GROUPS_ATTENDANCE_DECIDED_BY_SENIOR_OFFICER,
                R.GROUPS_NO_COMPULSION_OF_OFFICERS,
                R.GROUPS_ATTENDEES_DISCLOSED_TO_OFFICER,
                R.GROUPS_CLERK_NO_ATTENDANCE_WITH_NON_MEMBERS,
            ),
        ),
    )


def _attendance_page(
    request: HttpRequest,
    m: Membership,
    row: AttendanceRequest,
    *,
    decide: f.DecideForm | None = None,
    stay: f.StayForm | None = None,
    note: f.NoteForm | None = None,
    refusal: ProtocolViolation | None = None,
) -> HttpResponse:
    profile = m.council.profile
    officers = selectors.advising_officers(m)
    may_decide = row.status == AttendanceRequest.Status.PENDING and rules.may_decide_attendance(
        profile, actor_kinds=m.kinds, actor_id=m.person.pk, invited_officer_id=row.invited_officer_id
    )
    may_record_stay = row.status == AttendanceRequest.Status.ACCEPTED and row.attending_officer_id == m.person.pk
    may_see_notes = selectors.may_see_notes(m, row)
    initial_officer = str(row.invited_officer_id or m.person.pk)
    bound = any(x is not None and x.errors for x in (decide, stay, note)) or refusal is not None
    return render(
        request,
        "groups/attendance.html",
        _ctx(
            m,
            row=row,
            may_decide=may_decide,
            decide=decide or f.DecideForm(officers=officers, initial={"attending_officer": initial_officer}),
            may_record_stay=may_record_stay,
            stay=stay or f.StayForm(),
            stay_cites=profile.cite(R.GROUPS_ATTENDANCE_DURATION_AND_WITHDRAWAL),
            party_part=rules.party_business_part(profile, on_agenda=row.party_business_on_agenda),
            may_see_notes=may_see_notes,
            notes=selectors.notes_for(m, row),
            note=note or f.NoteForm(),
            show_duty=profile.adopts(R.GROUPS_DISCLOSURE_DUTY_DECLARED),
            refusal=refusal,
            warning=rules.non_member_warning(profile, row.non_members_present),
            disclaimers=rules.meeting_record_disclaimers(profile),
            confidential=profile.cite(R.GROUPS_DISCUSSIONS_CONFIDENTIAL),
            decline_note=rules.decline_is_without_penalty(),
            decline_cites=rules.decline_citations(profile),
        ),
        status=400 if bound else 200,
    )


@council_view
def attendance_detail(request: HttpRequest, m: Membership, attendance_id: int) -> HttpResponse:
    return _attendance_page(request, m, selectors.attendance_get_for(m, attendance_id))


@require_POST
@council_view
def attendance_decide(request: HttpRequest, m: Membership, attendance_id: int) -> HttpResponse:
    row = selectors.attendance_get_for(m, attendance_id)
    form = f.DecideForm(request.POST, officers=selectors.advising_officers(m))
    refusal = None
    if form.is_valid():
        d = form.cleaned_data
        try:
            row = services.attendance_decide(
                actor=m.person,
                council=m.council,
                attendance_id=row.pk,
                accept=d["decision"] == "accept",
                reason=d["reason"],
                attending_officer_id=d["attending_officer"] or None,
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            if row.status == AttendanceRequest.Status.ACCEPTED:
                messages.success(request, f"Accepted: {row.attending_officer} will attend. The group has been told.")
            else:
                messages.success(request, "Declined and recorded. The group has been told.")
            return redirect("group_attendance", slug=m.council.slug, attendance_id=row.pk)
    return _attendance_page(request, m, row, decide=form, refusal=refusal)


@require_POST
@council_view
def attendance_stay(request: HttpRequest, m: Membership, attendance_id: int) -> HttpResponse:
    row = selectors.attendance_get_for(m, attendance_id)
    form = f.StayForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.attendance_record_stay(
                actor=m.person,
                council=m.council,
                attendance_id=row.pk,
                minutes_stayed=d["minutes_stayed"],
                withdrew=d["withdrew"],
                withdrawal_reason=d["withdrawal_reason"],
            )
        except ValidationFailed as exc:
            _apply(form, exc)
        else:
            messages.success(request, "Your attendance is recorded.")
            return redirect("group_attendance", slug=m.council.slug, attendance_id=row.pk)
    return _attendance_page(request, m, row, stay=form)


@require_POST
@council_view
def note_new(request: HttpRequest, m: Membership, attendance_id: int) -> HttpResponse:
    row = selectors.attendance_get_for(m, attendance_id)
    if not selectors.may_see_notes(m, row):
        raise NotFound("That page")
    form = f.NoteForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            note = services.note_write(
                actor=m.person,
                council=m.council,
                attendance_id=row.pk,
                body=d["body"],
                disclosure_duty=d["disclosure_duty"],
            )
        except ValidationFailed as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"Note saved. Only {row.group.name} and the officers present can read it.")
            return redirect("group_note", slug=m.council.slug, note_id=note.pk)
    return _attendance_page(request, m, row, note=form)


@council_view
def note_detail(request: HttpRequest, m: Membership, note_id: int) -> HttpResponse:
    note = selectors.note_get_for(m, note_id)
    profile = m.council.profile
    return render(
        request,
        "groups/note.html",
        _ctx(
            m,
            note=note,
            confidential=profile.cite(R.GROUPS_DISCUSSIONS_CONFIDENTIAL, R.GROUPS_DISCLOSURE_DUTY_DECLARED),
            disclaimers=rules.meeting_record_disclaimers(profile),
        ),
    )
