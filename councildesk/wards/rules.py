"""Pure policy for wards, public meetings, premises visits and members' resources. No database, no clock:
everything comes in as arguments, and every refusal cites the council's clause through ``Profile.cite``.

Where a rule is advice to people rather than something the product can check (a visiting member's conduct on site,
not entering officers' work areas), the product shows the council's words at the moment they matter and, where it
can, asks for an acknowledgement; the function that does so is registered for the rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core.errors import Citation, ProtocolViolation
from councildesk.councils.profiles.schema import Profile

MATTER_RULES = (R.WARD_MEMBERS_KEPT_INFORMED, R.WARD_NOTIFICATION_TRIGGERS, R.WARD_SENSITIVE_MATTER_BEFORE_PUBLIC)
MEETING_RULES = (
    R.WARD_COUNCIL_PUBLIC_MEETING_INVITES,
    R.WARD_MEMBER_MEETING_NOTIFY_CLERK,
    R.WARD_MEMBER_MEETING_OFFICER_OPTIONAL,
    R.WARD_NO_STAFF_AT_SURGERIES,
    R.PREMISES_MEMBER_MEETING_IN_COUNCIL_VENUE,
    R.ELECTIONS_NO_MEMBER_PUBLIC_MEETINGS_IN_RUN_UP,
)
VISIT_RULES = (
    R.PREMISES_ACCESS_RIGHTS_BY_ROLE,
    R.PREMISES_VISIT_ADVANCE_ARRANGEMENT,
    R.PREMISES_OUT_OF_WARD_VISIT_NOTIFY,
    R.PREMISES_VISIT_CONDUCT,
    R.PREMISES_VULNERABLE_SITE_CARE,
)
RESOURCE_RULES = (
    R.RESOURCES_COUNCIL_DUTIES_ONLY,
    R.RESOURCES_CONSUMABLES_DIRECT_REQUEST,
    R.RESOURCES_MEMBER_RESOURCE_LEDGER,
    R.RESOURCES_ICT_SECURITY,
)


@dataclass(frozen=True)
class Sections:
    """Which parts of the area this council's protocol provides for."""

    matters: bool
    meetings: bool
    visits: bool
    office_areas: bool
    resources: bool
    ledger: bool
    ict: bool

    @property
    def any(self) -> bool:
        return any((self.matters, self.meetings, self.visits, self.office_areas, self.resources))


def sections(profile: Profile) -> Sections:
    def adopts_any(rules: tuple[R, ...]) -> bool:
        return any(profile.adopts(r) for r in rules)

    return Sections(
        matters=adopts_any(MATTER_RULES),
        meetings=adopts_any(MEETING_RULES),
        visits=adopts_any(VISIT_RULES),
        office_areas=profile.adopts(R.PREMISES_NO_DEMANDS_IN_OFFICE_AREAS),
        resources=adopts_any(RESOURCE_RULES),
        ledger=profile.adopts(R.RESOURCES_MEMBER_RESOURCE_LEDGER),
        ict=profile.adopts(R.RESOURCES_ICT_SECURITY),
    )


# ---- ward matters ---------------------------------------------------------------------------------------------------


@implements(R.WARD_NOTIFICATION_TRIGGERS, R.WARD_MEMBERS_KEPT_INFORMED)
def matter_notice_citations(profile: Profile, *, trigger: str, urgent_or_sensitive: bool) -> list[Citation]:
    """What a notice of a ward matter cites: keeping ward members informed (002 4.4; 004 9.1), and for 004 the
    trigger that makes it particularly important (9.2(a) policy, (b) operational, (c) consultation)."""
    rule_ids: list[R] = [R.WARD_MEMBERS_KEPT_INFORMED]
    if trigger in {"policy", "operational", "consultation"}:
        rule_ids.append(R.WARD_NOTIFICATION_TRIGGERS)
    if urgent_or_sensitive:
        rule_ids.append(R.WARD_SENSITIVE_MATTER_BEFORE_PUBLIC)
    return profile.cite(*rule_ids)


@implements(R.WARD_SENSITIVE_MATTER_BEFORE_PUBLIC)
def check_made_public(
    profile: Profile, *, urgent_or_sensitive: bool, members_told_at: dt.datetime, made_public_at: dt.datetime
) -> None:
    """002 4.4: an urgent or sensitive matter reaches the ward's members before it is made public, so a "made
    public" time earlier than their notice is refused."""
    rule = R.WARD_SENSITIVE_MATTER_BEFORE_PUBLIC
    if urgent_or_sensitive and made_public_at < members_told_at and profile.adopts(rule):
        raise ProtocolViolation(
            reason=(
                "This matter is urgent or sensitive, so the ward's members must hear of it before it is made public. "
                "They were told after the time you entered: check the time, or record when it was actually made "
                "public."
            ),
            citations=profile.cite(rule),
        )


