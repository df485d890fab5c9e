"""Enquiry rules as pure functions of the council's profile: routing, who may be addressed, decline grounds,
out-of-hours, the follow-up, and who may see councillors' figures.

No database and no clock: every fact comes in as an argument. Each function or table registers the rules it
acts on (``catalogue.registry``), with what happens where the council's protocol is silent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from councildesk.catalogue.ids import R, RuleId
from councildesk.catalogue.registry import implements, register
from councildesk.councils.profiles.schema import Profile, WorkingHours

# The rules a refusal to address a junior officer cites: the council's own words where it has them.
DIRECT_CONTACT_RULES = (
    R.ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF,
    R.ROLES_LINE_MANAGEMENT_PREVAILS,
    R.ROLES_DAY_TO_DAY_MANAGEMENT_WITH_OFFICERS,
    R.ENQUIRY_DEFAULT_ROUTE_TO_CLERK,
)
# The rules behind "only the head officer (or the work allocator) directs officers' work".
DIRECTS_WORK_RULES = (
    R.ENQUIRY_CLERK_SETS_PRIORITIES,
    R.ROLES_LINE_MANAGEMENT_PREVAILS,
    R.ROLES_DAY_TO_DAY_MANAGEMENT_WITH_OFFICERS,
    R.ENQUIRY_DEFAULT_ROUTE_TO_CLERK,
)


@dataclass(frozen=True)
class RouteDecision:
    route: str  # Enquiry.Route value
    recipient_kind: str  # the role kind whose holders receive it
    rule_id: RuleId


# category -> (route, recipient kind, rule that sends it there, feature it needs)
ROUTES: dict[str, tuple[str, str, RuleId, str | None]] = {
    "service_request": ("contact_centre", "officer", R.ENQUIRY_SERVICE_REQUEST_VIA_CONTACT_CENTRE, "contact_centre"),
    "service_concern": ("head_of_service", "head_of_service", R.ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE, None),
    "strategic": ("cmt", "cmt_member", R.ENQUIRY_STRATEGIC_OR_POLICY_TO_CMT, "cmt"),
}
register(*(r[2] for r in ROUTES.values()), where="councildesk.enquiries.rules.ROUTES")


def _offers(profile: Profile, category: str) -> bool:
    if category not in ROUTES:
        return True
    _, kind, rule_id, feature = ROUTES[category]
    has_feature = feature is None or bool(getattr(profile.features, feature))
    return profile.adopts(rule_id) and has_feature and profile.has_role(kind)


def categories_offered(profile: Profile) -> list[str]:
    """The categories a councillor may choose here: every council has information; others follow the profile."""
    cats = ["information"]
    if profile.enquiries.factual_direct_contact:
        cats.append("factual")
    return cats + [c for c in ROUTES if _offers(profile, c)]


@implements(
    R.ENQUIRY_DEFAULT_ROUTE_TO_CLERK,
    silent="baseline",
    baseline="an enquiry the protocol does not route elsewhere goes to the head of paid service, who directs the staff",
)
def route_for(profile: Profile, category: str) -> RouteDecision:
    """Where an enquiry of this category goes first. Unknown or unadopted categories go to the head officer."""
    if category in ROUTES and _offers(profile, category):
        route, kind, rule_id, _ = ROUTES[category]
        return RouteDecision(route, kind, rule_id)
    return RouteDecision("head_officer", profile.roles.head_of_paid_service, R.ENQUIRY_DEFAULT_ROUTE_TO_CLERK)


def route_kinds(profile: Profile, category: str) -> frozenset[str]:
    """The role kinds that may handle an enquiry on this route (002 3.2: a Head of Service; 3.3: any CMT member)."""
    decision = route_for(profile, category)
    if decision.route in {"head_of_service", "cmt"}:
        return frozenset({decision.recipient_kind})
    return frozenset()


def nominated_contacts_apply(profile: Profile) -> bool:
    """Whether councillors may write to a service's nominated contact officers (002 3.2 and footnote 2)."""
    return profile.adopts(R.ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE) and profile.has_role("head_of_service")


@implements(R.ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF)
def may_address_directly(
    profile: Profile, *, category: str, officer_kinds: frozenset[str], approved: bool, nominated: bool = False
) -> tuple[bool, RuleId]:
    """Whether a councillor may address this officer by name, and the rule that decides it.

    The head officer may always be addressed. A Head of Service or CMT member may be addressed when the category
    routes there, and a service's nominated contact where the council keeps such a list (002 3.2 fn 2). Anyone
    else needs the head officer's approval on that matter (000, 004), except that a council which adopted the
    factual-information exception lets purely factual enquiries go straight to the officer (004 4.6).
    """
    head = profile.roles.head_of_paid_service
    if head in officer_kinds:
        return True, R.ENQUIRY_DEFAULT_ROUTE_TO_CLERK
    decision = route_for(profile, category)
    if decision.route in {"head_of_service", "cmt"} and decision.recipient_kind in officer_kinds:
        return True, decision.rule_id
    if nominated and nominated_contacts_apply(profile):
        return True, R.ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE
    if category == "factual" and profile.enquiries.factual_direct_contact:
        return True, R.ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF
    return approved, R.ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF


@dataclass(frozen=True)
class DeclineReason:
    code: str
    label: str
    rule_ids: tuple[RuleId, ...]  # offered where the council adopted any of these; the first adopted is cited
    direct_only: bool = False  # only for an enquiry sent to an officer under a direct-contact approval

    @property
    def rule_id(self) -> RuleId:
        return self.rule_ids[0]

    def rule_for(self, profile: Profile) -> RuleId | None:
        """The rule this council's protocol gives for the ground, or None where it gives none."""
        return next((r for r in self.rule_ids if profile.adopts(r)), None)


