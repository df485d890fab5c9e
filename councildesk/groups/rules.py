"""Pure policy for political groups: the facts-and-options check, who decides attendance, the even-handedness
block, the Town Clerk's non-member rule, and who may see what. No database, no clock: everything comes in as
arguments, and every refusal cites the council's clause through ``Profile.cite``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core.errors import Citation, ProtocolViolation
from councildesk.councils.profiles.schema import Profile

# Employees of the council who give advice to groups (the principal council's Monitoring Officer is not one).
ADVISING_OFFICER_KINDS = frozenset({"clerk", "officer", "chief_executive", "head_of_service", "cmt_member"})

# Phrases that recommend, or deal with the political implications (001 6.3; 003 8.2).
RECOMMENDATION_PHRASES = (
    "we recommend",
    "i recommend",
    "recommendation",
    "recommended",
    "you should",
    "the group should",
    "you ought to",
    "politically",
    "political implications",
    "vote for",
    "vote against",
    "electorally",
)
# Phrases that give a personal opinion or deal with party business (002 7.5; 003 7.5; 004 8.3).
PERSONAL_OPINION_PHRASES = (
    "in my personal view",
    "personally",
    "my own opinion",
    "i personally",
    "party line",
    "campaign",
    "manifesto",
)


def matter_key(matter: str) -> str:
    """The matter as a key for 'the same matter': lower case, punctuation dropped, words in order."""
    return " ".join(re.findall(r"[a-z0-9]+", matter.lower()))[:200]


@dataclass(frozen=True)
class Flag:
    phrase: str
    rule_id: str


def _found(text: str, phrases: tuple[str, ...]) -> list[str]:
    lowered = " " + re.sub(r"\s+", " ", text.lower()) + " "
    return [p for p in phrases if re.search(r"(?<![a-z])" + re.escape(p) + r"(?![a-z])", lowered)]


@implements(R.GROUPS_ADVICE_FACTS_AND_OPTIONS_NO_RECOMMENDATIONS, R.GROUPS_OFFICER_INPUT_LIMITED_TO_COUNCIL_BUSINESS)
def advice_flags(profile: Profile, text: str) -> list[Flag]:
    """What in a draft of group advice goes beyond facts and options, for each rule this council adopted."""
    flags: list[Flag] = []
    if profile.adopts(R.GROUPS_ADVICE_FACTS_AND_OPTIONS_NO_RECOMMENDATIONS):
        rule = R.GROUPS_ADVICE_FACTS_AND_OPTIONS_NO_RECOMMENDATIONS
        flags += [Flag(p, rule) for p in _found(text, RECOMMENDATION_PHRASES)]
    if profile.adopts(R.GROUPS_OFFICER_INPUT_LIMITED_TO_COUNCIL_BUSINESS):
        rule = R.GROUPS_OFFICER_INPUT_LIMITED_TO_COUNCIL_BUSINESS
        flags += [Flag(p, rule) for p in _found(text, PERSONAL_OPINION_PHRASES)]
    return flags


class AdviceFlagged(ProtocolViolation):
    """The draft recommends, or strays beyond council business: the officer may change it or give a reason."""


def flagged_refusal(profile: Profile, flags: list[Flag]) -> AdviceFlagged:
    phrases = ", ".join(f"“{f.phrase}”" for f in flags)
    return AdviceFlagged(
        reason=(
            f"This draft looks like more than facts and options: it contains {phrases}. Change the wording, or "
            "give your reason for sending it as it is; the reason is recorded."
        ),
        citations=profile.cite(*(f.rule_id for f in flags)),
    )


def attendance_decider_kind(profile: Profile) -> str:
    """Who decides a request for an officer to attend a group: the profile's decider (002 the Chief Executive,
    004 the Town Clerk); where the protocol leaves it to the employee (001 6.2, 003 8.1), the invited officer, or
    the head officer when nobody was named."""
    kind = profile.deciders.officer_attendance_at_groups
    if kind is None or kind == "officer":
        return "officer"
    return kind


@implements(R.GROUPS_ATTENDANCE_DECIDED_BY_SENIOR_OFFICER)
def may_decide_attendance(
    profile: Profile, *, actor_kinds: frozenset[str], actor_id: int, invited_officer_id: int | None
) -> bool:
    kind = attendance_decider_kind(profile)
    if kind != "officer":
        return kind in actor_kinds
    if invited_officer_id is not None:
        return actor_id == invited_officer_id
    return profile.roles.head_of_paid_service in actor_kinds


@implements(R.GROUPS_INVITED_OFFICER_NOTIFIES_CHIEF_EXECUTIVE)
def notify_decider_of_direct_invitation(profile: Profile, *, invited_officer_kinds: frozenset[str]) -> bool:
    """002 7.4: an officer invited directly tells the Chief Executive, who decides."""
    return profile.adopts(R.GROUPS_INVITED_OFFICER_NOTIFIES_CHIEF_EXECUTIVE) and (
        attendance_decider_kind(profile) not in invited_officer_kinds
    )


@implements(R.GROUPS_CLERK_NO_ATTENDANCE_WITH_NON_MEMBERS)
def check_head_officer_not_with_non_members(
    profile: Profile, *, attendee_kinds: frozenset[str], non_members_present: bool
) -> None:
    """004 8.2: the Town Clerk will not attend where some of those attending are not members. Other officers may
    (8.14), with care; NOTES part B §4 item 11."""
    rule = R.GROUPS_CLERK_NO_ATTENDANCE_WITH_NON_MEMBERS
    if non_members_present and profile.adopts(rule) and profile.roles.head_of_paid_service in attendee_kinds:
        raise ProtocolViolation(
            reason=(
                f"The {profile.head_officer_title()} does not attend a group meeting where people who are not members "
                "of the council are present. Another officer may attend, or the group may meet without them."
            ),
            citations=profile.cite(rule),
        )


@implements(R.GROUPS_ATTENDEES_DISCLOSED_TO_OFFICER)
def check_attendees_disclosed(profile: Profile, attendees: str) -> None:
    """002 7.5: the officer is told who else will be present before attending."""
    rule = R.GROUPS_ATTENDEES_DISCLOSED_TO_OFFICER
    if profile.adopts(rule) and not attendees.strip():
        raise ProtocolViolation(
            reason="Say who else will be at the meeting: the officer must know before agreeing to attend.",
            citations=profile.cite(rule),
        )


@implements(R.GROUPS_EQUAL_AVAILABILITY_OF_OFFICER_SUPPORT)
def check_may_decline(profile: Profile, *, accepted_for_other_group_on_matter: bool) -> None:
    """004 8.11 (and 002 7.2): an officer who accepted one group's invitation on a matter does not decline another
    group's on the same matter. Applied to any officer (NOTES part B §4 item 11a)."""
    rule = R.GROUPS_EQUAL_AVAILABILITY_OF_OFFICER_SUPPORT
    if accepted_for_other_group_on_matter and profile.adopts(rule):
        raise ProtocolViolation(
            reason=(
                "Another group's invitation on the same matter was accepted, so this one cannot be declined: "
                "officer support must be equally available to every group."
            ),
            citations=profile.cite(rule),
        )


