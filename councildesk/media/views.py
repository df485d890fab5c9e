"""Pages for press and media. Thin: parse, call one service or selector, render. A refusal keeps what was typed
and shows the council's clause."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from councildesk.catalogue.ids import R
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.core.forms import apply_error as _apply
from councildesk.elections.selectors import period_on
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view
from councildesk.people.kinds import MEMBER_KINDS
from councildesk.people.models import Committee, Ward
from councildesk.people.selectors import role_holders

from . import forms as f
from . import rules, selectors, services
from .models import MediaContact, PressRelease


def _ctx(m: Membership, **extra: Any) -> dict[str, Any]:
    return {"council": m.council, "m": m, "profile": m.council.profile, **extra}


def _members(m: Membership) -> list[Any]:
    return role_holders(m.council, MEMBER_KINDS, m.day)


@council_view
def media_index(request: HttpRequest, m: Membership) -> HttpResponse:
    profile = m.council.profile
    register = profile.media.council_voice == "spokespersons"
    return render(
        request,
        "media/index.html",
        _ctx(
            m,
            releases=selectors.releases_for(m),
            contacts=selectors.contacts_for(m),
            enquiries=selectors.enquiries_for(m),
            period=period_on(m.council, m.day),
            may_draft=m.is_member or selectors.is_officer(m),
            is_member=m.is_member,
            is_officer=selectors.is_officer(m),
            register=selectors.spokespersons_on(m.council, m.day) if register else None,
            register_cites=profile.cite(R.MEDIA_COUNCIL_SPOKESPERSONS),
            appoint=f.SpokespersonForm(members=_members(m), initial={"start": m.day})
            if register and m.is_head_officer
            else None,
            cites=profile.cite(
                R.MEDIA_PUBLICITY_CODE_COMPLIANCE,
                R.MEDIA_SENSITIVE_RELEASE_APPROVAL,
                R.MEDIA_NO_PARTY_POLITICAL_PUBLICITY,
                R.MEDIA_CONTACT_VIA_SUPPORT_FUNCTION,
                R.MEDIA_SOCIAL_MEDIA_PROTOCOL,
            ),
        ),
    )


@council_view
@require_http_methods(["GET", "POST"])
def release_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not (m.is_member or selectors.is_officer(m)):
        raise NotFound("That page")
    form = f.ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.release_draft(actor=m.person, council=m.council, **form.cleaned_data)
        except ValidationFailed as exc:
            _apply(form, exc)
        else:
            messages.success(request, "Draft saved. Submit it when it is ready.")
            return redirect("media_release", slug=m.council.slug, release_id=row.pk)
    return render(request, "media/release_new.html", _ctx(m, form=form), status=400 if form.errors else 200)


def _release_page(
    request: HttpRequest,
    m: Membership,
    row: PressRelease,
    *,
    submit: f.SubmitForm | None = None,
    decide: f.DecideForm | None = None,
    refusal: ProtocolViolation | None = None,
) -> HttpResponse:
    profile = m.council.profile
    S = PressRelease.Status
    bound = refusal is not None or any(x is not None and x.errors for x in (submit, decide))
    return render(
        request,
        "media/release.html",
        _ctx(
            m,
            row=row,
            refusal=refusal,
            may_submit=row.author_id == m.person.pk and row.status in {S.DRAFT, S.REFUSED},
            submit=submit or f.SubmitForm(),
            may_decide=row.status == S.AWAITING and services.may_approve(m),
            decide=decide or f.DecideForm(),
            code_cites=profile.cite(R.MEDIA_PUBLICITY_CODE_COMPLIANCE),
            may_publish=row.status in {S.APPROVED, S.READY} and services.may_publish(m, row),
            approval_cites=profile.cite(*row.approval_rules),
            approver_title=profile.title_for(rules.approver_kind(profile)),
        ),
        status=400 if bound else 200,
    )


@council_view
def release_detail(request: HttpRequest, m: Membership, release_id: int) -> HttpResponse:
    return _release_page(request, m, selectors.release_get_for(m, release_id))


@require_POST
@council_view
def release_submit(request: HttpRequest, m: Membership, release_id: int) -> HttpResponse:
    row = selectors.release_get_for(m, release_id)
    form = f.SubmitForm(request.POST)
    refusal = None
    if form.is_valid():
        try:
            row = services.release_submit(
                actor=m.person,
                council=m.council,
                release_id=row.pk,
                override_reason=form.cleaned_data["override_reason"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            if row.status == PressRelease.Status.AWAITING:
                messages.success(request, "Submitted. It waits for approval; you will be told of the decision.")
            else:
                messages.success(request, "Submitted. No approval is needed: it can be published.")
            return redirect("media_release", slug=m.council.slug, release_id=row.pk)
    return _release_page(request, m, row, submit=form, refusal=refusal)


@require_POST
@council_view
def release_decide(request: HttpRequest, m: Membership, release_id: int) -> HttpResponse:
    row = selectors.release_get_for(m, release_id)
    form = f.DecideForm(request.POST)
    refusal = None
    if form.is_valid():
        d = form.cleaned_data
        try:
            row = services.release_decide(
                actor=m.person,
                council=m.council,
                release_id=row.pk,
                approve=d["decision"] == "approve",
                reason=d["reason"],
                code_confirmed=d["code_confirmed"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, f"Release {row.get_status_display().lower()}; the author has been told.")
            return redirect("media_release", slug=m.council.slug, release_id=row.pk)
    return _release_page(request, m, row, decide=form, refusal=refusal)


@require_POST
@council_view
def release_publish(request: HttpRequest, m: Membership, release_id: int) -> HttpResponse:
    row = selectors.release_get_for(m, release_id)
    try:
        services.release_publish(actor=m.person, council=m.council, release_id=row.pk)
    except ProtocolViolation as exc:
        return _release_page(request, m, row, refusal=exc)
    except ValidationFailed as exc:
        messages.error(request, exc.message)
        return redirect("media_release", slug=m.council.slug, release_id=row.pk)
    messages.success(request, "Published.")
    return redirect("media_release", slug=m.council.slug, release_id=row.pk)


@council_view
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not m.is_member:
        raise NotFound("That page")
    profile = m.council.profile
    consultees = selectors.consultees(m.council, m.day) if profile.media.council_voice == "after_consultation" else []
    form = f.ContactForm(
        request.POST or None,
        capacities=profile.media.capacities,
        consultees=consultees,
        initial={"occurred_on": m.day},
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            row = services.contact_record(
                actor=m.person,
                council=m.council,
                outlet=d["outlet"],
                subject=d["subject"],
                capacity=d["capacity"],
                occurred_on=d["occurred_on"],
                approached_by_media=d["approached_by_media"],
                consulted_id=d.get("consulted") or None,
                summary=d["summary"],
                claims_matter=d["claims_matter"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, "Your media contact is recorded.")
            return redirect("media_contact", slug=m.council.slug, contact_id=row.pk)
    return render(
        request,
        "media/contact_new.html",
        _ctx(
            m,
            form=form,
            refusal=refusal,
            period=period_on(m.council, m.day),
            guidance=profile.cite(
                R.MEDIA_CAPACITY_STATEMENT,
                R.MEDIA_COUNCIL_SPOKESPERSONS,
                R.MEDIA_PRIOR_CONSULTATION_TO_SPEAK_FOR_COUNCIL,
                R.MEDIA_CONTACT_VIA_SUPPORT_FUNCTION,
                R.ELECTIONS_MEDIA_CARE_IN_RUN_UP,
            ),
            checklist=rules.preparation_checklist(profile),
        ),
        status=400 if form.errors else 200,
    )


@council_view
def contact_detail(request: HttpRequest, m: Membership, contact_id: int) -> HttpResponse:
    row: MediaContact = selectors.contact_get_for(m, contact_id)
    profile = m.council.profile
    warnings = [(rules.WARNING_TEXT.get(w, ""), profile.cite(w)) for w in row.warnings]
    return render(request, "media/contact.html", _ctx(m, row=row, warnings=warnings))


@council_view
@require_http_methods(["GET", "POST"])
def enquiry_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not selectors.is_officer(m):
        raise NotFound("That page")
    form = f.EnquiryForm(
        request.POST or None,
        wards=list(Ward.objects.filter(council=m.council)),
        committees=list(Committee.objects.filter(council=m.council)),
        officers=selectors.council_officers(m),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            row = services.enquiry_record(
                actor=m.person,
                council=m.council,
                outlet=d["outlet"],
                subject=d["subject"],
                ward_id=d["ward"] or None,
                committee_id=d["committee"] or None,
                contentious=d["contentious"],
                policy_comment=d["policy_comment"],
                responder_id=d["responder"] or None,
            )
        except ValidationFailed as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"Media enquiry recorded. {len(row.told)} members told.")
            return redirect("media_enquiry", slug=m.council.slug, media_enquiry_id=row.pk)
    profile = m.council.profile
    return render(
        request,
        "media/enquiry_new.html",
        _ctx(
            m,
            form=form,
            guidance=profile.cite(
                R.MEDIA_MEMBERS_TOLD_OF_MEDIA_INTEREST, R.MEDIA_OFFICER_AUTHORISATION, R.MEDIA_POLICY_COMMENT_TO_CHAIR
            ),
        ),
        status=400 if form.errors else 200,
    )


def _enquiry_page(
    request: HttpRequest, m: Membership, row: Any, *, form: f.AnswerForm | None = None, refusal: Any = None
) -> HttpResponse:
    profile = m.council.profile
    may_answer = (
        row.status == "open"
        and selectors.is_officer(m)
        and rules.may_answer_enquiry(profile, actor_kinds=m.kinds, actor_id=m.person.pk, responder_id=row.responder_id)
    )
    return render(
        request,
        "media/enquiry.html",
        _ctx(
            m,
            row=row,
            may_answer=may_answer,
            form=form or f.AnswerForm(),
            refusal=refusal,
            cites=profile.cite(
                R.MEDIA_OFFICER_AUTHORISATION, R.MEDIA_OFFICER_FACTUAL_ONLY, R.MEDIA_POLICY_COMMENT_TO_CHAIR
            ),
        ),
        status=400 if refusal is not None or (form is not None and form.errors) else 200,
    )


@council_view
def enquiry_detail(request: HttpRequest, m: Membership, media_enquiry_id: int) -> HttpResponse:
    return _enquiry_page(request, m, selectors.enquiry_get_for(m, media_enquiry_id))


@require_POST
@council_view
def enquiry_answer(request: HttpRequest, m: Membership, media_enquiry_id: int) -> HttpResponse:
    row = selectors.enquiry_get_for(m, media_enquiry_id)
    form = f.AnswerForm(request.POST)
    refusal = None
    if form.is_valid():
        try:
            services.enquiry_answer(
                actor=m.person, council=m.council, enquiry_id=row.pk, response=form.cleaned_data["response"]
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, "Your answer is recorded.")
            return redirect("media_enquiry", slug=m.council.slug, media_enquiry_id=row.pk)
    return _enquiry_page(request, m, row, form=form, refusal=refusal)


@require_POST
@council_view
def spokesperson_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not m.is_head_officer:
        raise NotFound("That page")
    form = f.SpokespersonForm(request.POST, members=_members(m))
    if form.is_valid():
        d = form.cleaned_data
        try:
            row = services.spokesperson_appoint(
                actor=m.person,
                council=m.council,
                person_id=d["person"],
                area=d["area"],
                resolution=d["resolution"],
                start=d["start"],
            )
        except ValidationFailed as exc:
            messages.error(request, exc.message + " " + " ".join(exc.problems.values()))
        else:
            messages.success(request, f"{row.person} recorded as spokesperson on {row.area}.")
    else:
        messages.error(
            request, "Check the appointment: " + " ".join(str(e) for errs in form.errors.values() for e in errs)
        )
    return redirect("media", slug=m.council.slug)
