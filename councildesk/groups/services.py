"""Writes for political groups: record advice (with the facts-and-options check and the content-free notice to
every other group), verify it, request an officer's attendance, decide it, record the stay, and write notes.
Each is gate -> rule check -> write -> audit -> notifications, in one transaction.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from councildesk.audit.content import content_digest
from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.core.text import checked_text as _text
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import GroupMembership, Person, PoliticalGroup, Role, active_on
from councildesk.people.selectors import role_holders

from . import events, rules
from .models import AttendanceRequest, GroupAdvice, GroupNote
from .selectors import advice_get_for, attendance_get_for, group_get_for, may_see_notes, viewer_for

MATTER_MAX = 200


class GroupsNotAdopted(ProtocolViolation):
    pass


def _gate(actor: Person, council: Council) -> Membership:
    m = membership_for(actor, council.slug)
    if not council.profile.features.political_groups:
        raise ValidationFailed(
            f"{council.name}'s protocol makes no provision for political groups, so there is no group to record "
            "advice for or to ask an officer to attend.",
            {"group": "This council has no political groups."},
        )
    return m


def _officer(m: Membership, person_id: int | str | None, field: str) -> Person:
    officers = {p.pk: p for p in role_holders(m.council, rules.ADVISING_OFFICER_KINDS, m.day)}
    try:
        return officers[int(person_id or 0)]
    except (KeyError, ValueError, TypeError):
        raise ValidationFailed(
            "Choose an officer of this council.", {field: "Choose an officer of this council."}
        ) from None


def _kinds_of(council: Council, person: Person, day: dt.date) -> frozenset[str]:
    return frozenset(active_on(Role.objects.filter(council=council, person=person), day).values_list("kind", flat=True))


def _group(m: Membership, group_id: int | str | None) -> PoliticalGroup:
    try:
        return group_get_for(m, group_id)
    except NotFound:
        raise ValidationFailed(
            "Choose one of this council's political groups.", {"group": "Choose one of this council's groups."}
        ) from None


def _leaders_or_members(group: PoliticalGroup, day: dt.date) -> list[Person]:
    rows = list(active_on(GroupMembership.objects.filter(group=group), day).select_related("person"))
    leaders = [r.person for r in rows if r.is_leader]
    return leaders or [r.person for r in rows]


# ---- advice -------------------------------------------------------------------------------------------------------


def advice_record(
    *,
    actor: Person,
    council: Council,
    group_id: int | str | None,
    matter: str,
    facts: str,
    options: str = "",
    kind: str = GroupAdvice.Kind.ADVICE,
    officer_id: int | str | None = None,
    given_on: dt.date | None = None,
    override_reason: str = "",
    party_business: bool = False,
) -> GroupAdvice:
    m = _gate(actor, council)
    if not viewer_for(m).is_officer:
        raise NotFound("That page")
    profile = council.profile
    problems: dict[str, str] = {}
    group = _group(m, group_id)
    matter = _text(matter, "matter", "the matter the advice was about", problems, limit=MATTER_MAX)
    facts = _text(facts, "facts", "the facts given", problems)
    options = _text(options, "options", "the options", problems, required=False)
    override_reason = _text(override_reason, "override_reason", "a reason", problems, required=False, limit=2000)
    officer = _officer(m, officer_id or actor.pk, "officer")
    given_on = given_on or m.day
    if given_on > m.day:
        problems["given_on"] = "The date advice was given must be today or in the past."
    if kind not in GroupAdvice.Kind.values:
        problems["kind"] = "Choose advice or a written report."
    if problems:
        raise ValidationFailed("Check the advice record.", problems)
    rules.check_not_party_business(profile, party_business=party_business)
    flags = rules.advice_flags(profile, f"{facts}\n{options}")
    if flags and not override_reason:
        raise rules.flagged_refusal(profile, flags)
    with transaction.atomic():
        advice = GroupAdvice.objects.create(
            council=council,
            group=group,
            kind=kind,
            matter=matter,
            matter_key=rules.matter_key(matter),
            facts=facts,
            options=options,
            officer=officer,
            given_on=given_on,
            recorded_by=actor,
            recorded_at=clock.now(),
            flags=[f.phrase for f in flags],
            override_reason=override_reason if flags else "",
        )
        rule_ids = sorted({f.rule_id for f in flags})
        record(
            council=council,
            actor=actor,
            action=events.GROUP_ADVICE_RECORDED,
            subject=advice,
            data={
                "group": group.name,
                "matter": matter,
                "kind": kind,
                "officer": officer.username,
                "given_on": given_on,
                "flags": advice.flags,
                "overridden": bool(advice.override_reason),
            },
            rule_ids=rule_ids or None,
        )
        _notify_other_groups(m, advice)
        _ask_officer_to_verify(m, advice)
    return advice


@implements(R.GROUPS_ADVICE_NOTIFY_OTHER_GROUPS)
def _notify_other_groups(m: Membership, advice: GroupAdvice) -> int:
    """001 6.4; 003 8.3: every other group is told at once that advice was given, never what it was."""
    council = m.council
    if not council.profile.features.notify_other_groups:
        return 0
    sent = 0
    url = reverse("groups", kwargs={"slug": council.slug})
    what = "a written report was prepared for" if advice.kind == GroupAdvice.Kind.REPORT else "advice was given to"
    for other in PoliticalGroup.objects.filter(council=council).exclude(pk=advice.group_id):
        for person in _leaders_or_members(other, m.day):
            notify(
                council=council,
                recipient=person,
                kind="group_advice_given",
                subject=f"An officer advised {advice.group.name}",
                body=(
                    f"On {advice.given_on:%-d %B %Y}, {what} {advice.group.name} by {advice.officer} on: "
                    f"{advice.matter}. You are told because your council's protocol says every group hears that "
                    "advice was given. What was said stays with that group; you can ask for advice on the same "
                    "matter."
                ),
                url=url,
                dedupe_key=f"group-advice-{advice.pk}-to-{person.pk}",
            )
            sent += 1
    return sent


@implements(R.GROUPS_OFFICER_VERIFIES_ATTRIBUTED_ADVICE)
def _ask_officer_to_verify(m: Membership, advice: GroupAdvice) -> None:
    """004 8.12: the officer is offered the record of advice attributed to them, to verify or correct."""
    if not m.council.profile.adopts(R.GROUPS_OFFICER_VERIFIES_ATTRIBUTED_ADVICE) or advice.officer_id == m.person.pk:
        return
    notify(
        council=m.council,
        recipient=advice.officer,
        kind="group_advice_verify",
        subject=f"Check the record of your advice to {advice.group.name}",
        body=f"A record attributes advice on “{advice.matter}” to you. Please verify it or correct it.",
        url=reverse("group_advice", kwargs={"slug": m.council.slug, "advice_id": advice.pk}),
        dedupe_key=f"group-advice-{advice.pk}-verify",
    )


def advice_verify(*, actor: Person, council: Council, advice_id: int, correction: str = "") -> GroupAdvice:
    """The officer the advice is attributed to verifies the record, or corrects it (004 8.12)."""
    m = membership_for(actor, council.slug)
    advice = advice_get_for(m, advice_id)
    if advice.officer_id != actor.pk:
        raise NotFound("That page")
    problems: dict[str, str] = {}
    correction = _text(correction, "correction", "a correction", problems, required=False, limit=5000)
    if problems:
        raise ValidationFailed("Check the correction.", problems)
    with transaction.atomic():
        advice.verified_at = clock.now()
        advice.correction = correction
        advice.save(update_fields=["verified_at", "correction"])
        record(
            council=council,
            actor=actor,
            action=events.GROUP_ADVICE_VERIFIED,
            subject=advice,
            data={"corrected": bool(correction)},
            rule_ids=[R.GROUPS_OFFICER_VERIFIES_ATTRIBUTED_ADVICE],
        )
    return advice


# ---- attendance -----------------------------------------------------------------------------------------------------


def attendance_request(
    *,
    actor: Person,
    council: Council,
    group_id: int | str | None,
    matter: str,
    meeting_on: dt.date | None,
    attendees: str = "",
    non_members_present: bool = False,
    invited_officer_id: int | str | None = None,
    party_business_on_agenda: bool = False,
    at_a_home: bool = False,
) -> AttendanceRequest:
    """A member of a group asks for an officer at its meeting. The request goes to the profile's decider (002 7.4
    the Chief Executive; 004 8.1 the Town Clerk), or to the invited officer where the employee decides (001 6.2)."""
    m = _gate(actor, council)
    profile = council.profile
    problems: dict[str, str] = {}
    group = _group(m, group_id)
    if group.pk not in viewer_for(m).group_ids:
        problems["group"] = "Choose a group you belong to."
    matter = _text(matter, "matter", "what the meeting will discuss", problems, limit=MATTER_MAX)
    attendees = _text(attendees, "attendees", "who else will be there", problems, required=False, limit=2000)
    if meeting_on is None:
        problems["meeting_on"] = "Enter the date of the meeting."
    elif meeting_on < m.day:
        problems["meeting_on"] = "The meeting date must be today or in the future."
    invited = None
    if invited_officer_id:
        try:
            invited = _officer(m, invited_officer_id, "invited_officer")
        except ValidationFailed as exc:
            problems.update(exc.problems)
    elif rules.attendance_decider_kind(profile) == "officer":
        problems["invited_officer"] = "Choose the officer you are inviting: it is for them to accept or refuse."
    if problems or meeting_on is None:
        raise ValidationFailed("Check the request.", problems)
    rules.check_attendees_disclosed(profile, attendees)
    rules.check_not_at_a_home(profile, at_a_home=at_a_home)
    if invited is not None:
        rules.check_head_officer_not_with_non_members(
            profile, attendee_kinds=_kinds_of(council, invited, m.day), non_members_present=non_members_present
        )
    with transaction.atomic():
        row = AttendanceRequest.objects.create(
            council=council,
            group=group,
            requested_by=actor,
            matter=matter,
            matter_key=rules.matter_key(matter),
            meeting_on=meeting_on,
            invited_officer=invited,
            attendees=attendees,
            non_members_present=non_members_present,
            party_business_on_agenda=party_business_on_agenda,
            at_a_home=at_a_home,
            created_at=clock.now(),
        )
        record(
            council=council,
            actor=actor,
            action=events.GROUP_ATTENDANCE_REQUESTED,
            subject=row,
            data={
                "group": group.name,
                "matter": matter,
                "meeting_on": meeting_on,
                "invited_officer": invited.username if invited else None,
                "non_members_present": non_members_present,
                "party_business_on_agenda": party_business_on_agenda,
            },
            rule_ids=[R.GROUPS_ATTENDANCE_DECIDED_BY_SENIOR_OFFICER],
        )
        direct = _direct_invitation(m, row)
        for person in _deciders(m, row):
            notify(
                council=council,
                recipient=person,
                kind="group_attendance_requested",
                subject=f"{group.name} asks for an officer at its meeting on {meeting_on:%-d %B %Y}",
                body=(
                    f"{group.name} asks for an officer to attend on: {matter}."
                    + (
                        f" It invited {invited} directly; whether anyone attends is for you to decide."
                        if direct
                        else ""
                    )
                    + (" People who are not members of the council will be present." if non_members_present else "")
                    + (
                        " The group will also discuss its party business: the officer leaves before that part."
                        if rules.party_business_part(profile, on_agenda=party_business_on_agenda)
                        else ""
                    )
                ),
                url=reverse("group_attendance", kwargs={"slug": council.slug, "attendance_id": row.pk}),
                dedupe_key=f"group-attendance-{row.pk}-to-{person.pk}",
            )
    return row


def _deciders(m: Membership, row: AttendanceRequest) -> list[Person]:
    """Who hears of a new request: the profile's decider, or the invited officer where the employee decides."""
    profile = m.council.profile
    kind = rules.attendance_decider_kind(profile)
    if kind == "officer":
        head = [profile.roles.head_of_paid_service]
        return [row.invited_officer] if row.invited_officer else role_holders(m.council, head, m.day)
    return role_holders(m.council, [kind], m.day)