@implements(R.EMPLOYMENT_NO_HOME_VISITS)
def check_not_at_a_home(profile: Profile, *, at_a_home: bool) -> None:
    """002 5.9: councillors should not expect officers to come to their homes to conduct or discuss council
    business. A request for an officer at a group meeting held in someone's home is refused."""
    rule = R.EMPLOYMENT_NO_HOME_VISITS
    if at_a_home and profile.adopts(rule):
        raise ProtocolViolation(
            reason=(
                "Officers are not expected to come to a councillor's home to discuss council business. Hold the "
                "meeting somewhere else, such as a council building or a public venue, and ask again."
            ),
            citations=profile.cite(rule),
        )


class PartyBusiness(ProtocolViolation):
    """Advice asked for on the group's party business rather than on council business."""


@implements(R.GROUPS_OFFICER_EXCLUDED_FROM_PARTY_BUSINESS)
def check_not_party_business(profile: Profile, *, party_business: bool) -> None:
    """003 7.6; 004 8.3: officers do not advise a group on its party business."""
    rule = R.GROUPS_OFFICER_EXCLUDED_FROM_PARTY_BUSINESS
    if party_business and profile.adopts(rule):
        raise PartyBusiness(
            reason=(
                "Officers do not advise a political group on its party business. Officers can give facts and "
                "professional advice on council business only: record it that way, or do not give it."
            ),
            citations=profile.cite(rule),
        )


@implements(R.GROUPS_OFFICER_EXCLUDED_FROM_PARTY_BUSINESS)
def party_business_part(profile: Profile, *, on_agenda: bool) -> list[Citation]:
    """004 8.3: an officer is not expected at the part of a meeting where party business is discussed. Printed on
    the request and the decision, so the officer knows to leave before that part."""
    if not on_agenda or not profile.adopts(R.GROUPS_OFFICER_EXCLUDED_FROM_PARTY_BUSINESS):
        return []
    return profile.cite(R.GROUPS_OFFICER_EXCLUDED_FROM_PARTY_BUSINESS)


@implements(R.GROUPS_BRIEFING_NOT_SUBSTITUTE_FOR_FORMAL_ADVICE)
def formal_report_reminder(profile: Profile) -> list[Citation]:
    """004 8.5: a briefing to a group does not replace the full advice owed when the council or a committee
    formally considers the matter. Shown to officers on every advice record."""
    return profile.cite(R.GROUPS_BRIEFING_NOT_SUBSTITUTE_FOR_FORMAL_ADVICE)