# ---- public meetings and ward surgeries ------------------------------------------------------------------------


@implements(R.WARD_COUNCIL_PUBLIC_MEETING_INVITES)
def council_meeting_invites(profile: Profile) -> list[Citation]:
    """004 9.3: every member of each affected ward is invited to a council public meeting as a matter of course."""
    return profile.cite(R.WARD_COUNCIL_PUBLIC_MEETING_INVITES)


@implements(R.WARD_MEMBER_MEETING_NOTIFY_CLERK)
def member_meeting_tells_head_officer(profile: Profile, kind: str) -> bool:
    """004 9.4: a member who arranges a public meeting on the council's work tells the Town Clerk."""
    return kind == "public_meeting" and profile.adopts(R.WARD_MEMBER_MEETING_NOTIFY_CLERK)


@implements(R.WARD_NO_STAFF_AT_SURGERIES)
def check_surgery_staff(profile: Profile, *, kind: str, staff_asked: bool) -> None:
    """004 9.4(c): staff are not asked to accompany members to ward surgeries."""
    rule = R.WARD_NO_STAFF_AT_SURGERIES
    if kind == "surgery" and staff_asked and profile.adopts(rule):
        raise ProtocolViolation(
            reason=(
                "Staff cannot be asked to come with a member to a ward surgery. Officers can still help with the "
                "casework the surgery raises: raise an enquiry for that."
            ),
            citations=profile.cite(rule),
        )


@implements(R.WARD_MEMBER_MEETING_OFFICER_OPTIONAL)
def check_officer_at_member_meeting(profile: Profile, *, party_political: bool, officer_asked: bool) -> None:
    """004 9.4, 9.4(a): an officer may attend a member's public meeting but is not obliged to, and only where it
    was not arranged on a party-political basis."""
    rule = R.WARD_MEMBER_MEETING_OFFICER_OPTIONAL
    if party_political and officer_asked and profile.adopts(rule):
        raise ProtocolViolation(
            reason=(
                "An officer cannot attend a meeting arranged on a party-political basis. Untick the request for an "
                "officer, or arrange the meeting on a non-party basis."
            ),
            citations=profile.cite(rule),
        )


def officer_optional_note(profile: Profile) -> list[Citation]:
    return profile.cite(R.WARD_MEMBER_MEETING_OFFICER_OPTIONAL)


@implements(R.PREMISES_MEMBER_MEETING_IN_COUNCIL_VENUE)
def check_council_venue(profile: Profile, *, party_political: bool, council_venue: bool) -> None:
    """004 9.4(a): a member's public meeting may use council-owned premises only when it is not party-political."""
    rule = R.PREMISES_MEMBER_MEETING_IN_COUNCIL_VENUE
    if party_political and council_venue and profile.adopts(rule):
        raise ProtocolViolation(
            reason="A meeting arranged on a party-political basis cannot be held in council-owned premises.",
            citations=profile.cite(rule),
        )


@implements(R.ELECTIONS_NO_MEMBER_PUBLIC_MEETINGS_IN_RUN_UP)
def check_not_in_run_up(
    profile: Profile, *, kind: str, arranged_in_period: str | None, held_in_period: str | None
) -> None:
    """004 9.4(b): no member's public meeting on council business is arranged or held in the run-up to council
    elections (the pre-election period, from the notice of election to polling day). Surgeries continue."""
    rule = R.ELECTIONS_NO_MEMBER_PUBLIC_MEETINGS_IN_RUN_UP
    period = arranged_in_period or held_in_period
    if kind == "public_meeting" and period and profile.adopts(rule):
        when = "is being arranged" if arranged_in_period else "would be held"
        raise ProtocolViolation(
            reason=(
                f"This meeting {when} during the pre-election period before {period}. Members do not arrange or "
                "hold public meetings on council business in the run-up to council elections; ward surgeries and "
                "casework carry on as normal."
            ),
            citations=profile.cite(rule),
        )


# ---- premises visits --------------------------------------------------------------------------------------------


@implements(R.PREMISES_ACCESS_RIGHTS_BY_ROLE)
def visit_access(profile: Profile, *, is_member: bool, is_officer: bool) -> str:
    """004 13.1, 13.2: access to council premises comes with the role. Members arrange visits here to fulfil their
    duties; officers enter to do their work and book nothing. Answers "member", "officer" or "" (no right here)."""
    if is_member:
        return "member"
    if is_officer:
        return "officer"
    return ""


@implements(R.PREMISES_VISIT_ADVANCE_ARRANGEMENT)
def check_advance(profile: Profile, *, visit_on: dt.date, today: dt.date, short_notice_reason: str) -> dict[str, str]:
    """004 13.3(a): a visit is arranged in advance with the officer in charge "whenever practicable": a visit today
    needs the reason it could not be; a past visit cannot be arranged."""
    if visit_on < today:
        return {"visit_on": "The visit date must be today or later: a visit is arranged before it happens."}
    if visit_on == today and not short_notice_reason.strip() and profile.adopts(R.PREMISES_VISIT_ADVANCE_ARRANGEMENT):
        return {"short_notice_reason": "Say why this visit could not be arranged in advance."}
    return {}