def _direct_invitation(m: Membership, row: AttendanceRequest) -> bool:
    """002 7.4: an officer invited directly tells the Chief Executive at once; the product does it for them."""
    if row.invited_officer is None:
        return False
    kinds = _kinds_of(m.council, row.invited_officer, m.day)
    return rules.notify_decider_of_direct_invitation(m.council.profile, invited_officer_kinds=kinds)


def attendance_decide(
    *,
    actor: Person,
    council: Council,
    attendance_id: int,
    accept: bool,
    reason: str = "",
    attending_officer_id: int | str | None = None,
) -> AttendanceRequest:
    m = membership_for(actor, council.slug)
    row = attendance_get_for(m, attendance_id)
    profile = council.profile
    if not rules.may_decide_attendance(
        profile, actor_kinds=m.kinds, actor_id=actor.pk, invited_officer_id=row.invited_officer_id
    ):
        raise NotFound("That page")
    if row.status != AttendanceRequest.Status.PENDING:
        raise ValidationFailed("This request has already been decided.", {"decision": "Already decided."})
    problems: dict[str, str] = {}
    reason = _text(reason, "reason", "a reason", problems, required=False, limit=2000)
    attending = None
    if accept:
        try:
            attending = _officer(m, attending_officer_id or row.invited_officer_id or actor.pk, "attending_officer")
        except ValidationFailed as exc:
            problems.update(exc.problems)
    if problems:
        raise ValidationFailed("Check the decision.", problems)
    if accept and attending is not None:
        rules.check_attendees_disclosed(profile, row.attendees)
        rules.check_head_officer_not_with_non_members(
            profile, attendee_kinds=_kinds_of(council, attending, m.day), non_members_present=row.non_members_present
        )
    else:
        accepted_elsewhere = (
            AttendanceRequest.objects.filter(
                council=council, matter_key=row.matter_key, status=AttendanceRequest.Status.ACCEPTED
            )
            .exclude(group_id=row.group_id)
            .exists()
        )
        rules.check_may_decline(profile, accepted_for_other_group_on_matter=accepted_elsewhere)
    with transaction.atomic():
        row.status = AttendanceRequest.Status.ACCEPTED if accept else AttendanceRequest.Status.DECLINED
        row.decided_by = actor
        row.decided_at = clock.now()
        row.reason = reason
        row.attending_officer = attending
        row.save(update_fields=["status", "decided_by", "decided_at", "reason", "attending_officer"])
        cited: list[str] = [R.GROUPS_ATTENDANCE_DECIDED_BY_SENIOR_OFFICER]
        if not accept:
            cited.append(R.GROUPS_NO_COMPULSION_OF_OFFICERS)
        record(
            council=council,
            actor=actor,
            action=events.GROUP_ATTENDANCE_DECIDED,
            subject=row,
            data={
                "decision": row.status,
                "attending_officer": attending.username if attending else None,
                "reason": reason,
            },
            rule_ids=cited,
        )
        url = reverse("group_attendance", kwargs={"slug": council.slug, "attendance_id": row.pk})
        word = f"accepted: {attending} will attend" if attending else "declined"
        notify(
            council=council,
            recipient=row.requested_by,
            kind="group_attendance_decided",
            subject=f"Your request for an officer on {row.meeting_on:%-d %B %Y} was {row.get_status_display().lower()}",
            body=f"The request on “{row.matter}” was {word}." + (f" Reason: {reason}" if reason else ""),
            url=url,
            dedupe_key=f"group-attendance-{row.pk}-decided",
        )
        if attending is not None and attending.pk != actor.pk:
            warn = rules.non_member_warning(profile, row.non_members_present)
            notify(
                council=council,
                recipient=attending,
                kind="group_attendance_assigned",
                subject=f"You will attend {row.group.name}'s meeting on {row.meeting_on:%-d %B %Y}",
                body=(
                    f"Matter: {row.matter}. Also present: {row.attendees or 'not stated'}."
                    + (
                        " People who are not members of the council will be present: do not divulge confidential "
                        "council information."
                        if warn or row.non_members_present
                        else ""
                    )
                ),
                url=url,
                dedupe_key=f"group-attendance-{row.pk}-attending",
            )
    return row