# Grounds an officer may give, each tied to the rules that allow it (NOTES: ENQUIRY grounds for declining).
PARTY_POLITICAL_RULES = (
    R.RESOURCES_NO_PARTY_POLITICAL_STAFF_WORK,
    R.GROUPS_NO_PARTY_POLITICAL_WORK,  # 002 7.3: officers "must not do any work ... designed to promote" a group
    R.GROUPS_NO_COMPULSION_OF_OFFICERS,  # 001 6.2, 003 8.1: employees "can legitimately refuse"
)
DECLINE_REASONS: tuple[DeclineReason, ...] = (
    DeclineReason("party_political", "Party-political work", PARTY_POLITICAL_RULES),
    DeclineReason("electioneering", "Electioneering", (R.ELECTIONS_NO_ELECTIONEERING_SUPPORT,)),
    DeclineReason("private_correspondence", "Private correspondence", (R.RESOURCES_NO_PRIVATE_CORRESPONDENCE,)),
    DeclineReason(
        "other_body", "Work for another body, not as a councillor here", (R.RESOURCES_SUPPORT_ONLY_AS_COUNCILLOR,)
    ),
    DeclineReason(
        "personal_staff_matters",
        "A personal matter about the officer or another employee",
        (R.EMPLOYMENT_OFFICER_NO_PERSONAL_MATTERS_WITH_MEMBERS,),
    ),
    DeclineReason("outside_authority", "Outside the officer's authority", (R.ENQUIRY_OFFICER_MAY_DECLINE,)),
    DeclineReason(
        "professional_judgement", "Against the officer's professional judgement", (R.ENQUIRY_OFFICER_MAY_DECLINE,)
    ),
    DeclineReason(
        "unlawful_or_against_policy",
        "Unlawful, or against council policy or procedure",
        (R.ENQUIRY_OFFICER_MAY_DECLINE,),
    ),
    DeclineReason(
        "outside_duties_or_hours", "Outside the officer's duties or working hours", (R.ENQUIRY_RESPECT_WORKING_HOURS,)
    ),
    DeclineReason(
        "outside_approved_matter",
        "Outside the matter the direct contact was approved for",
        (R.ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF,),
        direct_only=True,
    ),
)
register(
    *dict.fromkeys(r for reason in DECLINE_REASONS for r in reason.rule_ids if r != R.ENQUIRY_RESPECT_WORKING_HOURS),
    where="councildesk.enquiries.rules.DECLINE_REASONS",
)


def decline_reasons(profile: Profile, *, direct: bool = False) -> list[DeclineReason]:
    """The grounds this council's protocol gives. A ground none of whose rules the council adopted is not offered;
    'outside the approved matter' only for an enquiry sent under a direct-contact approval."""
    return [r for r in DECLINE_REASONS if r.rule_for(profile) and (direct or not r.direct_only)]


def decline_reason(profile: Profile, code: str, *, direct: bool = False) -> DeclineReason | None:
    return next((r for r in decline_reasons(profile, direct=direct) if r.code == code), None)


@implements(
    R.ENQUIRY_RESPECT_WORKING_HOURS,
    silent="baseline",
    baseline=(
        "contact outside officers' working hours is marked and dealt with from the next working period; "
        "the hours are the council's setting"
    ),
)
def is_out_of_hours(at: dt.datetime, hours: WorkingHours, *, working_day: bool) -> bool:
    """Contact outside officers' working hours (002 3.4, 5.9; 004 4.10): a non-working day, or outside the hours."""
    if not working_day:
        return True
    return not (hours.start <= at.time() < hours.end)


@implements(R.ENQUIRY_UNANSWERED_FOLLOW_UP)
def follow_up_offered(profile: Profile) -> bool:
    """A councillor may follow up an unanswered enquiry only where the protocol gives a route (002 3.6)."""
    return profile.adopts(R.ENQUIRY_UNANSWERED_FOLLOW_UP)


def escalation_kind(profile: Profile) -> str:
    """Who hears of an overdue enquiry besides the assignee and the head officer."""
    kind = profile.enquiries.escalation
    return profile.roles.head_of_paid_service if kind == "head_officer" else kind


@implements(R.ENQUIRY_MEMBER_RESPONSE_TO_OFFICERS)
def councillor_reply_clock(profile: Profile) -> bool:
    """Whether an officer's question to a councillor runs on a reply clock: only where the protocol puts a reply
    duty on councillors (002 3.5, 004 4.8), never for 000, 001 or 003."""
    return profile.adopts(R.ENQUIRY_MEMBER_RESPONSE_TO_OFFICERS)


@implements(
    R.ACCESS_REQUESTS_PRIVATE_TO_REQUESTER,
    silent="baseline",
    baseline="one councillor's requests are not disclosed to another (the product's data-protection baseline)",
)
def councillor_figures_visible(*, viewer_is_officer: bool, viewer_is_personnel_body: bool) -> bool:
    """Per-councillor enquiry figures are for officers and the personnel body; councillors see totals only
    (002 4.2: officers "must not disclose any requests ... from one councillor to another")."""
    return viewer_is_officer or viewer_is_personnel_body


@implements(R.ENQUIRY_NEW_WORK_OUTSIDE_WORKPLAN)
def outside_workplan(headings: frozenset[str], heading: str) -> bool:
    """Whether work under ``heading`` falls outside an officer's agreed workplan (002 3.4, 5.4(iii)).

    An officer with no workplan recorded has nothing to compare with, so nothing is outside it.
    """
    return bool(headings) and heading.strip().casefold() not in {h.strip().casefold() for h in headings}
