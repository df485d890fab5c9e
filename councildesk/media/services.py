"""Writes for press and media. Each is gate -> rule check -> write -> audit -> notifications, in one transaction.

Press releases move draft -> (approval) -> publication. Approval is needed where the council's protocol says so
(000 ¶3 sensitive topics; a member's release through the Clerk, 000 ¶4 and 004 11.5(c)) and for all publicity in a
pre-election period; it is given, or refused, with reasons by the profile's approver. Nothing party-political, and
nothing naming a councillor in a pre-election period, is ever approved or published.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.dates import long_date
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.core.text import checked_text as _text
from councildesk.councils.models import Council
from councildesk.elections.selectors import period_on
from councildesk.notifications.services import notify
from councildesk.people.access import Membership, membership_for
from councildesk.people.kinds import MEMBER_KINDS
from councildesk.people.models import (
    Committee,
    CommitteeSeat,
    Person,
    PoliticalGroup,
    Role,
    Ward,
    WardMembership,
    active_on,
)
from councildesk.people.selectors import role_holders

from . import events, rules
from .models import MediaContact, MediaEnquiry, PressRelease, Spokesperson
from .selectors import consultees, is_officer, may_speak_for_council, release_get_for


def _member_names(council: Council, day: dt.date) -> list[str]:
    names: list[str] = []
    for p in role_holders(council, MEMBER_KINDS, day):
        full = f"{p.first_name} {p.last_name}".strip()
        if p.first_name and p.last_name:
            names.append(full)
        if p.last_name:
            names += [f"councillor {p.last_name}", f"cllr {p.last_name}", f"cllr. {p.last_name}"]
    return names


def _group_names(council: Council) -> list[str]:
    return list(PoliticalGroup.objects.filter(council=council).values_list("name", flat=True))


# ---- press releases -------------------------------------------------------------------------------------------------


def release_draft(*, actor: Person, council: Council, title: str, body: str) -> PressRelease:
    """A member or an officer drafts a release. Nothing is checked yet but the text itself."""
    m = membership_for(actor, council.slug)
    if not (m.is_member or is_officer(m)):
        raise NotFound("That page")
    problems: dict[str, str] = {}
    title = _text(title, "title", "a title", problems, limit=200)
    body = _text(body, "body", "the text of the release", problems, limit=20000)
    if problems:
        raise ValidationFailed("Check the press release.", problems)
    with transaction.atomic():
        row = PressRelease.objects.create(council=council, title=title, body=body, author=actor, created_at=clock.now())
        record(council=council, actor=actor, action=events.PRESS_RELEASE_DRAFTED, subject=row, data={"title": title})
    return row


def _checks(m: Membership, row: PressRelease) -> None:
    """What can never be issued: party-political material, and a councillor's name in a pre-election period."""
    profile = m.council.profile
    text = f"{row.title}\n{row.body}"
    rules.check_not_party_political(profile, text, _group_names(m.council))
    period = period_on(m.council, m.day)
    rules.check_pre_election(
        profile, text, member_names=_member_names(m.council, m.day), poll=period.title if period else None
    )