@implements(R.GROUPS_NO_PUBLIC_REFERENCE_TO_GROUP_ADVICE)
def group_only_citations(profile: Profile) -> list[Citation]:
    """004 8.13: members do not refer in public or at council meetings to advice given to their group. Every
    advice record is labelled "Group only" with this clause."""
    return profile.cite(R.GROUPS_NO_PUBLIC_REFERENCE_TO_GROUP_ADVICE)


@implements(R.GROUPS_CLERK_GUIDANCE_FROM_COUNTY_ASSOCIATION)
def county_association_help(profile: Profile) -> list[Citation]:
    """001 6.5: a Clerk needing advice on party groups, or on working in a political setting, may ask the County
    Association. Shown to the head officer on the groups pages, with the association the profile names."""
    return profile.cite(R.GROUPS_CLERK_GUIDANCE_FROM_COUNTY_ASSOCIATION)


@dataclass(frozen=True)
class GroupService:
    """One group's share of officer support over a period, for the head officer to review for imbalance."""

    group_id: int
    advice: int
    reports: int
    meetings_attended: int
    requests_declined: int
    minutes_attended: int


@implements(R.GROUPS_EVEN_HANDED_SERVICE_TO_WHOLE_COUNCIL)
def imbalance(rows: list[GroupService]) -> list[int]:
    """The groups that received no advice, reports or attendance while another group received at least three:
    a prompt for the head officer to look, not a finding (000 Officer/Clerks ¶4; 001 5.1, 6.1; 002 7.1, 7.2;
    003 6.1(a); 004 3.5, 8.8)."""

    def total(r: GroupService) -> int:
        return r.advice + r.reports + r.meetings_attended

    if not rows or max(total(r) for r in rows) < 3:
        return []
    return [r.group_id for r in rows if total(r) == 0]


def decline_citations(profile: Profile) -> list[Citation]:
    """What a decline cites: the right to refuse without penalty (001 6.2; 003 8.1; 004 8.2)."""
    return profile.cite(R.GROUPS_NO_COMPULSION_OF_OFFICERS)


@implements(R.GROUPS_NO_COMPULSION_OF_OFFICERS)
def decline_is_without_penalty() -> str:
    return "Declining is the officer's right and carries no penalty; the decision is recorded."


@implements(R.GROUPS_NON_MEMBERS_PRESENT_RESTRICT_INFORMATION)
def non_member_warning(profile: Profile, non_members_present: bool) -> list[Citation]:
    """Where non-members are present, officers withhold confidential information (002 7.5; 003 7.10; 004 8.14)."""
    if not non_members_present:
        return []
    return profile.cite(R.GROUPS_NON_MEMBERS_PRESENT_RESTRICT_INFORMATION)


@implements(R.GROUPS_ATTENDANCE_NOT_ENDORSEMENT, R.GROUPS_MEETINGS_MAKE_NO_COUNCIL_DECISIONS)
def meeting_record_disclaimers(profile: Profile) -> list[Citation]:
    """Printed on every record of a group meeting an officer attended (004 8.4, 8.6)."""
    return profile.cite(R.GROUPS_MEETINGS_MAKE_NO_COUNCIL_DECISIONS, R.GROUPS_ATTENDANCE_NOT_ENDORSEMENT)


# ---- who sees what -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    person_id: int
    kinds: frozenset[str]
    group_ids: frozenset[int]  # the groups the viewer belongs to today

    @property
    def is_officer(self) -> bool:
        return bool(self.kinds & ADVISING_OFFICER_KINDS)


def may_see_advice(viewer: Viewer, *, group_id: int, officer_id: int, recorded_by_id: int) -> bool:
    """The content of advice: the group's own members, and the council's advising officers (who must see earlier
    advice to give the same advice on the same matter, 004 8.11). Never another group, never a host administrator."""
    return group_id in viewer.group_ids or viewer.is_officer or viewer.person_id in {officer_id, recorded_by_id}


def may_see_attendance(viewer: Viewer, *, group_id: int) -> bool:
    """A request for an officer: the requesting group and the council's officers (002 4.2: one group's requests
    are never disclosed to another)."""
    return group_id in viewer.group_ids or viewer.is_officer


@implements(
    R.GROUPS_DISCUSSIONS_CONFIDENTIAL,
    silent="baseline",
    baseline="notes of a group's discussion are kept to that group and the officers present",
)
def may_see_notes(viewer: Viewer, *, group_id: int, present_officer_ids: frozenset[int]) -> bool:
    """Notes of a group's discussion: that group and the officers present (002 7.6; 003 7.7; 004 8.7)."""
    return group_id in viewer.group_ids or viewer.person_id in present_officer_ids
