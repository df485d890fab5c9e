"""What each role's home page offers: the pages it can use and the protocol rules that shape the role."""

from __future__ import annotations

from dataclasses import dataclass

from councildesk.catalogue.ids import R

from .access import GROUP_LEADER, HOST_ADMIN, PERSONNEL_COMMITTEE, Membership
from .models import RoleKind
from .permissions import can_view_audit_status


@dataclass(frozen=True)
class Action:
    label: str
    url_name: str
    description: str


# The rules that most shape each role, shown with this council's clause on the role's home page.
ROLE_RULES: dict[str, tuple[R, ...]] = {
    RoleKind.COUNCILLOR: (
        R.ROLES_NO_INSTRUCTION_OUTSIDE_FORMAL_DECISION,
        R.ENQUIRY_DEFAULT_ROUTE_TO_CLERK,
        R.ROLES_COUNCILLOR_TERM_BOUNDED,
    ),
    RoleKind.CO_OPTED_MEMBER: (R.PROTOCOL_APPLIES_TO_COOPTED_MEMBERS, R.ROLES_NO_INSTRUCTION_OUTSIDE_FORMAL_DECISION),
    RoleKind.CHAIR: (R.ROLES_CHAIR_EXTRA_DUTIES_SAME_LIMITS, R.COMPLAINTS_CHAIR_NOT_SOLE_HANDLER),
    RoleKind.VICE_CHAIR: (R.ROLES_CHAIR_EXTRA_DUTIES_SAME_LIMITS,),
    RoleKind.MAYOR: (R.ROLES_MAYOR_OFFICE_SUPPORTED,),
    RoleKind.CLERK: (R.ROLES_HEAD_OF_PAID_SERVICE, R.ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF),
    RoleKind.CHIEF_EXECUTIVE: (R.ROLES_HEAD_OF_PAID_SERVICE, R.ENQUIRY_NO_DIRECT_INSTRUCTIONS_TO_STAFF),
    RoleKind.OFFICER: (R.ENQUIRY_OFFICER_MAY_DECLINE, R.ROLES_LINE_MANAGEMENT_PREVAILS),
    RoleKind.HEAD_OF_SERVICE: (R.ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE,),
    RoleKind.CMT_MEMBER: (R.ENQUIRY_STRATEGIC_OR_POLICY_TO_CMT,),
    RoleKind.MONITORING_OFFICER: (R.COMPLAINTS_CODE_OF_CONDUCT_TO_MONITORING_OFFICER,),
    GROUP_LEADER: (R.GROUPS_REGISTER_OF_POLITICAL_GROUPS,),
    PERSONNEL_COMMITTEE: (R.COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED,),
    HOST_ADMIN: (),
}

_COMMON = [
    Action("People and roles", "people", "Who holds which role in this council today."),
    Action("Structure", "structure", "Committees, wards and political groups, with their members."),
    Action("The protocol", "protocol", "The adopted protocol, clause by clause, with the rules that apply it."),
    Action(
        "The protocol in practice",
        "protocol_coverage",
        "Which of the protocol's rules councildesk carries out, and the tests that prove each one.",
    ),
    Action("Enquiries", "enquiry_list", "Requests between councillors and officers, with their targets."),
    Action("Documents", "documents", "Council papers you may open, and need-to-know requests."),
    Action("Deadline calculator", "deadline_calculator", "When a request or enquiry is due, and the days skipped."),
    Action("Political groups", "groups", "The groups, advice given to them, and officers at their meetings."),
    Action("Complaints", "complaints", "Raise a concern in confidence, or handle one passed to you."),
    Action("Declared connections", "declarations", "Declare a connection between an officer and a councillor."),
    Action("Press and media", "media", "Press releases for approval, members' media contact and media enquiries."),
    Action("Pre-election periods", "elections", "When publicity is restricted before an election, and why."),
    Action("Delegated decisions", "delegation", "Decisions officers take under the scheme of delegation."),
    Action("Payments and contracts", "finance", "Payments and contracts, and the council's authorised signatories."),
]


def actions_for(m: Membership) -> list[Action]:
    actions = list(_COMMON)
    if can_view_audit_status(m):
        actions.append(Action("Audit trail", "audit_status", "Check that the council's tamper-evident log is intact."))
    if RoleKind.MONITORING_OFFICER in m.kinds:
        actions.append(
            Action(
                "Councils you serve",
                "monitoring_overview",
                "Each council's audit trail, disputed need-to-know decisions, declarations and complaints.",
            )
        )
    return actions


def rules_for_role(m: Membership) -> list[str]:
    seen: list[str] = []
    for kind in sorted(m.kinds):
        kind_rules = ROLE_RULES.get(kind, ())
        if kind == m.head_officer_kind:
            kind_rules = ROLE_RULES[RoleKind.CLERK]
        for rule_id in kind_rules:
            if rule_id not in seen:
                seen.append(rule_id)
    return seen