def release_submit(*, actor: Person, council: Council, release_id: int, override_reason: str = "") -> PressRelease:
    """The author submits the draft: checked, and sent to the approver where approval is needed."""
    m = membership_for(actor, council.slug)
    row = release_get_for(m, release_id)
    if row.author_id != actor.pk:
        raise NotFound("That page")
    if row.status not in {PressRelease.Status.DRAFT, PressRelease.Status.REFUSED}:
        raise ValidationFailed("This release has already been submitted.", {"status": row.get_status_display()})
    profile = council.profile
    override_reason = (override_reason or "").strip()[:2000]
    _checks(m, row)
    author_is_member = not is_officer(m)
    flags = [] if author_is_member else rules.officer_statement_flags(profile, f"{row.title}\n{row.body}")
    if flags and not override_reason:
        raise rules.flagged_refusal(profile, flags)
    period = period_on(council, m.day)
    topics = rules.topics_in(profile, f"{row.title}\n{row.body}")
    needed = rules.approval_rules(
        profile, topics=topics, author_is_member=author_is_member, in_period=period is not None
    )
    with transaction.atomic():
        row.status = PressRelease.Status.AWAITING if needed else PressRelease.Status.READY
        row.topics = topics
        row.approval_rules = [str(r) for r in needed]
        row.flags = flags
        row.flag_override = override_reason if flags else ""
        row.submitted_at = clock.now()
        row.pre_election_period = period
        row.decided_by, row.decided_at, row.decision_reason, row.code_confirmed = None, None, "", False
        row.save()
        record(
            council=council,
            actor=actor,
            action=events.PRESS_RELEASE_SUBMITTED,
            subject=row,
            data={"topics": topics, "approval_needed": bool(needed), "flags": flags, "overridden": bool(flags)},
            rule_ids=[*row.approval_rules, *([R.MEDIA_OFFICER_FACTUAL_ONLY] if flags else [])] or None,
        )
        if needed:
            url = reverse("media_release", kwargs={"slug": council.slug, "release_id": row.pk})
            for person in role_holders(council, [rules.approver_kind(profile)], m.day):
                if person.pk == actor.pk:
                    continue
                notify(
                    council=council,
                    recipient=person,
                    kind="press_release_awaiting",
                    subject=f"A press release waits for your approval: {row.title}",
                    body=f"{actor} submitted “{row.title}”. Approve it, or refuse it, with your reasons.",
                    url=url,
                    dedupe_key=f"press-release-{row.pk}-{row.submitted_at:%Y%m%d%H%M%S%f}-to-{person.pk}",
                )
    return row


def may_approve(m: Membership) -> bool:
    return rules.approver_kind(m.council.profile) in m.kinds


def release_decide(
    *, actor: Person, council: Council, release_id: int, approve: bool, reason: str, code_confirmed: bool = False
) -> PressRelease:
    """The approver approves or refuses, always with reasons; an approval confirms the publicity code where the
    protocol asks (000 ¶1, ¶5; 004 11.1)."""
    m = membership_for(actor, council.slug)
    row = release_get_for(m, release_id)
    if not may_approve(m):
        raise NotFound("That page")
    if row.status != PressRelease.Status.AWAITING:
        raise ValidationFailed("This release is not waiting for approval.", {"decision": row.get_status_display()})
    problems: dict[str, str] = {}
    reason = _text(reason, "reason", "your reasons", problems, limit=2000)
    if problems:
        raise ValidationFailed("Give your reasons.", problems)
    profile = council.profile
    if approve:
        _checks(m, row)
        rules.check_code_confirmed(profile, code_confirmed)
    with transaction.atomic():
        row.status = PressRelease.Status.APPROVED if approve else PressRelease.Status.REFUSED
        row.decided_by = actor
        row.decided_at = clock.now()
        row.decision_reason = reason
        row.code_confirmed = bool(code_confirmed and approve)
        row.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "code_confirmed"])
        record(
            council=council,
            actor=actor,
            action=events.PRESS_RELEASE_DECIDED,
            subject=row,
            data={"decision": row.status, "reason": reason, "code_confirmed": row.code_confirmed},
            rule_ids=[*row.approval_rules, *([R.MEDIA_PUBLICITY_CODE_COMPLIANCE] if row.code_confirmed else [])],
        )
        if row.author_id != actor.pk:
            notify(
                council=council,
                recipient=row.author,
                kind="press_release_decided",
                subject=f"Your press release was {row.get_status_display().lower()}: {row.title}",
                body=f"{actor} {row.get_status_display().lower()} “{row.title}”. Reasons: {reason}",
                url=reverse("media_release", kwargs={"slug": council.slug, "release_id": row.pk}),
                dedupe_key=f"press-release-{row.pk}-decided-{row.decided_at:%Y%m%d%H%M%S%f}",
            )
    return row


def may_publish(m: Membership, row: PressRelease) -> bool:
    """The approver or the head officer; the officer who wrote it where no approval was needed."""
    if may_approve(m) or m.is_head_officer:
        return True
    return row.status == PressRelease.Status.READY and row.author_id == m.person.pk and is_officer(m)


