"""Writes for wards, public meetings, premises visits and resources. Each is gate -> rule check -> write -> audit
-> notices, in one transaction. A section the council's protocol does not provide for answers ``NotFound``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.dates import long_date
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.core.text import checked_text as _text
from councildesk.councils.models import Council
from councildesk.elections.selectors import period_on
from councildesk.notifications.services import notify
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Person, Ward

from . import events, rules
from . import selectors as s
from .models import IctAcknowledgement, PremisesVisit, PublicMeeting, ResourceLedgerEntry, ResourceRequest, WardMatter


def _gate(actor: Person, council: Council, section: str) -> Membership:
    m = membership_for(actor, council.slug)
    if not getattr(rules.sections(council.profile), section):
        raise NotFound("That page")
    return m


def _wards(
    m: Membership, ward_ids: Iterable[int | str] | None, problems: dict[str, str], *, required: bool
) -> list[Ward]:
    try:
        ids = {int(i) for i in (ward_ids or [])}
    except (TypeError, ValueError):
        ids = {-1}
    wards = list(Ward.objects.filter(council=m.council, pk__in=ids).order_by("name"))
    if len(wards) != len(ids):
        problems["wards"] = f"Choose only wards of {m.council.name}."
    elif required and not wards:
        problems["wards"] = "Choose at least one ward."
    return wards


def _choice(value: str, choices: list[str], field: str, label: str, problems: dict[str, str]) -> str:
    if value not in choices:
        problems[field] = f"Choose {label}."
    return value


# ---- ward matters -------------------------------------------------------------------------------------------------


def matter_record(
    *,
    actor: Person,
    council: Council,
    title: str,
    summary: str,
    trigger: str,
    ward_ids: Iterable[int | str] | None,
    urgent_or_sensitive: bool = False,
) -> WardMatter:
    """An officer records a matter affecting wards; every current member of each ward is told at once (002 4.4;
    004 9.1, 9.2). The notices are written in this transaction, so they always come before it is made public."""
    m = _gate(actor, council, "matters")
    if not s.is_officer(m):
        raise NotFound("That page")
    problems: dict[str, str] = {}
    title = _text(title, "title", "what the matter is", problems, limit=200)
    summary = _text(summary, "summary", "a summary for the ward members", problems, limit=10000)
    _choice(trigger, WardMatter.Trigger.values, "trigger", "why the ward members are being told", problems)
    wards = _wards(m, ward_ids, problems, required=True)
    if problems:
        raise ValidationFailed("Check the ward matter.", problems)
    profile = council.profile
    now = clock.now()
    with transaction.atomic():
        matter = WardMatter.objects.create(
            council=council,
            title=title,
            summary=summary,
            trigger=trigger,
            urgent_or_sensitive=urgent_or_sensitive,
            recorded_by=actor,
            recorded_at=now,
            members_told_at=now,
        )
        matter.wards.set(wards)
        cites = rules.matter_notice_citations(profile, trigger=trigger, urgent_or_sensitive=urgent_or_sensitive)
        matter.members_told = _tell_ward_members(m, matter, wards)
        matter.save(update_fields=["members_told"])
        record(
            council=council,
            actor=actor,
            action=events.WARD_MATTER_RECORDED,
            subject=matter,
            data={
                "title": title,
                "trigger": trigger,
                "urgent_or_sensitive": urgent_or_sensitive,
                "wards": [w.name for w in wards],
                "members_told": matter.members_told,
            },
            rule_ids=[c.rule_id for c in cites] or None,
        )
    return matter


@implements(R.WARD_NOTIFICATION_TRIGGERS, R.WARD_MEMBERS_KEPT_INFORMED)
def _tell_ward_members(m: Membership, matter: WardMatter, wards: list[Ward]) -> int:
    """Fan out to the members of every affected ward (004 9.2(c): a wider impact informs a number of members)."""
    url = reverse("ward_matter", kwargs={"slug": m.council.slug, "matter_id": matter.pk})
    names = ", ".join(w.name for w in wards)
    urgent = " It is urgent or sensitive: you are told before it is made public." if matter.urgent_or_sensitive else ""
    told = 0
    for person in s.ward_members(m, [w.pk for w in wards]):
        notify(
            council=m.council,
            recipient=person,
            kind="ward_matter",
            subject=f"A matter affecting {names}: {matter.title}",
            body=f"{matter.get_trigger_display()}. {matter.summary}{urgent}",
            url=url,
            dedupe_key=f"ward-matter-{matter.pk}-to-{person.pk}",
        )
        told += 1
    return told


def matter_make_public(
    *, actor: Person, council: Council, matter_id: int, made_public_at: dt.datetime | None = None
) -> WardMatter:
    """Record when the matter was made public. For an urgent or sensitive matter that time may not come before the
    ward members' notice (002 4.4)."""
    m = _gate(actor, council, "matters")
    matter = s.matter_get_for(m, matter_id)
    if not s.is_officer(m):
        raise NotFound("That page")
    now = clock.now()
    made_public_at = made_public_at or now
    if matter.made_public_at is not None:
        raise ValidationFailed(
            "This matter is already recorded as public.",
            {"made_public_at": f"It was made public on {long_date(matter.made_public_at)}."},
        )
    if made_public_at > now:
        raise ValidationFailed(
            "Record the time it was made public.", {"made_public_at": "The time must be now or in the past."}
        )
    rules.check_made_public(
        council.profile,
        urgent_or_sensitive=matter.urgent_or_sensitive,
        members_told_at=matter.members_told_at,
        made_public_at=made_public_at,
    )
    with transaction.atomic():
        matter.made_public_at = made_public_at
        matter.made_public_by = actor
        matter.save(update_fields=["made_public_at", "made_public_by"])
        record(
            council=council,
            actor=actor,
            action=events.WARD_MATTER_MADE_PUBLIC,
            subject=matter,
            data={"made_public_at": made_public_at, "members_told_at": matter.members_told_at},
            rule_ids=[R.WARD_SENSITIVE_MATTER_BEFORE_PUBLIC] if matter.urgent_or_sensitive else None,
        )
    return matter


