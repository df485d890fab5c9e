"""Pure complaint rules: which kinds of complaint a person may raise, who receives each one first, the formal
route, whether an informal step comes first, and who must never handle it. No database, no clock.

The council's profile decides (``complaints.routes``: complainant x subject -> first recipient -> formal route);
the rules below only say how to read it. Recipient and route names are the profile's own vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements, register
from councildesk.councils.profiles.schema import ComplaintRoute, Profile

# Kinds of complaint.
CONCERN = "concern"  # a councillor's concern about an officer's conduct, behaviour or performance, or the reverse
GRIEVANCE = "grievance"  # an employee's complaint about their employment or a broken-down working relationship
CODE_OF_CONDUCT = "code_of_conduct"  # a formal written allegation that a councillor breached the Code of Conduct
POLITICAL_NEUTRALITY = "political_neutrality"  # 003 7.11
CONFIDENTIALITY_BREACH = "confidentiality_breach"  # 003 7.9
WHISTLEBLOWING = "whistleblowing"  # 002 5.6; always open

KIND_LABELS = {
    CONCERN: "A concern about someone's conduct, behaviour or performance",
    GRIEVANCE: "A grievance about my employment or working relationship",
    CODE_OF_CONDUCT: "A formal written allegation that a councillor breached the Code of Conduct",
    POLITICAL_NEUTRALITY: "A concern about an officer's political neutrality",
    CONFIDENTIALITY_BREACH: "An actual or alleged breach of confidence",
    WHISTLEBLOWING: "A concern under the Whistleblowing Policy",
}

# Parties, in the profile's words.
COUNCILLOR = "councillor"
OFFICER = "officer"
CLERK = "clerk"  # the head officer, whatever the council calls the post

# Formal routes that are procedures rather than a person: who hears them.
PERSONNEL_ROUTES = frozenset({"grievance_procedure", "disciplinary_procedure"})
STAGE_INFORMAL = "informal"
STAGE_FORMAL = "formal"
STAGE_CLOSED = "closed"

# When the usual recipient is the subject or conflicted, the complaint moves down this list (NOTES part B §4 item 6).
FALLBACK = ("personnel_committee", "chair", "vice_chair", "monitoring_officer")


@dataclass(frozen=True)
class Triage:
    kind: str
    first_recipient: str  # a Recipient kind (profile vocabulary), or "head_officer"
    formal_route: str
    informal_first: bool
    rule_ids: tuple[str, ...]
    clause: str | None = None
    note: str = ""


def party_of(kinds: frozenset[str] | set[str], head_officer_kind: str) -> str | None:
    """How the profile's routes name this person: the head officer is "clerk", other employees "officer"."""
    if head_officer_kind in kinds:
        return CLERK
    if kinds & {"officer", "head_of_service", "cmt_member", "chief_executive", "clerk", "monitoring_officer"}:
        return OFFICER
    if kinds & {"councillor", "chair", "vice_chair", "mayor", "co_opted_member"}:
        return COUNCILLOR
    return None


def kinds_available(profile: Profile, complainant: str | None) -> list[str]:
    """The kinds of complaint this person may raise here. Whistleblowing and Code of Conduct allegations are always
    open (the law, not the protocol, opens them); the rest follow the council's own text."""
    if complainant is None:
        return []
    out = [CONCERN]
    if complainant in (OFFICER, CLERK):
        out.append(GRIEVANCE)
    out.append(CODE_OF_CONDUCT)
    if complainant == COUNCILLOR and profile.adopts(R.COMPLAINTS_POLITICAL_NEUTRALITY_CONCERN_TO_TOWN_CLERK):
        out.append(POLITICAL_NEUTRALITY)
    if profile.adopts(R.COMPLAINTS_CONFIDENTIALITY_BREACH_INVESTIGATION):
        out.append(CONFIDENTIALITY_BREACH)
    out.append(WHISTLEBLOWING)
    return out


def subject_party_allowed(kind: str, complainant: str, subject: str | None) -> str | None:
    """A problem with the subject for this kind of complaint, or None."""
    if kind == CODE_OF_CONDUCT and subject != COUNCILLOR:
        return "A Code of Conduct allegation must name the councillor it is about."
    if kind == POLITICAL_NEUTRALITY and subject not in (OFFICER, CLERK):
        return "Name the officer whose political neutrality concerns you."
    if kind == CONCERN and subject is None:
        return "Name the person the concern is about."
    if kind == CONCERN and complainant == COUNCILLOR and subject == COUNCILLOR:
        return (
            "A concern about another councillor's conduct is a Code of Conduct matter: choose the Code of Conduct "
            "allegation instead."
        )
    if kind == CONCERN and complainant in (OFFICER, CLERK) and subject in (OFFICER, CLERK):
        return "A concern about a colleague goes through your line manager or the grievance procedure."
    return None