@implements(R.GROUPS_ATTENDANCE_DURATION_AND_WITHDRAWAL)
def attendance_record_stay(
    *,
    actor: Person,
    council: Council,
    attendance_id: int,
    minutes_stayed: int | None,
    withdrew: bool = False,
    withdrawal_reason: str = "",
) -> AttendanceRequest:
    """004 8.10: the group sets how long the officer stays; the officer may leave at any time. The record holds how
    long they stayed and any withdrawal, and never blocks it."""
    m = membership_for(actor, council.slug)
    row = attendance_get_for(m, attendance_id)
    if row.status != AttendanceRequest.Status.ACCEPTED or row.attending_officer_id != actor.pk:
        raise NotFound("That page")
    problems: dict[str, str] = {}
    withdrawal_reason = _text(withdrawal_reason, "withdrawal_reason", "a reason", problems, required=False, limit=2000)
    if minutes_stayed is None or not 0 < minutes_stayed <= 24 * 60:
        problems["minutes_stayed"] = "Enter how many minutes you stayed, from 1 to 1440."
    if problems:
        raise ValidationFailed("Check the record of your attendance.", problems)
    with transaction.atomic():
        row.minutes_stayed = minutes_stayed
        row.withdrew = withdrew
        row.withdrawal_reason = withdrawal_reason if withdrew else ""
        row.save(update_fields=["minutes_stayed", "withdrew", "withdrawal_reason"])
        record(
            council=council,
            actor=actor,
            action=events.GROUP_ATTENDANCE_STAY_RECORDED,
            subject=row,
            data={"minutes_stayed": minutes_stayed, "withdrew": withdrew},
            rule_ids=[R.GROUPS_ATTENDANCE_DURATION_AND_WITHDRAWAL],
        )
    return row