def release_publish(*, actor: Person, council: Council, release_id: int) -> PressRelease:
    m = membership_for(actor, council.slug)
    row = release_get_for(m, release_id)
    if not may_publish(m, row):
        raise NotFound("That page")
    profile = council.profile
    if row.status == PressRelease.Status.PUBLISHED:
        when = long_date(row.published_at.date() if row.published_at else None)
        raise ValidationFailed(
            f"This release was already published on {when}.",
            {"status": "Already published."},
        )
    if row.status not in {PressRelease.Status.APPROVED, PressRelease.Status.READY}:
        raise ProtocolViolation(
            reason="This release has not been approved, so it cannot be published.",
            citations=profile.cite(*row.approval_rules)
            or profile.cite(R.MEDIA_SENSITIVE_RELEASE_APPROVAL)
            or profile.cite(R.ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW),
        )
    _checks(m, row)
    period = period_on(council, m.day)
    reviewed_in_period = row.pre_election_period_id is not None and row.pre_election_period_id == (
        period.pk if period else None
    )
    if period is not None and not reviewed_in_period:
        raise ProtocolViolation(
            reason=(
                f"A pre-election period began after this release was checked ({period.title}, polling day "
                f"{long_date(period.poll_date)}). Submit it again so it is reviewed before release."
            ),
            citations=profile.cite(R.ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW),
        )
    with transaction.atomic():
        row.status = PressRelease.Status.PUBLISHED
        row.published_by = actor
        row.published_at = clock.now()
        row.save(update_fields=["status", "published_by", "published_at"])
        record(council=council, actor=actor, action=events.PRESS_RELEASE_PUBLISHED, subject=row, data={})
    return row


# ---- members' media contact --------------------------------------------------------------------------------------


def contact_record(
    *,
    actor: Person,
    council: Council,
    outlet: str,
    subject: str,
    capacity: str,
    occurred_on: dt.date | None = None,
    approached_by_media: bool = False,
    consulted_id: int | str | None = None,
    summary: str = "",
    claims_matter: bool = False,
) -> MediaContact:
    """A member records contact with the media, stating the capacity they spoke in. Care warnings are shown and
    kept on the record; the council's media support is told."""
    m = membership_for(actor, council.slug)
    if not m.is_member:
        raise NotFound("That page")
    profile = council.profile
    problems: dict[str, str] = {}
    outlet = _text(outlet, "outlet", "the newspaper, station or journalist", problems, limit=200)
    subject = _text(subject, "subject", "what it was about", problems, limit=200)
    summary = _text(summary, "summary", "a summary", problems, required=False, limit=5000)
    occurred_on = occurred_on or m.day
    if occurred_on > m.day:
        problems["occurred_on"] = "The date must be today or in the past."
    consulted = None
    if consulted_id:
        consulted = next((p for p in consultees(council, m.day) if str(p.pk) == str(consulted_id)), None)
        if consulted is None:
            problems["consulted"] = "Choose a committee chair or the Chief Executive."
    if problems:
        raise ValidationFailed("Check the media contact.", problems)
    rules.check_capacity(profile, capacity)
    rules.check_council_voice(
        profile,
        capacity=capacity,
        may_speak_for_council=may_speak_for_council(council, actor, m.kinds, occurred_on),
        consulted_is_valid=consulted is not None,
    )
    period = period_on(council, occurred_on)
    warnings = rules.contact_warnings(profile, capacity=capacity, claims_matter=claims_matter, in_period=bool(period))
    with transaction.atomic():
        row = MediaContact.objects.create(
            council=council,
            member=actor,
            outlet=outlet,
            subject=subject,
            approached_by_media=approached_by_media,
            capacity=capacity,
            consulted=consulted,
            summary=summary,
            claims_matter=claims_matter,
            occurred_on=occurred_on,
            warnings=[str(w) for w in warnings],
            recorded_at=clock.now(),
        )
        record(
            council=council,
            actor=actor,
            action=events.MEDIA_CONTACT_RECORDED,
            subject=row,
            data={"outlet": outlet, "capacity": capacity, "consulted": consulted.username if consulted else None},
            rule_ids=[R.MEDIA_CAPACITY_STATEMENT, *warnings] if profile.adopts(R.MEDIA_CAPACITY_STATEMENT) else None,
        )
        if rules.support_function_told(profile, capacity):
            for person in role_holders(council, [rules.support_kind(profile)], m.day):
                notify(
                    council=council,
                    recipient=person,
                    kind="media_contact_recorded",
                    subject=f"{actor} spoke to {outlet}",
                    body=(
                        f"{actor} recorded contact with {outlet} on “{subject}”, {row.get_capacity_display().lower()}."
                    ),
                    url=reverse("media_contact", kwargs={"slug": council.slug, "contact_id": row.pk}),
                    dedupe_key=f"media-contact-{row.pk}-to-{person.pk}",
                )
    return row