# ---- public meetings and surgeries ---------------------------------------------------------------------------


def meeting_record(
    *,
    actor: Person,
    council: Council,
    title: str,
    held_on: dt.date | None,
    venue: str,
    ward_ids: Iterable[int | str] | None = None,
    kind: str = PublicMeeting.Kind.PUBLIC_MEETING,
    council_venue: bool = False,
    party_political: bool = False,
    officer_asked: bool = False,
) -> PublicMeeting:
    """An officer records a council public meeting (the affected wards' members are invited, 004 9.3); a member
    records their own public meeting or ward surgery (the Town Clerk is told, 9.4; refusals in 9.4(a)-(c))."""
    m = _gate(actor, council, "meetings")
    profile = council.profile
    organiser = (
        PublicMeeting.Organiser.MEMBER if m.is_member else PublicMeeting.Organiser.COUNCIL if s.is_officer(m) else None
    )
    if organiser is None:
        raise NotFound("That page")
    problems: dict[str, str] = {}
    title = _text(title, "title", "what the meeting is about", problems, limit=200)
    venue = _text(venue, "venue", "where it will be held", problems, limit=200)
    _choice(kind, PublicMeeting.Kind.values, "kind", "the kind of meeting", problems)
    council_meeting = organiser == PublicMeeting.Organiser.COUNCIL
    if council_meeting and kind != PublicMeeting.Kind.PUBLIC_MEETING:
        problems["kind"] = "The council arranges public meetings; ward surgeries are members' own."
    wards = _wards(m, ward_ids, problems, required=council_meeting)
    if held_on is None:
        problems["held_on"] = "Enter the date of the meeting."
    elif held_on < m.day:
        problems["held_on"] = "The date must be today or later."
    if problems or held_on is None:
        raise ValidationFailed("Check the meeting.", problems)
    if not council_meeting:
        rules.check_surgery_staff(profile, kind=kind, staff_asked=officer_asked)
        rules.check_officer_at_member_meeting(profile, party_political=party_political, officer_asked=officer_asked)
        rules.check_council_venue(profile, party_political=party_political, council_venue=council_venue)
        now_period = period_on(council, m.day, council_elections_only=True)
        held_period = period_on(council, held_on, council_elections_only=True)
        rules.check_not_in_run_up(
            profile,
            kind=kind,
            arranged_in_period=f"{now_period.title} on {long_date(now_period.poll_date)}" if now_period else None,
            held_in_period=f"{held_period.title} on {long_date(held_period.poll_date)}" if held_period else None,
        )
    with transaction.atomic():
        meeting = PublicMeeting.objects.create(
            council=council,
            organiser=organiser,
            kind=kind,
            title=title,
            held_on=held_on,
            venue=venue,
            council_venue=council_venue,
            party_political=party_political if not council_meeting else False,
            officer_asked=officer_asked if not council_meeting else False,
            arranged_by=actor,
            arranged_at=clock.now(),
        )
        meeting.wards.set(wards)
        if council_meeting:
            meeting.invited = _invite_ward_members(m, meeting, wards)
            rule_ids = [R.WARD_COUNCIL_PUBLIC_MEETING_INVITES]
        else:
            meeting.invited = _tell_head_officer(m, meeting)
            rule_ids = [R.WARD_MEMBER_MEETING_NOTIFY_CLERK] if meeting.invited else []
        meeting.save(update_fields=["invited"])
        record(
            council=council,
            actor=actor,
            action=events.PUBLIC_MEETING_RECORDED,
            subject=meeting,
            data={
                "organiser": organiser,
                "kind": kind,
                "title": title,
                "held_on": held_on,
                "wards": [w.name for w in wards],
                "council_venue": council_venue,
                "party_political": meeting.party_political,
                "officer_asked": meeting.officer_asked,
                "told": meeting.invited,
            },
            rule_ids=[r for r in rule_ids if profile.adopts(r)] or None,
        )
    return meeting


