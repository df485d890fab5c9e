"""Pages for correspondence: conversations (threads), copying with consent, and official letters. Thin: parse,
call one service or selector, render. A refusal keeps what was typed and shows the rule and the clause."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from councildesk.catalogue.ids import R
from councildesk.core.errors import Conflict, NotFound, ProtocolViolation, ValidationFailed
from councildesk.core.forms import apply_error as _apply
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view
from councildesk.people.kinds import MEMBER_KINDS, OFFICER_KINDS

from . import forms as f
from . import letters, rules, selectors, services
from .models import Consent, Letter


def _ctx(m: Membership, **extra: Any) -> dict[str, Any]:
    return {"council": m.council, "m": m, "profile": m.council.profile, "nav_section": "correspondence", **extra}


def _may_write_letters(m: Membership) -> bool:
    profile = m.council.profile
    civic = profile.correspondence.civic_head
    return bool(
        m.kinds & OFFICER_KINDS
        or (civic and civic in m.kinds and profile.adopts(R.CORRESPONDENCE_CIVIC_HEAD_EXCEPTION))
        or (m.kinds & MEMBER_KINDS and profile.adopts(R.CORRESPONDENCE_WARD_CAPACITY_STATED))
    )


def _issue_route(m: Membership) -> dict[str, Any] | None:
    """002 5.11: a councillor with an issue goes to the Chief Executive, an officer to their Head of Service."""
    kind = rules.issue_route(m.council.profile, is_member=m.is_member)
    if kind is None:
        return None
    person = selectors.holder_of(m, kind, m.person)
    title = "your line manager" if kind == "line_manager" else f"the {m.council.profile.title_for(kind)}"
    return {"person": person, "title": title, "cites": m.council.profile.cite(R.COMPLAINTS_ISSUE_RAISED_NOT_COPIED)}


@council_view
def index(request: HttpRequest, m: Membership) -> HttpResponse:
    return render(
        request,
        "correspondence/index.html",
        _ctx(
            m,
            threads=selectors.threads_list_for(m),
            consents=selectors.consents_waiting_for(m),
            letters=selectors.letters_list_for(m),
            may_write_letters=_may_write_letters(m),
            cites=m.council.profile.cite(R.CORRESPONDENCE_NO_BLIND_COPIES),
        ),
    )


@council_view
@require_http_methods(["GET", "POST"])
def thread_new(request: HttpRequest, m: Membership) -> HttpResponse:
    profile = m.council.profile
    marking = rules.marking_available(profile) and bool(m.kinds & OFFICER_KINDS)
    initial = {"to": [request.GET["to"]]} if request.GET.get("to", "").isdigit() else {}
    form = f.ThreadForm(request.POST or None, people=selectors.correspondents(m), marking=marking, initial=initial)
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            thread = services.thread_start(
                actor=m.person,
                council=m.council,
                subject=d["subject"],
                body=d["body"],
                to_ids=d["to"],
                confidential=d.get("confidential", False),
                confidential_what=d.get("confidential_what", ""),
                confidential_why=d.get("confidential_why", ""),
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, f"Message sent. Everyone in “{thread.subject}” can see who else is in it.")
            return redirect("correspondence_thread", slug=m.council.slug, thread_id=thread.pk)
    return render(
        request,
        "correspondence/thread_new.html",
        _ctx(
            m,
            form=form,
            refusal=refusal,
            route=_issue_route(m),
            cites=profile.cite(R.CORRESPONDENCE_NO_BLIND_COPIES),
        ),
        status=400 if form.errors else 200,
    )


def _thread_page(
    request: HttpRequest, m: Membership, thread_id: int, *, form: f.ReplyForm | None = None, refusal: Any = None
) -> HttpResponse:
    profile = m.council.profile
    thread = selectors.thread_get_for(m, thread_id)
    marking = rules.marking_available(profile) and bool(m.kinds & OFFICER_KINDS)
    return render(
        request,
        "correspondence/thread.html",
        _ctx(
            m,
            thread=thread,
            participants=selectors.participants_of(thread),
            messages_=selectors.messages_of(thread),
            copies=selectors.copy_requests_of(thread),
            my_consents={c.request_id: c for c in selectors.consents_waiting_for(m)},
            form=form or f.ReplyForm(marking=marking),
            refusal=refusal,
            route=_issue_route(m),
            copy_cites=profile.cite(
                R.CORRESPONDENCE_COPY_MADE_EXPLICIT, R.CORRESPONDENCE_COPY_OR_FORWARD_NEEDS_CONSENT
            ),
            confidential_cites=profile.cite(R.CORRESPONDENCE_CONFIDENTIAL_MARKING),
        ),
        status=400 if form is not None and form.errors else 200,
    )


@council_view
@require_http_methods(["GET", "POST"])
def thread_detail(request: HttpRequest, m: Membership, thread_id: int) -> HttpResponse:
    if request.method == "GET":
        return _thread_page(request, m, thread_id)
    thread = selectors.thread_get_for(m, thread_id)
    marking = rules.marking_available(m.council.profile) and bool(m.kinds & OFFICER_KINDS)
    form = f.ReplyForm(request.POST, request.FILES, marking=marking)
    refusal = None
    if form.is_valid():
        d = form.cleaned_data
        files: list[UploadedFile] = d.get("attachments") or []
        try:
            services.message_post(
                actor=m.person,
                council=m.council,
                thread_id=thread.pk,
                body=d["body"],
                confidential=d.get("confidential", False),
                confidential_what=d.get("confidential_what", ""),
                confidential_why=d.get("confidential_why", ""),
                attachments=[(u.name or "attachment", u.read()) for u in files],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, "Reply sent to everyone in the conversation.")
            return redirect("correspondence_thread", slug=m.council.slug, thread_id=thread.pk)
    return _thread_page(request, m, thread.pk, form=form, refusal=refusal)


def _contact_officers(m: Membership, thread_id: int) -> list[Any]:
    in_thread = {p.person_id for p in selectors.participants_of(selectors.thread_get_for(m, thread_id))}
    return [
        p
        for p in selectors.correspondents(m)
        if selectors.kinds_of(m, p) & OFFICER_KINDS
        and (p.pk in in_thread or "head_of_service" in selectors.kinds_of(m, p))
    ]


@require_POST
@council_view
def contact_share(request: HttpRequest, m: Membership, thread_id: int) -> HttpResponse:
    """002 5.14: share an officer's contact details with someone outside, once the officer consents."""
    thread = selectors.thread_get_for(m, thread_id)
    contact = f.ContactForm(request.POST, people=_contact_officers(m, thread.pk))
    if contact.is_valid():
        d = contact.cleaned_data
        try:
            services.contact_share(
                actor=m.person,
                council=m.council,
                thread_id=thread.pk,
                officer_id=d["officer"],
                external_name=d["external_name"],
                external_email=d["external_email"],
                reason=d["reason"],
            )
        except ValidationFailed as exc:
            _apply(contact, exc)
        else:
            messages.success(request, "The officer has been asked. Their details go only once they consent.")
            return redirect("correspondence_thread", slug=m.council.slug, thread_id=thread.pk)
    return _copy_page(request, m, thread.pk, contact=contact)