def route_for(profile: Profile, complainant: str, subject: str) -> ComplaintRoute | None:
    """The profile's route for complainant x subject; the head officer falls back to "officer" on either side."""
    routes: dict[tuple[str, str], ComplaintRoute] = {(r.complainant, r.subject): r for r in profile.complaints.routes}
    for c in dict.fromkeys([complainant, OFFICER if complainant == CLERK else complainant]):
        for s in dict.fromkeys([subject, OFFICER if subject == CLERK else subject]):
            if (c, s) in routes:
                return routes[(c, s)]
    return None


register(
    R.COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_STAFF_FIRST_CONTACT,
    R.COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_CLERK,
    R.COMPLAINTS_OFFICER_CONCERN_ABOUT_COUNCILLOR_ROUTE,
    R.COMPLAINTS_EMPLOYEE_GRIEVANCE_ROUTE,
    R.COMPLAINTS_POLITICAL_NEUTRALITY_CONCERN_TO_TOWN_CLERK,
    R.COMPLAINTS_CONFIDENTIALITY_BREACH_INVESTIGATION,
    where="councildesk.complaints.rules.triage",
)


@implements(
    R.COMPLAINTS_CODE_OF_CONDUCT_TO_MONITORING_OFFICER,
    silent="baseline",
    baseline="under the Localism Act 2011 a Code of Conduct allegation is for the principal council's Monitoring "
    "Officer",
)
def _code_of_conduct(profile: Profile) -> Triage:
    return Triage(
        CODE_OF_CONDUCT,
        "monitoring_officer",
        "code_of_conduct_complaint",
        informal_first=False,  # a formal written allegation is never held back by an informal step
        rule_ids=(
            R.COMPLAINTS_CODE_OF_CONDUCT_TO_MONITORING_OFFICER,
            R.COMPLAINTS_INFORMAL_ATTEMPT_BEFORE_CODE_ALLEGATION,
        ),
        clause=profile.clause(R.COMPLAINTS_CODE_OF_CONDUCT_TO_MONITORING_OFFICER),
        note=f"Referred to the {profile.principal_council.monitoring_officer_title} of "
        f"{profile.principal_council.name} in the first instance.",
    )


@implements(
    R.COMPLAINTS_WHISTLEBLOWING_ROUTE_PRESERVED,
    silent="baseline",
    baseline="the Public Interest Disclosure Act 1998 protects a worker's disclosure whatever a protocol says",
)
def _whistleblowing(profile: Profile) -> Triage:
    return Triage(
        WHISTLEBLOWING,
        "monitoring_officer",
        "whistleblowing_policy",
        informal_first=False,
        rule_ids=(R.COMPLAINTS_WHISTLEBLOWING_ROUTE_PRESERVED,),
        clause=profile.clause(R.COMPLAINTS_WHISTLEBLOWING_ROUTE_PRESERVED),
        note="Raised under the council's Whistleblowing Policy; no informal step holds it back.",
    )


def triage(profile: Profile, kind: str, complainant: str, subject: str | None) -> Triage:
    """Who receives this complaint first, the formal route, and whether an informal step comes first."""
    if kind == CODE_OF_CONDUCT:
        return _code_of_conduct(profile)
    if kind == WHISTLEBLOWING:
        return _whistleblowing(profile)
    if kind == POLITICAL_NEUTRALITY:
        rule = R.COMPLAINTS_POLITICAL_NEUTRALITY_CONCERN_TO_TOWN_CLERK
        return Triage(kind, "head_officer", "head_officer", False, (rule,), profile.clause(rule))
    if kind == CONFIDENTIALITY_BREACH:
        rule = R.COMPLAINTS_CONFIDENTIALITY_BREACH_INVESTIGATION
        return Triage(
            kind, "head_officer", "head_officer", False, (rule,), profile.clause(rule), "The head officer investigates."
        )
    informal = profile.adopts(R.COMPLAINTS_INFORMAL_RESOLUTION_FIRST)
    rule_ids: list[str] = [R.COMPLAINTS_INFORMAL_RESOLUTION_FIRST]
    if complainant == COUNCILLOR:
        rule_ids.append(
            R.COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_CLERK
            if subject == CLERK
            else R.COMPLAINTS_COUNCILLOR_CONCERN_ABOUT_STAFF_FIRST_CONTACT
        )
    else:
        rule_ids.append(R.COMPLAINTS_OFFICER_CONCERN_ABOUT_COUNCILLOR_ROUTE)
        if kind == GRIEVANCE:
            rule_ids.append(R.COMPLAINTS_EMPLOYEE_GRIEVANCE_ROUTE)
    route = route_for(profile, complainant, subject or COUNCILLOR)
    if kind == GRIEVANCE and (route is None or route.formal_route != "grievance_procedure"):
        grievance = next((r for r in profile.complaints.routes if r.formal_route == "grievance_procedure"), None)
        route = grievance or route
    if route is None:
        # The protocol names no route: the head officer receives it; a conflict moves it (services).
        return Triage(kind, "head_officer", "complaints_procedure", False, tuple(rule_ids))
    rule_ids += _formal_rules(route.formal_route)
    return Triage(
        kind, route.first_recipient, route.formal_route, informal, tuple(rule_ids), route.clause, route.note or ""
    )