@implements(R.WARD_COUNCIL_PUBLIC_MEETING_INVITES)
def _invite_ward_members(m: Membership, meeting: PublicMeeting, wards: list[Ward]) -> int:
    if not m.council.profile.adopts(R.WARD_COUNCIL_PUBLIC_MEETING_INVITES):
        return 0
    url = reverse("wards", kwargs={"slug": m.council.slug})
    invited = 0
    for person in s.ward_members(m, [w.pk for w in wards]):
        notify(
            council=m.council,
            recipient=person,
            kind="public_meeting_invite",
            subject=f"You are invited: {meeting.title}",
            body=(
                f"The council is holding a public meeting on {long_date(meeting.held_on)} at {meeting.venue}, about "
                f"an issue affecting your ward. Every member for the wards affected is invited."
            ),
            url=url,
            dedupe_key=f"public-meeting-{meeting.pk}-to-{person.pk}",
        )
        invited += 1
    return invited


@implements(R.WARD_MEMBER_MEETING_NOTIFY_CLERK, R.WARD_MEMBER_MEETING_OFFICER_OPTIONAL)
def _tell_head_officer(m: Membership, meeting: PublicMeeting) -> int:
    """004 9.4: the Town Clerk is told of a member's public meeting; an officer asked to attend is not obliged."""
    profile = m.council.profile
    if not rules.member_meeting_tells_head_officer(profile, meeting.kind):
        return 0
    officer = (
        " An officer is asked to attend: an officer may attend, but is not obliged to." if meeting.officer_asked else ""
    )
    told = 0
    for person in s.head_officers(m):
        notify(
            council=m.council,
            recipient=person,
            kind="member_public_meeting",
            subject=f"{m.person.get_full_name() or m.person.username} is holding a public meeting",
            body=f"“{meeting.title}” on {long_date(meeting.held_on)} at {meeting.venue}.{officer}",
            url=reverse("wards", kwargs={"slug": m.council.slug}),
            dedupe_key=f"public-meeting-{meeting.pk}-to-{person.pk}",
        )
        told += 1
    return told