@council_view
@require_http_methods(["GET", "POST"])
def copy_new(request: HttpRequest, m: Membership, thread_id: int) -> HttpResponse:
    return _copy_page(request, m, thread_id)


def _copy_page(request: HttpRequest, m: Membership, thread_id: int, contact: Any = None) -> HttpResponse:
    profile = m.council.profile
    thread = selectors.thread_get_for(m, thread_id)
    warn = bool(rules.new_party_warning(profile))
    form = f.CopyForm(
        request.POST if contact is None and request.method == "POST" else None,
        people=selectors.correspondents(m),
        warn=warn,
    )
    offer_contact = rules.contact_needs_consent(profile) and m.is_member
    if contact is None and offer_contact:
        contact = f.ContactForm(people=_contact_officers(m, thread.pk))
    refusal = None
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            row = services.copy_request(
                actor=m.person,
                council=m.council,
                thread_id=thread.pk,
                person_id=d["person"] or None,
                external_name=d["external_name"],
                external_email=d["external_email"],
                reason=d["reason"],
                reviewed=d.get("reviewed", False),
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            if row.status == row.Status.APPLIED:
                text = f"Copied to {row.recipient_label}. The CC line is on the conversation and its authors were told."
            else:
                text = f"Consent asked for. Nothing is copied to {row.recipient_label} until the author consents."
            messages.success(request, text)
            return redirect("correspondence_thread", slug=m.council.slug, thread_id=thread.pk)
    adviser_kind = rules.forwarding_adviser(profile, is_member=m.is_member)
    adviser = selectors.holder_of(m, adviser_kind, m.person) if adviser_kind else None
    return render(
        request,
        "correspondence/copy_new.html",
        _ctx(
            m,
            thread=thread,
            form=form,
            refusal=refusal,
            history=selectors.messages_of(thread),
            warning=rules.new_party_warning(profile),
            mode=rules.copy_mode(profile, external=False),
            adviser=adviser,
            adviser_title=(
                "your line manager" if adviser_kind == "line_manager" else profile.title_for(adviser_kind or "")
            ),
            adviser_cites=profile.cite(R.CORRESPONDENCE_FORWARDING_ADVICE_ROUTE),
            consent_cites=profile.cite(
                R.CORRESPONDENCE_COPY_OR_FORWARD_NEEDS_CONSENT,
                R.CORRESPONDENCE_NO_FORWARD_TO_RESIDENTS,
                R.CORRESPONDENCE_CONFIDENTIAL_MARKING,
            ),
            route=_issue_route(m),
            contact=contact if offer_contact else None,
            contact_cites=profile.cite(R.CORRESPONDENCE_OFFICER_CONTACT_DETAILS_CONSENT),
        ),
        status=400 if form.errors or (contact is not None and contact.errors) else 200,
    )


@council_view
@require_http_methods(["GET", "POST"])
def consent_answer(request: HttpRequest, m: Membership, consent_id: int) -> HttpResponse:
    if not selectors.valid_id(consent_id):
        raise NotFound("That request")
    consent = (
        Consent.objects.filter(pk=consent_id, author=m.person, request__thread__council=m.council)
        .select_related("request", "request__thread", "request__requested_by", "request__person")
        .first()
    )
    if consent is None:
        raise NotFound("That request")
    form = f.ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        give = bool(form.cleaned_data["give"])
        try:
            services.consent_answer(actor=m.person, council=m.council, consent_id=consent.pk, give=give)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            if give:
                messages.success(
                    request, f"You consented. {consent.request.recipient_label} is told once every author agrees."
                )
            else:
                messages.success(request, "You did not consent. Nothing was copied, and the person who asked is told.")
            return redirect("correspondence_thread", slug=m.council.slug, thread_id=consent.request.thread_id)
    return render(
        request,
        "correspondence/consent.html",
        _ctx(
            m,
            consent=consent,
            form=form,
            cites=m.council.profile.cite(R.CORRESPONDENCE_COPY_OR_FORWARD_NEEDS_CONSENT),
        ),
        status=400 if form.errors else 200,
    )


# ---- letters --------------------------------------------------------------------------------------------------------


@council_view
@require_http_methods(["GET", "POST"])
def letter_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not _may_write_letters(m):
        raise NotFound("That page")
    profile = m.council.profile
    people = letters.signatories(m) if m.kinds & OFFICER_KINDS else [m.person]
    ward = profile.adopts(R.CORRESPONDENCE_WARD_CAPACITY_STATED) and m.is_member
    form = f.LetterForm(request.POST or None, people=people, ward=ward, initial={"signatory": str(m.person.pk)})
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            letter = letters.letter_draft(
                actor=m.person,
                council=m.council,
                recipient_name=d["recipient_name"],
                recipient_address=d["recipient_address"],
                recipient_kind=d["recipient_kind"],
                subject=d["subject"],
                body=d["body"],
                signatory_id=d["signatory"],
                creates_obligations=d["creates_obligations"],
                civic_reason=d["civic_reason"],
                ward_capacity=d.get("ward_capacity", False),
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _apply(form, exc)
        else:
            messages.success(request, f"Letter {letter.reference} drafted in {letter.signatory}'s name.")
            return redirect("letter", slug=m.council.slug, letter_id=letter.pk)
    return render(
        request,
        "correspondence/letter_new.html",
        _ctx(
            m,
            form=form,
            refusal=refusal,
            cites=profile.cite(
                R.CORRESPONDENCE_OFFICIAL_IN_OFFICER_NAME,
                R.CORRESPONDENCE_NO_OBLIGATIONS_IN_MEMBER_NAME,
                R.CORRESPONDENCE_CIVIC_HEAD_EXCEPTION,
                R.CORRESPONDENCE_WARD_CAPACITY_STATED,
            ),
        ),
        status=400 if form.errors else 200,
    )


def _letter_page(request: HttpRequest, m: Membership, letter: Letter, **forms_: Any) -> HttpResponse:
    profile = m.council.profile
    return render(
        request,
        "correspondence/letter.html",
        _ctx(
            m,
            letter=letter,
            role=profile.title_for(letter.signatory_role),
            offers_check=rules.offers_accuracy_check(profile, recipient_kind=letter.recipient_kind)
            and letter.status == Letter.Status.DRAFT,
            check_form=forms_.get("check_form") or f.CheckRequestForm(people=letters.checkers(m)),
            checked_form=forms_.get("checked_form") or f.CheckedForm(),
            is_checker=letter.checker_id == m.person.pk and letter.status == Letter.Status.CHECKING,
            may_issue=letter.status == Letter.Status.DRAFT
            and bool(m.kinds & OFFICER_KINDS or letter.signatory_id == m.person.pk),
            check_cites=profile.cite(R.CORRESPONDENCE_RESIDENT_REPLY_ACCURACY_CHECK),
            error=forms_.get("error"),
        ),
        status=400 if forms_ else 200,
    )


@council_view
def letter_detail(request: HttpRequest, m: Membership, letter_id: int) -> HttpResponse:
    return _letter_page(request, m, selectors.letter_get_for(m, letter_id))


@require_POST
@council_view
def letter_check(request: HttpRequest, m: Membership, letter_id: int) -> HttpResponse:
    """The drafter sends a letter for an accuracy check; the Head of Service records that they checked it."""
    letter = selectors.letter_get_for(m, letter_id)
    if letter.checker_id == m.person.pk and letter.status == Letter.Status.CHECKING:
        checked = f.CheckedForm(request.POST)
        if checked.is_valid():
            letters.letter_checked(
                actor=m.person, council=m.council, letter_id=letter.pk, note=checked.cleaned_data["note"]
            )
            messages.success(request, f"Letter {letter.reference} checked; the drafter has been told.")
            return redirect("letter", slug=m.council.slug, letter_id=letter.pk)
        return _letter_page(request, m, letter, checked_form=checked)
    form = f.CheckRequestForm(request.POST, people=letters.checkers(m))
    if form.is_valid():
        try:
            letters.letter_send_for_check(
                actor=m.person, council=m.council, letter_id=letter.pk, checker_id=form.cleaned_data["checker"]
            )
        except (ValidationFailed, Conflict) as exc:
            if isinstance(exc, ValidationFailed):
                _apply(form, exc)
            else:
                form.add_error(None, exc.message)
        else:
            messages.success(request, f"Letter {letter.reference} sent to the Head of Service for an accuracy check.")
            return redirect("letter", slug=m.council.slug, letter_id=letter.pk)
    return _letter_page(request, m, letter, check_form=form)


@require_POST
@council_view
def letter_issue(request: HttpRequest, m: Membership, letter_id: int) -> HttpResponse:
    letter = selectors.letter_get_for(m, letter_id)
    try:
        letter = letters.letter_issue(actor=m.person, council=m.council, letter_id=letter.pk)
    except Conflict as exc:
        return _letter_page(request, m, letter, error=exc.message)
    messages.success(request, f"Letter {letter.reference} issued. Download the PDF below.")
    return redirect("letter", slug=m.council.slug, letter_id=letter.pk)


@council_view
def letter_pdf(request: HttpRequest, m: Membership, letter_id: int) -> HttpResponse:
    letter, data = letters.letter_pdf_bytes(m, letter_id)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letter.reference.replace("/", "-")}.pdf"'
    return response


@council_view
@require_http_methods(["GET"])
def attachment(request: HttpRequest, m: Membership, message_file_id: int) -> HttpResponseBase:
    """A file attached to a message, for the people in its conversation only (404 to anyone else); downloaded,
    never shown inline, with its inspected type."""
    found = selectors.attachment_get_for(m, message_file_id)
    response = FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.name, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