# A personnel matter is heard under the council's written grievance or disciplinary procedure, and the complaint
# cites it (000 Procedure for Officer/Clerks ¶1, ¶2; 001 7.1-7.3; 003 9.1). The profile has no field for the
# procedure documents themselves yet, so nothing checks that they are linked.
register(R.COMPLAINTS_GRIEVANCE_AND_DISCIPLINARY_PROCEDURES_ADOPTED, where="councildesk.complaints.rules._formal_rules")


def _formal_rules(formal_route: str) -> list[str]:
    if formal_route == "chief_executive":
        return [R.COMPLAINTS_FORMAL_COMPLAINT_FORM_TO_CHIEF_EXECUTIVE, R.COMPLAINTS_CONFIDENTIAL_HANDLING]
    if formal_route in PERSONNEL_ROUTES:
        return [
            R.COMPLAINTS_DISCIPLINARY_ESCALATION,
            R.COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED,
            R.COMPLAINTS_GRIEVANCE_AND_DISCIPLINARY_PROCEDURES_ADOPTED,
        ]
    if formal_route == "clerk":
        return [R.COMPLAINTS_COUNCILLOR_ESCALATION_TO_TOWN_CLERK]
    return []


def is_personnel_matter(kind: str, formal_route: str) -> bool:
    """Grievances and concerns about staff that go to a procedure: a panel of members decides them, never one."""
    return kind == GRIEVANCE or formal_route in PERSONNEL_ROUTES


@implements(
    R.COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED,
    silent="baseline",
    baseline="the council's profile fixes the size of its personnel body",
)
def panel_size_problem(profile: Profile, size: int) -> str | None:
    """Why a panel of ``size`` members cannot hear a personnel matter here, or None. Where the profile fixes the
    size (001 7.2: "no less than, and no more than, three") it must be exactly that; elsewhere at least two, so
    that no member hears it alone."""
    fixed = profile.complaints.personnel_panel_size
    if fixed is not None and size != fixed:
        return f"A panel here has exactly {fixed} members; you chose {size}."
    if fixed is None and size < 2:
        return "A panel needs at least two members: no member hears a personnel matter alone."
    return None


@implements(
    R.COMPLAINTS_CONFIDENTIAL_HANDLING,
    silent="baseline",
    baseline="complaints are the most sensitive records the product holds: only their handlers and the person who "
    "raised them see them",
)
def excluded_kinds(profile: Profile, stage: str) -> frozenset[str]:
    """Role kinds that never handle a formal complaint here (002 6.1: not the Group Chair or Leader)."""
    if stage == STAGE_FORMAL and profile.adopts(R.COMPLAINTS_CONFIDENTIAL_HANDLING):
        return frozenset({"group_leader"})
    return frozenset()


# Words about conduct or capability that, next to an officer's name or title, make a sentence a criticism.
_CRITICISM = re.compile(
    r"\b(incompeten\w*|lazy|useless|negligen\w*|rude|unprofessional|hopeless|inept|dishonest|liar|lied|"
    r"bully\w*|sack\w*|fire[ds]?|disciplin\w*|capabilit\w*|performance|failed|failing|failure|not fit|unfit|"
    r"misconduct|conduct|behaviou?r|attitude|mistakes?|blunder\w*|shambles)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@implements(R.COMPLAINTS_NO_PUBLIC_CRITICISM_OF_OFFICERS)
def public_criticism(text: str, officers: list[str]) -> list[str]:
    """The sentences of ``text`` that criticise an officer's conduct or capability: a sentence naming an officer
    (by name or by title, e.g. "the Clerk") that also uses a conduct or capability word. Drafts meant for the
    public, the press or a third party are checked with this, and the private complaint route is offered."""
    names = [n.strip() for n in officers if n and n.strip()]
    if not names:
        return []
    who = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b", re.I)
    return [s.strip() for s in _SENTENCE.findall(text) if who.search(s) and _CRITICISM.search(s)]