def meeting_officer_answer(*, actor: Person, council: Council, meeting_id: int, attend: bool) -> PublicMeeting:
    """An officer answers a member's request for an officer at a public meeting: attending is a choice, and
    declining carries no penalty (004 9.4(a))."""
    m = _gate(actor, council, "meetings")
    meeting = s.meeting_get_for(m, meeting_id)
    if not s.is_officer(m) or not meeting.officer_asked:
        raise NotFound("That meeting")
    if meeting.officer_answer:
        raise ValidationFailed(
            "An officer has already answered.", {"attend": f"{meeting.officer_answered_by} has already answered."}
        )
    with transaction.atomic():
        meeting.officer_answer = "attend" if attend else "decline"
        meeting.officer_answered_by = actor
        meeting.save(update_fields=["officer_answer", "officer_answered_by"])
        notify(
            council=council,
            recipient=meeting.arranged_by,
            kind="member_public_meeting_answer",
            subject=f"An officer {'will' if attend else 'will not'} attend “{meeting.title}”",
            body=(
                f"{actor.get_full_name() or actor.username} "
                + ("will attend." if attend else "will not attend. Officers may attend but are not obliged to.")
            ),
            url=reverse("wards", kwargs={"slug": council.slug}),
            dedupe_key=f"public-meeting-{meeting.pk}-answer",
        )
        record(
            council=council,
            actor=actor,
            action=events.PUBLIC_MEETING_OFFICER_ANSWERED,
            subject=meeting,
            data={"attend": attend},
            rule_ids=[R.WARD_MEMBER_MEETING_OFFICER_OPTIONAL]
            if council.profile.adopts(R.WARD_MEMBER_MEETING_OFFICER_OPTIONAL)
            else None,
        )
    return meeting


# ---- premises visits ------------------------------------------------------------------------------------------


def visit_arrange(
    *,
    actor: Person,
    council: Council,
    site: str,
    visit_on: dt.date | None,
    purpose: str,
    officer_in_charge_id: int | str | None,
    conduct_acknowledged: bool,
    site_kind: str = PremisesVisit.SiteKind.WORKPLACE,
    site_ward_id: int | str | None = None,
    short_notice_reason: str = "",
) -> PremisesVisit:
    """A member arranges a visit with the officer in charge (004 13.3(a)), acknowledging the site's rules (13.3(b),
    (c)); a site outside the member's own ward tells that ward's members first (13.3(d))."""
    m = _gate(actor, council, "visits")
    profile = council.profile
    if rules.visit_access(profile, is_member=m.is_member, is_officer=s.is_officer(m)) != "member":
        raise NotFound("That page")
    problems: dict[str, str] = {}
    site = _text(site, "site", "the site you will visit", problems, limit=200)
    purpose = _text(purpose, "purpose", "the purpose of the visit", problems, limit=2000)
    short_notice_reason = _text(
        short_notice_reason, "short_notice_reason", "a reason", problems, limit=2000, required=False
    )
    _choice(site_kind, PremisesVisit.SiteKind.values, "site_kind", "the kind of site", problems)
    officer = {p.pk: p for p in s.officers(m)}.get(_int(officer_in_charge_id))
    if officer is None:
        problems["officer_in_charge"] = "Choose the manager or officer in charge of the site."
    site_ward = None
    if site_ward_id not in (None, ""):
        site_ward = Ward.objects.filter(council=council, pk=_int(site_ward_id)).first()
        if site_ward is None:
            problems["site_ward"] = f"Choose a ward of {council.name}, or none."
    if visit_on is None:
        problems["visit_on"] = "Enter the date of the visit."
    else:
        problems.update(
            rules.check_advance(profile, visit_on=visit_on, today=m.day, short_notice_reason=short_notice_reason)
        )
    if problems or visit_on is None or officer is None:
        raise ValidationFailed("Check the visit.", problems)
    rules.check_conduct_acknowledged(profile, conduct_acknowledged)
    own = s.own_ward_ids(m)
    host_ward_id = rules.host_ward_to_tell(profile, site_ward_id=site_ward.pk if site_ward else None, own_ward_ids=own)
    now = clock.now()
    with transaction.atomic():
        visit = PremisesVisit.objects.create(
            council=council,
            member=actor,
            site=site,
            site_kind=site_kind,
            site_ward=site_ward,
            visit_on=visit_on,
            purpose=purpose,
            officer_in_charge=officer,
            short_notice_reason=short_notice_reason if visit_on == m.day else "",
            conduct_acknowledged_at=now,
            outside_own_ward=bool(site_ward and site_ward.pk not in own),
            arranged_at=now,
        )
        _tell_officer_in_charge(m, visit)
        if host_ward_id is not None:
            visit.ward_members_told = _tell_host_ward(m, visit, host_ward_id)
            visit.save(update_fields=["ward_members_told"])
        rule_ids = [R.PREMISES_VISIT_ADVANCE_ARRANGEMENT, R.PREMISES_VISIT_CONDUCT]
        if host_ward_id is not None:
            rule_ids.append(R.PREMISES_OUT_OF_WARD_VISIT_NOTIFY)
        record(
            council=council,
            actor=actor,
            action=events.PREMISES_VISIT_ARRANGED,
            subject=visit,
            data={
                "site": site,
                "site_kind": site_kind,
                "visit_on": visit_on,
                "officer_in_charge": officer.username,
                "ward_members_told": len(visit.ward_members_told),
            },
            rule_ids=[r for r in rule_ids if profile.adopts(r)] or None,
        )
    return visit


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


