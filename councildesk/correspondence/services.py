"""Writes for correspondence: start a conversation, post a message (on the web, through the API or by email),
ask to copy a conversation to someone new, answer such a request, and apply it. Each is gate -> rule check ->
write -> audit -> notifications through the outbox, in one transaction.

Every message is emailed to every other participant, each separately: To them, Reply-To their own signed address
for the conversation, the body naming everyone in the conversation (never a blind copy), and Message-ID /
In-Reply-To / References so mail clients keep the conversation together. There is no Cc header: "reply all" then
answers the conversation alone, where everyone sees it, and never mails a participant around it (ADR 0020).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.core import clock, uploads
from councildesk.core.dates import long_date
from councildesk.core.errors import Conflict, NotFound, ValidationFailed
from councildesk.core.text import checked_text as _text
from councildesk.councils.models import Council
from councildesk.notifications import replyto
from councildesk.notifications.services import email_address, notify
from councildesk.people.access import Membership, membership_for
from councildesk.people.kinds import MEMBER_KINDS, OFFICER_KINDS
from councildesk.people.models import Person

from . import events, rules
from .models import Attachment, Consent, CopyRequest, Message, Participant, Thread
from .selectors import correspondents, kinds_of, thread_get_for, valid_id

SUBJECT_MAX = 200
BODY_MAX = 50_000
REFERENCES_MAX = 20


@dataclass(frozen=True)
class NewFile:
    name: str
    content_type: str
    data: bytes
    sha256: str


def checked_uploads(attachments: Sequence[tuple[str, bytes]]) -> list[NewFile]:
    """Files uploaded on the web or through the API, through the one inspection (``core.uploads``): each file's
    real type and size, and how many there are and their total, against the attachment settings."""
    if not attachments:
        return []
    checked = uploads.inspect_all(
        attachments,
        max_bytes=settings.COUNCILDESK_MAX_ATTACHMENT_BYTES,
        max_count=settings.COUNCILDESK_MAX_ATTACHMENTS,
        max_total=settings.COUNCILDESK_MAX_ATTACHMENTS_TOTAL_BYTES,
        field="attachments",
    )
    return [NewFile(c.inspected.filename, c.inspected.content_type, c.data, c.inspected.sha256) for c in checked]


def _label(m: Membership, person: Person) -> str:
    """A name with the person's titles here, e.g. "Priya Bains (Councillor)"."""
    profile = m.council.profile
    kinds = sorted(k for k in kinds_of(m, person) if k in MEMBER_KINDS | OFFICER_KINDS)
    titles = ", ".join(profile.title_for(k) for k in kinds)
    return f"{person} ({titles})" if titles else str(person)


def _new_message_id() -> str:
    return f"<correspondence.{uuid.uuid4().hex}@{replyto.reply_domain()}>"


def _ids(person_ids: Iterable[int | str]) -> list[int]:
    out: list[int] = []
    for value in person_ids:
        try:
            out.append(int(value))
        except (TypeError, ValueError):
            continue
    return out


# ---- threads and messages ----------------------------------------------------------------------------------------


