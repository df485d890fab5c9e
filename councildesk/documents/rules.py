"""Who may open which document, what a need can unlock, and who may see a request. Pure: facts in, answer out.

No Django, no database, no clock. ``selectors.py`` turns the same policy into SQL; the tests check that both
agree on every combination of classification, flag, committee seat and grant.

The policy comes from the council's profile: its deciders, and which ``ACCESS_*`` rules it adopted. A rule that
is adopted switches a behaviour on; nothing here looks at a council's slug.
"""

from __future__ import annotations

from dataclasses import dataclass

PUBLIC = "public"
COMMITTEE = "committee"
CONFIDENTIAL = "confidential"
EXEMPT = "exempt"
CLASSIFICATIONS = (PUBLIC, COMMITTEE, CONFIDENTIAL, EXEMPT)
SENSITIVE = frozenset({CONFIDENTIAL, EXEMPT})

# The bases a person may open a document on (the disclosure log records which one applied).
BASIS_PUBLIC = "public"
BASIS_COMMITTEE_MEMBER = "committee_member"
BASIS_OFFICER = "officer"
BASIS_NEED_TO_KNOW = "need_to_know"
BASIS_ONWARD = "onward"

COMMITTEE_WORK = "committee_work"
WARD_CASEWORK = "ward_casework"
CONSTITUENT = "constituent"
NEEDS = (COMMITTEE_WORK, WARD_CASEWORK, CONSTITUENT)

MEMBER_KINDS = frozenset({"councillor", "chair", "vice_chair", "mayor"})
MONITORING_OFFICER = "monitoring_officer"

# The rule ids this module cites.
PRESUMED = "ACCESS_COMMITTEE_MEMBER_PRESUMED"
JUSTIFICATION = "ACCESS_NEED_TO_KNOW_JUSTIFICATION"
DECIDER = "ACCESS_NEED_TO_KNOW_DECIDER"
NON_MEMBERS = "ACCESS_NON_MEMBER_CONDITIONS"
WARD_CASEWORK_RULE = "ACCESS_WARD_CASEWORK_NEED"
PERSONAL_DATA = "ACCESS_THIRD_PARTY_PERSONAL_DATA"
PURPOSE = "ACCESS_PURPOSE_LIMITATION"
ONWARD = "ACCESS_ONWARD_DISCLOSURE_TO_COUNCILLORS"
PRIVATE_REQUESTS = "ACCESS_REQUESTS_PRIVATE_TO_REQUESTER"
CONFIDENTIAL_ADVICE = "ACCESS_CONFIDENTIAL_ADVICE_ON_REQUEST"
THIRD_PARTY = "ACCESS_THIRD_PARTY_REQUEST_CONDITIONS"
STATUTORY = "ACCESS_STATUTORY_RIGHTS_PRESERVED"
EQUAL_TREATMENT = "ACCESS_EQUAL_NEED_EQUAL_TREATMENT"

# Refusal grounds a decider can record, each with the rule it rests on.
CURIOSITY = "curiosity"
REFUSAL_GROUNDS: dict[str, tuple[str, str]] = {
    CURIOSITY: ("Mere curiosity or a general trawl (a 'roving commission') is not a need to know.", JUSTIFICATION),
    "no_need_shown": (
        "The request does not show why access is reasonably necessary for the member's duties.",
        JUSTIFICATION,
    ),
    "personal_data": ("Releasing the third parties' personal data is not justified in specific terms.", PERSONAL_DATA),
    "other": ("Other reasons, given in full below.", DECIDER),
}


@dataclass(frozen=True)
class Policy:
    """What the council's profile says about document access."""

    head_officer_kind: str
    decider_kind: str
    consult_kinds: tuple[str, ...]
    disputes_kind: str
    adopted: frozenset[str]  # the ACCESS_* rule ids the council maps to a clause
    political_groups: bool
    disclose_requests_across_groups: bool

    @property
    def handler_kinds(self) -> frozenset[str]:
        """Roles that handle the council's documents and requests: they hold every paper, as officers."""
        return frozenset({self.head_officer_kind, self.decider_kind, self.disputes_kind, MONITORING_OFFICER}) | set(
            self.consult_kinds
        )

    @property
    def non_members_barred(self) -> bool:
        """004 10.3(b): confidential and exempt papers stay closed to non-members whatever their need."""
        return NON_MEMBERS in self.adopted

    @property
    def requests_private(self) -> bool:
        """002 4.2: a request is seen only by the requester and the officers handling it."""
        return PRIVATE_REQUESTS in self.adopted

    @property
    def personal_data_needs_head_officer_advice(self) -> bool:
        return PERSONAL_DATA in self.adopted


@dataclass(frozen=True)
class Viewer:
    person_id: int
    kinds: frozenset[str]
    committee_ids: frozenset[int]  # committees where the person holds a current seat
    group_ids: frozenset[int] = frozenset()

    @property
    def is_member(self) -> bool:
        return bool(self.kinds & MEMBER_KINDS)


@dataclass(frozen=True)
class DocFacts:
    classification: str
    committee_id: int | None
    personal_data: bool


def is_handler(policy: Policy, viewer: Viewer) -> bool:
    return bool(viewer.kinds & policy.handler_kinds)