@implements(R.PREMISES_VISIT_ADVANCE_ARRANGEMENT)
def _tell_officer_in_charge(m: Membership, visit: PremisesVisit) -> None:
    care = rules.care_warning(m.council.profile, visit.site_kind)
    notify(
        council=m.council,
        recipient=visit.officer_in_charge,
        kind="premises_visit",
        subject=f"A member's visit to {visit.site} on {long_date(visit.visit_on)}",
        body=(
            f"{m.person.get_full_name() or m.person.username} would like to visit {visit.site} on "
            f"{long_date(visit.visit_on)}: {visit.purpose}"
            + (" The site serves children or vulnerable people: special care applies." if care else "")
        ),
        url=reverse("premises_visit", kwargs={"slug": m.council.slug, "visit_id": visit.pk}),
        dedupe_key=f"premises-visit-{visit.pk}-officer",
    )


@implements(R.PREMISES_OUT_OF_WARD_VISIT_NOTIFY)
def _tell_host_ward(m: Membership, visit: PremisesVisit, ward_id: int) -> list[str]:
    told: list[str] = []
    for person in s.ward_members(m, [ward_id]):
        if person.pk == m.person.pk:
            continue
        notify(
            council=m.council,
            recipient=person,
            kind="premises_visit_in_your_ward",
            subject=f"A member will visit {visit.site} in your ward",
            body=(
                f"{m.person.get_full_name() or m.person.username} will visit {visit.site} on "
                f"{long_date(visit.visit_on)}: {visit.purpose}"
            ),
            url=reverse("premises_visit", kwargs={"slug": m.council.slug, "visit_id": visit.pk}),
            dedupe_key=f"premises-visit-{visit.pk}-to-{person.pk}",
        )
        told.append(person.get_full_name() or person.username)
    return told


# ---- resources -----------------------------------------------------------------------------------------------


