"""Enquiry rules as pure functions of the council's profile: routing, who may be addressed, decline reasons.

No database and no clock: every fact comes in as an argument.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from councildesk.catalogue.references import NOT_ADOPTED
from councildesk.councils.profiles.schema import Profile, WorkingHours

DEFAULT_ROUTE = "ENQUIRY_DEFAULT_ROUTE_TO_CLERK"
NO_DIRECT = "ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF"
LINE_MANAGEMENT = "ROLES_LINE_MANAGEMENT_PREVAILS"
MAY_DECLINE = "ENQUIRY_OFFICER_MAY_DECLINE"
PRIORITIES = "ENQUIRY_CLERK_SETS_PRIORITIES"
NO_QUEUE_JUMPING = "ENQUIRY_NO_QUEUE_JUMPING"
RESPONSE_TARGET = "ENQUIRY_RESPONSE_TARGET"
MEMBER_RESPONSE = "ENQUIRY_MEMBER_RESPONSE_TO_OFFICERS"
FOLLOW_UP = "ENQUIRY_UNANSWERED_FOLLOW_UP"
WORKING_HOURS = "ENQUIRY_RESPECT_WORKING_HOURS"
SUPPORT_AS_COUNCILLOR = "RESOURCES_SUPPORT_ONLY_AS_COUNCILLOR"


def adopted(profile: Profile, rule_id: str) -> bool:
    return profile.clauses.get(rule_id, NOT_ADOPTED) != NOT_ADOPTED


@dataclass(frozen=True)
class RouteDecision:
    route: str  # Enquiry.Route value
    recipient_kind: str  # the role kind whose holders receive it
    rule_id: str


# category -> (route, recipient kind or "head_officer", rule that sends it there, feature it needs)
_ROUTES: dict[str, tuple[str, str, str, str | None]] = {
    "service_request": ("contact_centre", "officer", "ENQUIRY_SERVICE_REQUEST_VIA_CONTACT_CENTRE", "contact_centre"),
    "service_concern": ("head_of_service", "head_of_service", "ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE", None),
    "strategic": ("cmt", "cmt_member", "ENQUIRY_STRATEGIC_OR_POLICY_TO_CMT", "cmt"),
}


def _offers(profile: Profile, category: str) -> bool:
    if category not in _ROUTES:
        return True
    _, kind, rule_id, feature = _ROUTES[category]
    has_feature = feature is None or bool(getattr(profile.features, feature))
    return adopted(profile, rule_id) and has_feature and profile.has_role(kind)


def categories_offered(profile: Profile) -> list[str]:
    """The categories a councillor may choose here: every council has information; others follow the profile."""
    cats = ["information"]
    if profile.enquiries.factual_direct_contact:
        cats.append("factual")
    return cats + [c for c in _ROUTES if _offers(profile, c)]


def route_for(profile: Profile, category: str) -> RouteDecision:
    """Where an enquiry of this category goes first. Unknown or unadopted categories go to the head officer."""
    if category in _ROUTES and _offers(profile, category):
        route, kind, rule_id, _ = _ROUTES[category]
        return RouteDecision(route, kind, rule_id)
    return RouteDecision("head_officer", profile.roles.head_of_paid_service, DEFAULT_ROUTE)


def may_address_directly(
    profile: Profile, *, category: str, officer_kinds: frozenset[str], approved: bool
) -> tuple[bool, str]:
    """Whether a councillor may address this officer by name, and the rule that decides it.

    The head officer may always be addressed. A Head of Service or CMT member may be addressed when the category
    routes there. Anyone else needs the head officer's approval on that matter, except that a council which
    adopted the factual-information exception lets purely factual enquiries go straight to the officer.
    """
    head = profile.roles.head_of_paid_service
    if head in officer_kinds:
        return True, DEFAULT_ROUTE
    decision = route_for(profile, category)
    if decision.route in {"head_of_service", "cmt"} and decision.recipient_kind in officer_kinds:
        return True, decision.rule_id
    if category == "factual" and profile.enquiries.factual_direct_contact:
        return True, DEFAULT_ROUTE
    return approved, NO_DIRECT


@dataclass(frozen=True)
class DeclineReason:
    code: str
    label: str
    rule_id: str


# Grounds an officer may give, each tied to the rule that allows it (NOTES: ENQUIRY grounds for declining).
DECLINE_REASONS: tuple[DeclineReason, ...] = (
    DeclineReason("party_political", "Party-political work", "RESOURCES_NO_PARTY_POLITICAL_STAFF_WORK"),
    DeclineReason("electioneering", "Electioneering", "ELECTIONS_NO_ELECTIONEERING_SUPPORT"),
    DeclineReason("private_correspondence", "Private correspondence", "RESOURCES_NO_PRIVATE_CORRESPONDENCE"),
    DeclineReason("other_body", "Work for another body, not as a councillor here", SUPPORT_AS_COUNCILLOR),
    DeclineReason("outside_authority", "Outside the officer's authority", MAY_DECLINE),
    DeclineReason("professional_judgement", "Against the officer's professional judgement", MAY_DECLINE),
    DeclineReason("unlawful_or_against_policy", "Unlawful, or against council policy or procedure", MAY_DECLINE),
    DeclineReason("outside_duties_or_hours", "Outside the officer's duties or working hours", WORKING_HOURS),
)


def decline_reasons(profile: Profile) -> list[DeclineReason]:
    """The grounds this council's protocol gives. A ground whose rule the council did not adopt is not offered."""
    return [r for r in DECLINE_REASONS if adopted(profile, r.rule_id)]


def decline_reason(profile: Profile, code: str) -> DeclineReason | None:
    return next((r for r in decline_reasons(profile) if r.code == code), None)


def is_out_of_hours(at: dt.datetime, hours: WorkingHours, *, working_day: bool) -> bool:
    """Contact outside officers' working hours (002 3.4, 5.9; 004 4.10): a non-working day, or outside the hours."""
    if not working_day:
        return True
    return not (hours.start <= at.time() < hours.end)


def escalation_kind(profile: Profile) -> str:
    """Who hears of an overdue enquiry besides the assignee and the head officer."""
    kind = profile.enquiries.escalation
    return profile.roles.head_of_paid_service if kind == "head_officer" else kind