def thread_start(
    *,
    actor: Person,
    council: Council,
    subject: str,
    body: str,
    to_ids: Sequence[int | str],
    blind_copies: Sequence[str] = (),
    confidential: bool = False,
    confidential_what: str = "",
    confidential_why: str = "",
    via: str = Message.Via.WEB,
) -> Thread:
    """Write to one or more councillors or officers. Everyone addressed sees everyone else; there is no blind
    copy (a hidden recipient is refused, or made visible where the council's protocol says so)."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    problems: dict[str, str] = {}
    subject = _text(subject, "subject", "a subject", problems, limit=SUBJECT_MAX)
    body = _text(body, "body", "your message", problems, limit=BODY_MAX)
    people = {p.pk: p for p in correspondents(m)}
    chosen = [people[i] for i in dict.fromkeys(_ids(to_ids)) if i in people]
    if not chosen:
        problems["to"] = "Choose at least one councillor or officer to write to."
    if problems:
        raise ValidationFailed("Check your message.", problems)
    made_visible = rules.blind_copies(profile, blind_copies)
    by_name = {str(p).lower(): p for p in people.values()} | {p.username.lower(): p for p in people.values()}
    visible_copies = [by_name[n.lower()] for n in made_visible if n.lower() in by_name]
    if len(visible_copies) != len(made_visible):
        raise ValidationFailed("Check your message.", {"to": "Copies can only go to this council's people."})
    _check_marking(m, confidential, confidential_what, confidential_why)
    now = clock.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            council=council, subject=subject, started_by=actor, started_at=now, last_message_at=now
        )
        Participant.objects.create(thread=thread, person=actor, joined=Participant.Joined.STARTED, joined_at=now)
        for person in dict.fromkeys([*chosen, *visible_copies]):
            if person.pk != actor.pk:
                joined = Participant.Joined.COPIED if person in visible_copies else Participant.Joined.ADDRESSED
                Participant.objects.create(thread=thread, person=person, joined=joined, joined_at=now)
        cc = rules.cc_line(profile, [_label(m, p) for p in visible_copies])
        record(
            council=council,
            actor=actor,
            action=events.THREAD_STARTED,
            subject=thread,
            data={
                "participants": sorted(p.username for p in {*chosen, *visible_copies, actor}),
                "bcc_made_visible": [p.username for p in visible_copies],
            },
            rule_ids=[R.CORRESPONDENCE_NO_BLIND_COPIES] if visible_copies else None,
        )
        _post(
            m,
            thread,
            body=body,
            via=via,
            cc_line=cc,
            confidential=confidential,
            confidential_what=confidential_what,
            confidential_why=confidential_why,
        )
    return thread


def _check_marking(m: Membership, confidential: bool, what: str, why: str) -> None:
    if not confidential:
        return
    if not rules.marking_available(m.council.profile):
        raise ValidationFailed(
            "Check your message.",
            {"confidential": f"{m.council.name}'s protocol has no confidential marking for correspondence."},
        )
    rules.check_confidential_marking(m.council.profile, confidential=True, what=what, why=why, author_kinds=m.kinds)


def message_post(
    *,
    actor: Person,
    council: Council,
    thread_id: int,
    body: str,
    confidential: bool = False,
    confidential_what: str = "",
    confidential_why: str = "",
    via: str = Message.Via.WEB,
    message_id: str = "",
    files: Sequence[NewFile] = (),
    attachments: Sequence[tuple[str, bytes]] = (),
) -> tuple[Message, bool]:
    """Add a message to a conversation the actor is in. A Message-ID already in the thread is applied once: the
    existing message comes back with ``False``. ``files`` were inspected already (email intake); ``attachments``
    are uploads (name, bytes), inspected here."""
    m = membership_for(actor, council.slug)
    thread = thread_get_for(m, thread_id)
    files = [*files, *checked_uploads(attachments)]
    problems: dict[str, str] = {}
    body = _text(body, "body", "your message", problems, limit=BODY_MAX, required=not files)
    if problems:
        raise ValidationFailed("Check your message.", problems)
    _check_marking(m, confidential, confidential_what, confidential_why)
    message_id = " ".join((message_id or "").split())[:300]
    if message_id:
        existing = Message.objects.filter(thread=thread, message_id=message_id).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            message = _post(
                m,
                thread,
                body=body,
                via=via,
                message_id=message_id,
                confidential=confidential,
                confidential_what=confidential_what,
                confidential_why=confidential_why,
                files=files,
            )
    except IntegrityError:  # the same Message-ID delivered twice at once: the other delivery applied it
        existing = Message.objects.filter(thread=thread, message_id=message_id).first()
        if existing is None or not message_id:
            raise
        return existing, False
    return message, True


def _post(
    m: Membership,
    thread: Thread,
    *,
    body: str,
    via: str,
    author: Person | bool | None = True,
    message_id: str = "",
    cc_line: str = "",
    confidential: bool = False,
    confidential_what: str = "",
    confidential_why: str = "",
    files: Sequence[NewFile] = (),
) -> Message:
    now = clock.now()
    writer = m.person if author is True else (author or None)
    message = Message.objects.create(
        thread=thread,
        author=writer,
        body=body,
        sent_at=now,
        via=via,
        message_id=message_id or _new_message_id(),
        cc_line=cc_line,
        confidential=confidential,
        confidential_what=confidential_what.strip() if confidential else "",
        confidential_why=confidential_why.strip() if confidential else "",
    )
    for f in files:
        digest = hashlib.sha256(f.data).hexdigest()
        if digest != f.sha256:
            raise ValidationFailed("An attachment was damaged on the way.", {"attachments": f.name})
        row = Attachment(
            message=message, name=f.name[:255], content_type=f.content_type[:100], size=len(f.data), sha256=digest
        )
        row.file.save(f.name[:100] or "attachment", ContentFile(f.data), save=False)
        row.save()
    Thread.objects.filter(pk=thread.pk).update(last_message_at=now)
    record(
        council=m.council,
        actor=m.person,
        action=events.MESSAGE_POSTED,
        subject=message,
        data={
            "thread": thread.pk,
            "via": via,
            "confidential": confidential,
            "attachments": [f.sha256 for f in files],
            "cc_line": cc_line,
        },
        rule_ids=[R.CORRESPONDENCE_CONFIDENTIAL_MARKING] if confidential else None,
    )
    _email_message(m, thread, message)
    return message


def _history(thread: Thread, *, before: Message | None = None, limit: int = REFERENCES_MAX) -> list[Message]:
    rows = Message.objects.filter(thread=thread)
    if before is not None:
        rows = rows.exclude(pk=before.pk).filter(sent_at__lte=before.sent_at)
    return list(rows.order_by("-sent_at", "-pk").select_related("author")[:limit])[::-1]


def _render(m: Membership, message: Message) -> str:
    who = _label(m, message.author) if message.author else "councildesk"
    lines = [f"{who} wrote on {long_date(message.sent_at.date())}:", "", message.body]
    if message.confidential:
        lines += [
            "",
            f"CONFIDENTIAL: shared with you in confidence only: {message.confidential_what}",
            f"Why: {message.confidential_why}",
            "It must not be sent or copied to a complainant or anyone outside the council.",
        ]
    if message.cc_line:
        lines += ["", message.cc_line]
    return "\n".join(lines)


def _email_message(m: Membership, thread: Thread, message: Message, *, only: Person | None = None) -> None:
    """Email the message to every other participant (or to ``only``): each their own Reply-To, the body naming
    everyone in the conversation, and the threading headers; no Cc header (ADR 0020)."""
    council = m.council
    participants = list(thread.participants.select_related("person"))
    earlier = [x.message_id for x in _history(thread, before=message)]
    headers = {"Message-ID": message.message_id, "X-Councildesk-Thread": str(thread.pk)}
    if earlier:
        headers["In-Reply-To"] = earlier[-1]
        headers["References"] = " ".join(earlier)
    names = ", ".join(_label(m, p.person) for p in participants)
    footer = [
        "",
        "--",
        f"In this conversation (everyone sees everyone): {names}.",
        "Each of them receives this message by email, separately. Reply (or reply to all) to answer in the "
        "conversation; everyone listed will see your reply.",
    ]
    if (
        message.author
        and kinds_of(m, message.author) & OFFICER_KINDS
        and council.profile.adopts(R.CORRESPONDENCE_NO_FORWARD_TO_RESIDENTS)
    ):
        footer.append("An officer's correspondence: not for onward forwarding to residents or other third parties.")
    body = _render(m, message) + "\n" + "\n".join(footer)
    url = reverse("correspondence_thread", kwargs={"slug": council.slug, "thread_id": thread.pk})
    for p in participants:
        person = p.person
        if person.pk == (message.author_id or 0) or (only is not None and person.pk != only.pk):
            continue
        notify(
            council=council,
            recipient=person,
            kind="correspondence.message",
            subject=("Re: " if earlier else "") + thread.subject,
            body=f"New message in “{thread.subject}”.",
            email_body=body,
            url=url,
            dedupe_key=f"thread-message-{message.pk}-to-{person.pk}",
            reply_to=replyto.reply_address(
                council_id=council.pk, kind="thread", object_id=thread.pk, person_id=person.pk
            ),
            headers=headers,
        )


# ---- copying ------------------------------------------------------------------------------------------------------


def _officer_authored(thread: Thread, m: Membership) -> bool:
    authors = {a for a in thread.messages.values_list("author_id", flat=True) if a}
    return any(kinds_of(m, p) & OFFICER_KINDS for p in Person.objects.filter(pk__in=authors))


def copy_request(
    *,
    actor: Person,
    council: Council,
    thread_id: int,
    person_id: int | str | None = None,
    external_name: str = "",
    external_email: str = "",
    reason: str = "",
    reviewed: bool = False,
) -> CopyRequest:
    """Ask to copy a conversation to another councillor or officer, or forward it outside the council."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    thread = thread_get_for(m, thread_id)
    problems: dict[str, str] = {}
    person: Person | None = None
    external_name = _text(external_name, "external_name", "their name", problems, limit=200, required=False)
    external_email = _text(external_email, "external_email", "their email address", problems, limit=254, required=False)
    if person_id not in (None, ""):
        people = {p.pk: p for p in correspondents(m)}
        person = people.get(next(iter(_ids([person_id or 0])), 0))
        if person is None:
            problems["person"] = "Choose a councillor or officer of this council."
        elif thread.participants.filter(person=person).exists():
            problems["person"] = f"{person} is already in this conversation and sees all of it."
    elif not external_email:
        problems["person"] = "Choose who to copy, or give the name and email address of someone outside the council."
    elif "@" not in external_email or any(c.isspace() for c in external_email):
        problems["external_email"] = "Enter an email address like name@example.org."
    if problems:
        raise ValidationFailed("Check who you want to copy.", problems)
    external = person is None
    messages = list(thread.messages.all())
    if external:
        rules.check_external(
            profile,
            actor_is_member=m.is_member,
            officer_authored=_officer_authored(thread, m),
            confidential=any(x.confidential for x in messages),
        )
    mode = rules.copy_mode(profile, external=external)
    rules.check_reason(profile, mode, reason)
    reason = _text(reason, "reason", "why they should see it", problems, limit=2000)
    if problems:
        raise ValidationFailed("Check who you want to copy.", problems)
    rules.check_history_reviewed(profile, reviewed=reviewed)
    authors = list(
        Person.objects.filter(pk__in={x.author_id for x in messages if x.author_id and x.author_id != actor.pk})
    )
    now = clock.now()
    with transaction.atomic():
        request = CopyRequest.objects.create(
            thread=thread,
            requested_by=actor,
            requested_at=now,
            person=person,
            external_name=external_name,
            external_email=external_email if external else "",
            reason=reason,
        )
        record(
            council=council,
            actor=actor,
            action=events.COPY_REQUESTED,
            subject=request,
            data={
                "thread": thread.pk,
                "to": person.username if person else "external",
                "mode": mode,
                "authors": sorted(a.username for a in authors),
            },
            rule_ids=[R.CORRESPONDENCE_COPY_OR_FORWARD_NEEDS_CONSENT] if mode != "at_once" else None,
        )
        if mode == "consent" and authors:
            for author in authors:
                consent = Consent.objects.create(request=request, author=author)
                _ask_consent(m, request, consent)
        else:
            _apply(m, request)
    return request