def open_basis(policy: Policy, viewer: Viewer, doc: DocFacts, *, grant_basis: str | None = None) -> str | None:
    """The basis on which ``viewer`` may open ``doc``, or None. ``grant_basis`` is their live grant's, if any.

    - Officers who handle documents (head officer, deciders, consultees, Monitoring Officer) open everything.
    - Anyone with a current role opens a public paper without third parties' personal data.
    - A committee seat-holder opens their committee's papers without asking (presumed need), unless the paper
      holds third parties' personal data, which always needs a specific justification (000 ACCESS ¶5).
    - Anyone else needs a live grant: a need-to-know decision or an onward disclosure, and where the council bars
      non-members from confidential and exempt information (004 10.3(b)) not even a grant opens those.
    """
    if is_handler(policy, viewer):
        return BASIS_OFFICER
    if doc.classification == PUBLIC and not doc.personal_data:
        return BASIS_PUBLIC
    on_committee = doc.committee_id is not None and doc.committee_id in viewer.committee_ids
    if not doc.personal_data and on_committee:
        return BASIS_COMMITTEE_MEMBER
    if grant_basis is not None and policy.non_members_barred and doc.classification in SENSITIVE and not on_committee:
        return None  # defence in depth: no grant, however it came about, opens what 004 10.3(b) bars
    return grant_basis


@dataclass(frozen=True)
class Barrier:
    rule_id: str
    reason: str


def grant_barriers(
    policy: Policy, requester: Viewer, doc: DocFacts, need: str, *, personal_data_justified: bool
) -> list[Barrier]:
    """What holds this paper back from this request whatever the decider thinks. Empty: the decider may grant."""
    barriers: list[Barrier] = []
    if doc.personal_data and not personal_data_justified:
        barriers.append(
            Barrier(
                PERSONAL_DATA,
                "A paper for this item holds personal data about third parties, and the request gives no specific "
                "justification for seeing it. Make a new request that explains in specific terms why you need it.",
            )
        )
    on_committee = doc.committee_id is not None and doc.committee_id in requester.committee_ids
    if policy.non_members_barred and doc.classification in SENSITIVE and not on_committee:
        barriers.append(
            Barrier(
                NON_MEMBERS,
                "A paper for this item holds information classified as confidential or exempt, and the protocol lets "
                "only the committee's own members see such information: a need to know cannot unlock it for anyone "
                "else.",
            )
        )
    if need == CONSTITUENT and (doc.classification != PUBLIC or doc.personal_data):
        barriers.append(
            Barrier(
                THIRD_PARTY,
                "Information requested for a third party is released only when it is already in the public domain "
                "and data protection law does not bar it; a paper for this item is not public"
                + (" and holds third parties' personal data." if doc.personal_data else "."),
            )
        )
    return barriers


def required_consultations(policy: Policy, doc: DocFacts) -> tuple[str, ...]:
    """The roles whose advice must be recorded before a grant: the profile's consultees, and the head officer's
    advice on third parties' personal data where the council adopted that rule (004 10.5(a))."""
    kinds = list(policy.consult_kinds)
    if (
        doc.personal_data
        and policy.personal_data_needs_head_officer_advice
        and policy.decider_kind != policy.head_officer_kind
        and policy.head_officer_kind not in kinds
    ):
        kinds.append(policy.head_officer_kind)
    return tuple(kinds)


def may_decide(policy: Policy, viewer: Viewer, *, review: bool, requester_id: int) -> bool:
    """The profile's decider decides a request; its disputes role reviews a challenged decision. Never one's own."""
    if viewer.person_id == requester_id:
        return False
    return (policy.disputes_kind if review else policy.decider_kind) in viewer.kinds


def may_record_consultation(policy: Policy, viewer: Viewer, *, requester_id: int) -> bool:
    """The decider records the consultation, and a consultee may record their own advice."""
    if viewer.person_id == requester_id:
        return False
    return policy.decider_kind in viewer.kinds or bool(viewer.kinds & set(policy.consult_kinds))


def may_view_log(policy: Policy, viewer: Viewer) -> bool:
    """The head officer and the Monitoring Officer see and export the disclosure log."""
    return bool(viewer.kinds & {policy.head_officer_kind, MONITORING_OFFICER})


def may_manage_documents(policy: Policy, viewer: Viewer) -> bool:
    """Uploading and reclassifying: the head officer and the need-to-know decider."""
    return bool(viewer.kinds & {policy.head_officer_kind, policy.decider_kind})


@dataclass(frozen=True)
class RequestFacts:
    requester_id: int
    confidential: bool
    requester_group_id: int | None


def request_visible(policy: Policy, viewer: Viewer, req: RequestFacts) -> bool:
    """The requester and the handling officers always see a request. Another member sees it only when the
    council does not keep requests private (002 4.2), it is not confidential (004 10.8), and, where groups must
    not learn of each other's requests, the two are in the same group."""
    if viewer.person_id == req.requester_id or is_handler(policy, viewer):
        return True
    if policy.requests_private or req.confidential or not viewer.is_member:
        return False
    if policy.political_groups and not policy.disclose_requests_across_groups:
        if req.requester_group_id is None:
            return not viewer.group_ids
        return req.requester_group_id in viewer.group_ids
    return True