def resource_request(
    *, actor: Person, council: Council, kind: str, details: str, purpose: str = "council"
) -> ResourceRequest:
    """A member asks for council resources or staff time, saying what for. Anything but council work is refused
    (004 14.1-14.2; 002 5.5(v)); consumables go straight to the supplying officer (004 2.9(b)); computer equipment
    waits for the ICT rules' acknowledgement (14.2(c))."""
    m = _gate(actor, council, "resources")
    if not m.is_member:
        raise NotFound("That page")
    profile = council.profile
    problems: dict[str, str] = {}
    details = _text(details, "details", "what you need", problems, limit=5000)
    _choice(kind, ResourceRequest.Kind.values, "kind", "what kind of resource you need", problems)
    _choice(purpose, ResourceRequest.Purpose.values, "purpose", "what it is for", problems)
    if problems:
        raise ValidationFailed("Check the request.", problems)
    rules.check_purpose(profile, purpose)
    rules.check_ict_acknowledged(profile, kind=kind, acknowledged=s.ict_acknowledgement(m) is not None)
    direct = rules.is_direct_request(profile, kind)
    heads = s.head_officers(m)
    routed_to = heads[0] if heads else None
    with transaction.atomic():
        row = ResourceRequest.objects.create(
            council=council,
            member=actor,
            kind=kind,
            details=details,
            purpose=purpose,
            direct=direct,
            routed_to=routed_to,
            made_at=clock.now(),
        )
        if routed_to is not None:
            how = (
                "Consumables are asked for directly: no formal decision is needed."
                if direct
                else ("It is for you to decide.")
            )
            notify(
                council=council,
                recipient=routed_to,
                kind="resource_request",
                subject=f"{actor.get_full_name() or actor.username} asks for {row.get_kind_display().lower()}",
                body=f"{details}\n\n{how}",
                url=reverse("resources", kwargs={"slug": council.slug}),
                dedupe_key=f"resource-request-{row.pk}",
            )
        rule_ids = [R.RESOURCES_COUNCIL_DUTIES_ONLY] + ([R.RESOURCES_CONSUMABLES_DIRECT_REQUEST] if direct else [])
        record(
            council=council,
            actor=actor,
            action=events.RESOURCE_REQUEST_MADE,
            subject=row,
            data={"kind": kind, "purpose": purpose, "direct": direct},
            rule_ids=[r for r in rule_ids if profile.adopts(r)] or None,
        )
    return row


def ledger_record(
    *,
    actor: Person,
    council: Council,
    member_id: int | str | None,
    kind: str,
    description: str,
    provided_on: dt.date | None,
    charge_pence: int | None = None,
) -> ResourceLedgerEntry:
    """An officer records a resource provided to a member (004 14.2(a), (b))."""
    m = _gate(actor, council, "ledger")
    if not s.is_officer(m):
        raise NotFound("That page")
    problems: dict[str, str] = {}
    member = {p.pk: p for p in s.members(m)}.get(_int(member_id))
    if member is None:
        problems["member"] = "Choose a member of this council."
    description = _text(description, "description", "what was provided", problems, limit=200)
    _choice(kind, ResourceLedgerEntry.Kind.values, "kind", "the kind of resource", problems)
    if provided_on is None:
        problems["provided_on"] = "Enter the date it was provided."
    elif provided_on > m.day:
        problems["provided_on"] = "The date must be today or in the past."
    if charge_pence is not None and charge_pence < 0:
        problems["charge"] = "The charge cannot be negative."
    if problems or member is None or provided_on is None:
        raise ValidationFailed("Check the ledger entry.", problems)
    with transaction.atomic():
        entry = ResourceLedgerEntry.objects.create(
            council=council,
            member=member,
            kind=kind,
            description=description,
            provided_on=provided_on,
            charge_pence=charge_pence,
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        record(
            council=council,
            actor=actor,
            action=events.RESOURCE_LEDGER_ENTRY_RECORDED,
            subject=entry,
            data={
                "member": member.username,
                "kind": kind,
                "description": description,
                "provided_on": provided_on,
                "charge_pence": charge_pence,
            },
            rule_ids=[R.RESOURCES_MEMBER_RESOURCE_LEDGER],
        )
    return entry


def ict_acknowledge(*, actor: Person, council: Council) -> IctAcknowledgement:
    """A member acknowledges the council's ICT security rules (004 14.2(c)). Once is enough; again changes nothing."""
    m = _gate(actor, council, "ict")
    if not m.is_member:
        raise NotFound("That page")
    existing = s.ict_acknowledgement(m)
    if existing is not None:
        return existing
    with transaction.atomic():
        ack = IctAcknowledgement.objects.create(council=council, person=actor, acknowledged_at=clock.now())
        record(
            council=council,
            actor=actor,
            action=events.ICT_RULES_ACKNOWLEDGED,
            subject=ack,
            data={},
            rule_ids=[R.RESOURCES_ICT_SECURITY],
        )
    return ack