# ---- media enquiries -----------------------------------------------------------------------------------------------


def _ward(council: Council, ward_id: int | str | None, problems: dict[str, str]) -> Ward | None:
    if not ward_id:
        return None
    ward = Ward.objects.filter(council=council, pk=int(ward_id) if str(ward_id).isdigit() else 0).first()
    if ward is None:
        problems["ward"] = "Choose one of this council's wards."
    return ward


def _committee(council: Council, committee_id: int | str | None, problems: dict[str, str]) -> Committee | None:
    if not committee_id:
        return None
    c = Committee.objects.filter(council=council, pk=int(committee_id) if str(committee_id).isdigit() else 0).first()
    if c is None:
        problems["committee"] = "Choose one of this council's committees."
    return c


@implements(R.MEDIA_MEMBERS_TOLD_OF_MEDIA_INTEREST)
def _relevant_members(council: Council, day: dt.date, row: MediaEnquiry) -> list[Person]:
    """Who is told of media interest (000 Officer/Clerks ¶4 •7; 004 3.6, 11.3): the ward's members, the
    committee's chair, and, for a contentious or strategic matter, the council's chair (or Mayor)."""
    people: dict[int, Person] = {}
    if row.ward_id:
        for w in active_on(WardMembership.objects.filter(ward_id=row.ward_id), day).select_related("person"):
            people[w.person_id] = w.person
    if row.committee_id:
        seats = CommitteeSeat.objects.filter(committee_id=row.committee_id, seat=CommitteeSeat.Seat.CHAIR)
        for s in active_on(seats, day).select_related("person"):
            people[s.person_id] = s.person
    if row.contentious or not people:
        for p in role_holders(council, ["chair", "mayor"], day):
            people[p.pk] = p
    return list(people.values())