def contact_share(
    *,
    actor: Person,
    council: Council,
    thread_id: int,
    officer_id: int | str | None,
    external_name: str,
    external_email: str,
    reason: str = "",
) -> CopyRequest:
    """002 5.14: a councillor passes on the contact details of the relevant officer (one in this conversation, or
    a Head of Service), and only once that officer consents. The conversation itself never goes."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    thread = thread_get_for(m, thread_id)
    problems: dict[str, str] = {}
    if not rules.contact_needs_consent(profile):
        raise ValidationFailed(
            "Check the request.", {"officer": f"{council.name}'s protocol has no route for sharing contact details."}
        )
    in_thread = set(thread.participants.values_list("person_id", flat=True))
    officers = {
        p.pk: p
        for p in correspondents(m)
        if kinds_of(m, p) & OFFICER_KINDS and (p.pk in in_thread or "head_of_service" in kinds_of(m, p))
    }
    officer = officers.get(next(iter(_ids([officer_id or 0])), 0))
    if officer is None:
        problems["officer"] = "Choose an officer in this conversation, or a Head of Service."
    external_name = _text(external_name, "external_name", "their name", problems, limit=200)
    external_email = _text(external_email, "external_email", "their email address", problems, limit=254)
    if external_email and ("@" not in external_email or any(c.isspace() for c in external_email)):
        problems["external_email"] = "Enter an email address like name@example.org."
    reason = _text(reason, "reason", "why they need the details", problems, limit=2000, required=False)
    if problems or officer is None:
        raise ValidationFailed("Check the request.", problems)
    with transaction.atomic():
        request = CopyRequest.objects.create(
            thread=thread,
            requested_by=actor,
            requested_at=clock.now(),
            external_name=external_name,
            external_email=external_email,
            contact_of=officer,
            reason=reason or "To contact the officer directly.",
        )
        record(
            council=council,
            actor=actor,
            action=events.COPY_REQUESTED,
            subject=request,
            data={"thread": thread.pk, "contact_of": officer.username, "to": "external"},
            rule_ids=[R.CORRESPONDENCE_OFFICER_CONTACT_DETAILS_CONSENT],
        )
        _ask_consent(m, request, Consent.objects.create(request=request, author=officer))
    return request


def _ask_consent(m: Membership, request: CopyRequest, consent: Consent) -> None:
    council = m.council
    thread = request.thread
    url = reverse("correspondence_thread", kwargs={"slug": council.slug, "thread_id": thread.pk})
    if request.contact_of_id:
        what = f"your contact details be given to {request.recipient_label}"
    else:
        what = f"“{thread.subject}” be copied to {request.recipient_label}"
    notify(
        council=council,
        recipient=consent.author,
        kind="correspondence.consent",
        subject=f"May {what}?",
        body=(
            f"{request.requested_by} asks that {what}. "
            f"Their reason: {request.reason}\n\nNothing is copied unless you consent. Answer on the conversation's "
            "page, or reply to this email with YES to consent or NO to refuse."
        ),
        url=url,
        dedupe_key=f"copy-consent-{consent.pk}",
        reply_to=replyto.reply_address(
            council_id=council.pk, kind="consent", object_id=consent.pk, person_id=consent.author_id
        ),
    )


def consent_answer(*, actor: Person, council: Council, consent_id: int, give: bool, via: str = "web") -> CopyRequest:
    """The author consents to a copy, or refuses it. Once every author has consented, the copy is made."""
    m = membership_for(actor, council.slug)
    if not valid_id(consent_id):
        raise NotFound("That request")
    found = Consent.objects.filter(pk=consent_id, author=actor, request__thread__council=council).first()
    if found is None:
        raise NotFound("That request")
    with transaction.atomic():
        # The request row is the lock: answers to one request are taken one at a time, so the last consent sees
        # every other and makes the copy exactly once. Only that row is locked (PostgreSQL refuses FOR UPDATE on
        # the nullable side of a join).
        request = (
            CopyRequest.objects.select_for_update(of=("self",))
            .select_related("thread", "requested_by", "person", "contact_of")
            .get(pk=found.request_id)
        )
        consent = Consent.objects.get(pk=found.pk)
        if consent.answer != Consent.Answer.WAITING or request.status != CopyRequest.Status.PENDING:
            raise Conflict("This request has already been answered.")
        consent.answer = Consent.Answer.GIVEN if give else Consent.Answer.REFUSED
        consent.answered_at = clock.now()
        consent.via = via
        consent.save(update_fields=["answer", "answered_at", "via"])
        record(
            council=council,
            actor=actor,
            action=events.COPY_ANSWERED,
            subject=request,
            data={"consent": consent.pk, "given": give, "via": via},
            rule_ids=[R.CORRESPONDENCE_COPY_OR_FORWARD_NEEDS_CONSENT],
        )
        url = reverse("correspondence_thread", kwargs={"slug": council.slug, "thread_id": request.thread_id})
        if not give:
            request.status = CopyRequest.Status.REFUSED
            request.decided_at = clock.now()
            request.save(update_fields=["status", "decided_at"])
            notify(
                council=council,
                recipient=request.requested_by,
                kind="correspondence.copy_refused",
                subject=f"{actor} did not consent to copying “{request.thread.subject}”",
                body=f"{actor} refused consent to copy the conversation to {request.recipient_label}. "
                "Nothing was copied.",
                url=url,
                dedupe_key=f"copy-refused-{request.pk}",
            )
        elif not request.consents.exclude(answer=Consent.Answer.GIVEN).exists():
            _apply(m, request)
    return request


def _apply(m: Membership, request: CopyRequest) -> None:
    """Make the copy: a new participant (or an email outside the council), the visible CC line on the
    conversation and its email, and every author told who now has it."""
    council = m.council
    profile = council.profile
    thread = request.thread
    now = clock.now()
    request.status = CopyRequest.Status.APPLIED
    request.decided_at = now
    request.save(update_fields=["status", "decided_at"])
    if request.contact_of is not None:
        _share_contact(m, request)
        return
    label = _label(m, request.person) if request.person else request.recipient_label
    cc = rules.cc_line(profile, [label])
    note = f"{request.requested_by} copied this conversation to {label}. Reason: {request.reason}"
    requester = Membership(
        council=council, person=request.requested_by, day=m.day, roles=(), kinds=kinds_of(m, request.requested_by)
    )
    if request.person is not None:
        Participant.objects.create(
            thread=thread, person=request.person, joined=Participant.Joined.COPIED, joined_at=now, copy_request=request
        )
    record(
        council=council,
        actor=m.person,
        action=events.COPY_APPLIED,
        subject=request,
        data={"thread": thread.pk, "to": request.person.username if request.person else "external"},
        rule_ids=[R.CORRESPONDENCE_COPY_MADE_EXPLICIT],
    )
    if request.person is not None:  # the history first, so the CC notice arrives last
        for old in _history(thread, limit=200):
            _email_message(m, thread, old, only=request.person)
    _post(requester, thread, body=note, via=Message.Via.SYSTEM, author=request.requested_by, cc_line=cc)
    if request.person is None:
        history = "\n\n".join(_render(m, x) for x in _history(thread, limit=200))
        email_address(
            council=council,
            to_address=request.external_email,
            subject=f"Fwd: {thread.subject}",
            body=f"{note}\n\n{history}\n\n{cc}",
        )
    url = reverse("correspondence_thread", kwargs={"slug": council.slug, "thread_id": thread.pk})
    authors = {
        x.author
        for x in thread.messages.select_related("author")
        if x.author and x.author_id != request.requested_by_id
    }
    for author in authors:
        notify(
            council=council,
            recipient=author,
            kind="correspondence.copied",
            subject=f"“{thread.subject}” was copied to {label}",
            body=f"{note}\n\n{cc}",
            url=url,
            dedupe_key=f"copy-told-{request.pk}-{author.pk}",
        )


def _share_contact(m: Membership, request: CopyRequest) -> None:
    officer = request.contact_of
    assert officer is not None
    record(
        council=m.council,
        actor=m.person,
        action=events.COPY_APPLIED,
        subject=request,
        data={"thread": request.thread_id, "contact_of": officer.username, "to": "external"},
        rule_ids=[R.CORRESPONDENCE_OFFICER_CONTACT_DETAILS_CONSENT],
    )
    email_address(
        council=m.council,
        to_address=request.external_email,
        subject=f"Contact details for {officer} at {m.council.name}",
        body=(
            f"Dear {request.external_name},\n\n{request.requested_by} asked us to pass on these contact details, "
            f"and {officer} agreed:\n\n{_label(m, officer)}\n{officer.email}\n"
        ),
    )
    notify(
        council=m.council,
        recipient=request.requested_by,
        kind="correspondence.contact_shared",
        subject=f"{officer}'s contact details were sent to {request.external_name}",
        body=f"{officer} consented, and their contact details were emailed to {request.recipient_label}.",
        url=reverse("correspondence_thread", kwargs={"slug": m.council.slug, "thread_id": request.thread_id}),
        dedupe_key=f"contact-shared-{request.pk}",
    )