@implements(R.PREMISES_VISIT_CONDUCT)
def check_conduct_acknowledged(profile: Profile, acknowledged: bool) -> None:
    """004 13.3(b), (c): the member follows the site's health and safety, security and workplace rules and does
    not interfere with the services under way; booking needs the acknowledgement."""
    rule = R.PREMISES_VISIT_CONDUCT
    if not acknowledged and profile.adopts(rule):
        raise ProtocolViolation(
            reason=(
                "Confirm that you will follow the site's health and safety, security and workplace rules and will "
                "not interfere with the services being provided."
            ),
            citations=profile.cite(rule),
        )


def conduct_citations(profile: Profile) -> list[Citation]:
    return profile.cite(R.PREMISES_VISIT_CONDUCT)


@implements(R.PREMISES_OUT_OF_WARD_VISIT_NOTIFY)
def host_ward_to_tell(profile: Profile, *, site_ward_id: int | None, own_ward_ids: frozenset[int]) -> int | None:
    """004 13.3(d): a visit outside the member's own ward tells that ward's members beforehand. The ward to tell."""
    if site_ward_id is None or site_ward_id in own_ward_ids:
        return None
    return site_ward_id if profile.adopts(R.PREMISES_OUT_OF_WARD_VISIT_NOTIFY) else None


@implements(R.PREMISES_VULNERABLE_SITE_CARE)
def care_warning(profile: Profile, site_kind: str) -> list[Citation]:
    """004 13.3(e): at schools and sites serving vulnerable people, the visit carries the special-care warning."""
    if site_kind not in {"school", "vulnerable"}:
        return []
    return profile.cite(R.PREMISES_VULNERABLE_SITE_CARE)


@implements(R.PREMISES_NO_DEMANDS_IN_OFFICE_AREAS)
def office_areas_guidance(profile: Profile) -> list[Citation]:
    """002 3.2: advice, not a check. Councillors avoid entering officers' work areas to demand immediate attention
    (urgent ICT or democratic services help excepted); the area shows it with a way to raise an enquiry instead."""
    return profile.cite(R.PREMISES_NO_DEMANDS_IN_OFFICE_AREAS)


# ---- resources --------------------------------------------------------------------------------------------------


@implements(R.RESOURCES_COUNCIL_DUTIES_ONLY)
def check_purpose(profile: Profile, purpose: str) -> None:
    """004 14.1, 14.2; 002 5.5(v): council resources and staff time are for members' council work only, never for
    private purposes or party-political or campaigning activity."""
    rule = R.RESOURCES_COUNCIL_DUTIES_ONLY
    if purpose != "council" and profile.adopts(rule):
        what = {
            "private": "a private or personal purpose",
            "party": "party-political business",
            "campaign": "campaigning or electioneering",
        }.get(purpose, "anything but council work")
        raise ProtocolViolation(
            reason=(
                f"Council resources and staff time are paid for from the public purse and cannot be used for {what}. "
                "They are for your work as a member of the council."
            ),
            citations=profile.cite(rule),
        )


@implements(R.RESOURCES_CONSUMABLES_DIRECT_REQUEST)
def is_direct_request(profile: Profile, kind: str) -> bool:
    """004 2.9(b): consumables provided for members' use are asked for directly; it is the one instruction to
    officers that needs no formal decision. Everything else goes to the head officer to decide."""
    return kind == "consumables" and profile.adopts(R.RESOURCES_CONSUMABLES_DIRECT_REQUEST)


@implements(R.RESOURCES_ICT_SECURITY)
def check_ict_acknowledged(profile: Profile, *, kind: str, acknowledged: bool) -> None:
    """004 14.2(c): a member acknowledges the council's ICT security rules before council computer equipment is
    provided. (Signing in does not depend on it: the product's own second factor and passwords apply to all.)"""
    rule = R.RESOURCES_ICT_SECURITY
    if kind == "equipment" and not acknowledged and profile.adopts(rule):
        raise ProtocolViolation(
            reason="Acknowledge the council's ICT security rules first; then ask for the equipment.",
            citations=profile.cite(rule),
        )


@implements(R.RESOURCES_MEMBER_RESOURCE_LEDGER)
def ledger_citations(profile: Profile) -> list[Citation]:
    """004 14.2(a), (b): facilities in members' homes and paid private use are recorded against the member."""
    return profile.cite(R.RESOURCES_MEMBER_RESOURCE_LEDGER)


def pounds(pence: int | None) -> str:
    if pence is None:
        return "No charge"
    return f"£{pence // 100:,}.{pence % 100:02d}"