def enquiry_record(
    *,
    actor: Person,
    council: Council,
    outlet: str,
    subject: str,
    ward_id: int | str | None = None,
    committee_id: int | str | None = None,
    contentious: bool = False,
    policy_comment: bool = False,
    responder_id: int | str | None = None,
) -> MediaEnquiry:
    """An officer logs media interest. The relevant members are told; a request for comment on policy goes to the
    committee chair (002 8.4); the head officer or approver may name the officer authorised to answer (004 11.4)."""
    m = membership_for(actor, council.slug)
    if not is_officer(m):
        raise NotFound("That page")
    profile = council.profile
    problems: dict[str, str] = {}
    outlet = _text(outlet, "outlet", "the newspaper, station or journalist", problems, limit=200)
    subject = _text(subject, "subject", "what they asked about", problems, limit=200)
    ward = _ward(council, ward_id, problems)
    committee = _committee(council, committee_id, problems)
    responder = None
    if responder_id:
        officers = role_holders(council, rules.COUNCIL_OFFICER_KINDS, m.day)
        responder = next((p for p in officers if str(p.pk) == str(responder_id)), None)
        if responder is None:
            problems["responder"] = "Choose an officer of this council."
        elif not (m.is_head_officer or may_approve(m)):
            problems["responder"] = f"Only the {profile.head_officer_title()} names the officer who answers."
    referred = rules.refer_to_chair(profile, policy_comment)
    if referred and committee is None:
        problems["committee"] = "Choose the committee whose chair answers requests for comment on its policy."
    if problems:
        raise ValidationFailed("Check the media enquiry.", problems)
    with transaction.atomic():
        row = MediaEnquiry.objects.create(
            council=council,
            outlet=outlet,
            subject=subject,
            ward=ward,
            committee=committee,
            contentious=contentious,
            policy_comment=policy_comment,
            responder=responder,
            status=MediaEnquiry.Status.REFERRED if referred else MediaEnquiry.Status.OPEN,
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        told: list[Person] = []
        if profile.adopts(R.MEDIA_MEMBERS_TOLD_OF_MEDIA_INTEREST) or referred:
            told = _relevant_members(council, m.day, row)
        url = reverse("media_enquiry", kwargs={"slug": council.slug, "media_enquiry_id": row.pk})
        for person in told:
            notify(
                council=council,
                recipient=person,
                kind="media_interest",
                subject=f"Media interest: {subject}",
                body=(
                    f"{outlet} has asked the council about “{subject}”."
                    + (
                        " It asks for a view on policy: as the committee chair, it is for you to answer."
                        if referred
                        else ""
                    )
                ),
                url=url,
                dedupe_key=f"media-enquiry-{row.pk}-to-{person.pk}",
            )
        row.told = [p.username for p in told]
        row.save(update_fields=["told"])
        record(
            council=council,
            actor=actor,
            action=events.MEDIA_ENQUIRY_RECORDED,
            subject=row,
            data={"outlet": outlet, "subject": subject, "told": row.told, "referred": referred},
            rule_ids=[
                *(
                    [R.MEDIA_MEMBERS_TOLD_OF_MEDIA_INTEREST]
                    if profile.adopts(R.MEDIA_MEMBERS_TOLD_OF_MEDIA_INTEREST)
                    else []
                ),
                *([R.MEDIA_POLICY_COMMENT_TO_CHAIR] if referred else []),
            ]
            or None,
        )
    return row


def enquiry_answer(*, actor: Person, council: Council, enquiry_id: int, response: str) -> MediaEnquiry:
    m = membership_for(actor, council.slug)
    row = MediaEnquiry.objects.filter(council=council, pk=enquiry_id).first()
    if row is None or not is_officer(m):
        raise NotFound("That media enquiry")
    profile = council.profile
    if row.status == MediaEnquiry.Status.ANSWERED:
        raise ValidationFailed("This enquiry has already been answered.", {"response": "Already answered."})
    if row.status == MediaEnquiry.Status.REFERRED:
        raise rules.referred_refusal(profile)
    if not rules.may_answer_enquiry(profile, actor_kinds=m.kinds, actor_id=actor.pk, responder_id=row.responder_id):
        raise rules.not_authorised(profile)
    problems: dict[str, str] = {}
    response = _text(response, "response", "what you told them", problems, limit=5000)
    if problems:
        raise ValidationFailed("Check the response.", problems)
    flags = rules.officer_statement_flags(profile, response)
    if flags:
        raise rules.flagged_refusal(profile, flags)
    with transaction.atomic():
        row.status = MediaEnquiry.Status.ANSWERED
        row.response = response
        row.answered_at = clock.now()
        row.responder = row.responder or actor
        row.save(update_fields=["status", "response", "answered_at", "responder"])
        record(
            council=council,
            actor=actor,
            action=events.MEDIA_ENQUIRY_ANSWERED,
            subject=row,
            data={},
            rule_ids=[R.MEDIA_OFFICER_AUTHORISATION] if profile.adopts(R.MEDIA_OFFICER_AUTHORISATION) else None,
        )
    return row


# ---- spokespersons ---------------------------------------------------------------------------------------------------


@implements(R.MEDIA_COUNCIL_SPOKESPERSONS)
def spokesperson_appoint(
    *, actor: Person, council: Council, person_id: int | str | None, area: str, resolution: str, start: dt.date | None
) -> Spokesperson:
    """The head officer records a councillor the council appointed as spokesperson, with the resolution (000 ¶4:
    only with the council's agreement)."""
    m = membership_for(actor, council.slug)
    if not m.is_head_officer:
        raise NotFound("That page")
    profile = council.profile
    if profile.media.council_voice != "spokespersons":
        raise ValidationFailed(
            "Your council's protocol keeps no register of spokespersons.", {"person": "No register here."}
        )
    problems: dict[str, str] = {}
    area = _text(area, "area", "the area of expertise", problems, limit=200)
    resolution = _text(resolution, "resolution", "the council's resolution (minute reference)", problems, limit=200)
    members = {
        r.person_id: r.person
        for r in active_on(Role.objects.filter(council=council, kind__in=MEMBER_KINDS), m.day).select_related("person")
    }
    person = members.get(int(str(person_id))) if str(person_id or "").isdigit() else None
    if person is None:
        problems["person"] = "Choose a councillor of this council."
    if problems or person is None:
        raise ValidationFailed("Check the appointment.", problems)
    with transaction.atomic():
        row = Spokesperson.objects.create(
            council=council,
            person=person,
            area=area,
            resolution=resolution,
            start=start or m.day,
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        record(
            council=council,
            actor=actor,
            action=events.SPOKESPERSON_APPOINTED,
            subject=row,
            data={"person": person.username, "area": area, "resolution": resolution},
            rule_ids=[R.MEDIA_COUNCIL_SPOKESPERSONS],
        )
    return row