@implements(R.GROUPS_DISCLOSURE_DUTY_DECLARED)
def note_write(
    *, actor: Person, council: Council, attendance_id: int, body: str, disclosure_duty: str = ""
) -> GroupNote:
    """A note of the group's discussion, by a member of the group or the officer present. Confidential to them.
    An officer with a legal duty to disclose something elsewhere says so on the record (003 7.7)."""
    m = membership_for(actor, council.slug)
    row = attendance_get_for(m, attendance_id)
    if not may_see_notes(m, row):
        raise NotFound("That page")
    problems: dict[str, str] = {}
    body = _text(body, "body", "the note", problems)
    disclosure_duty = _text(disclosure_duty, "disclosure_duty", "the duty", problems, required=False, limit=2000)
    if problems:
        raise ValidationFailed("Check the note.", problems)
    with transaction.atomic():
        note = GroupNote.objects.create(
            council=council,
            group=row.group,
            attendance=row,
            body=body,
            disclosure_duty=disclosure_duty,
            written_by=actor,
            written_at=clock.now(),
        )
        record(
            council=council,
            actor=actor,
            action=events.GROUP_NOTE_WRITTEN,
            subject=note,
            data={"group": row.group.name, "disclosure_duty_declared": bool(disclosure_duty)},
            rule_ids=[R.GROUPS_DISCUSSIONS_CONFIDENTIAL],
            content_digest=content_digest(note, "body", "disclosure_duty"),
        )
    return note
