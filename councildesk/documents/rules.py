"""Who may open which document, what a need can unlock, who may see a request, and how a request moves between
states. Pure: facts in, answer out.

No Django, no database, no clock. ``selectors.py`` turns the same policy into SQL; the tests check that both
agree on every combination of classification, flag, committee seat and grant.

The policy comes from the council's profile: its deciders, and which ``ACCESS_*`` rules it adopted. A rule that
is adopted switches a behaviour on; nothing here looks at a council's slug. Each rule is registered where it is
acted on, with what happens where a council's protocol is silent on it (``silent="skip"`` or ``"baseline"``).
"""

from __future__ import annotations

from dataclasses import dataclass

from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements, register
from councildesk.core.errors import Conflict
from councildesk.people.kinds import MEMBER_KINDS

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

# Why the product acts where a council's protocol is silent on a rule (the citation says the protocol is silent).
COMMON_LAW = "the common-law need-to-know test applies to every council (R v Birmingham City Council, ex p O [1983])"
BASELINES = {
    R.ACCESS_COMMITTEE_MEMBER_PRESUMED: "the common law presumes a committee member's need to know its own papers "
    "(R v Birmingham City Council, ex p O [1983])",
    R.ACCESS_NEED_TO_KNOW_JUSTIFICATION: COMMON_LAW,
    R.ACCESS_NEED_TO_KNOW_DECIDER: "someone must decide a need to know; the product asks the decider the council's "
    "profile names (the Clerk where the protocol names nobody)",
    R.ACCESS_THIRD_PARTY_PERSONAL_DATA: "the product's data-protection baseline (UK GDPR): a paper holding third "
    "parties' personal data opens only on a decided request, never on a committee seat alone",
    R.ACCESS_PURPOSE_LIMITATION: "data-protection law limits use to the purpose information was given for "
    "(UK GDPR Article 5(1)(b)), so every release records its purpose",
    R.ACCESS_REQUESTS_PRIVATE_TO_REQUESTER: "the product's data-protection baseline: a request's justification "
    "often describes a constituent's circumstances, so only the requester and the officers deciding it see it",
    R.ACCESS_STATUTORY_RIGHTS_PRESERVED: "the Freedom of Information Act 2000 (FOISA in Scotland) and the "
    "Environmental Information Regulations apply to every council by law",
}


# Refusal grounds a decider can record, each with the rule it rests on.
CURIOSITY = "curiosity"
REFUSAL_GROUNDS: dict[str, tuple[str, R]] = {
    CURIOSITY: (
        "Mere curiosity or a general trawl (a 'roving commission') is not a need to know.",
        R.ACCESS_NEED_TO_KNOW_JUSTIFICATION,
    ),
    "no_need_shown": (
        "The request does not show why access is reasonably necessary for the member's duties.",
        R.ACCESS_NEED_TO_KNOW_JUSTIFICATION,
    ),
    "personal_data": (
        "Releasing the third parties' personal data is not justified in specific terms.",
        R.ACCESS_THIRD_PARTY_PERSONAL_DATA,
    ),
    "other": ("Other reasons, given in full below.", R.ACCESS_NEED_TO_KNOW_DECIDER),
}
register(
    R.ACCESS_NEED_TO_KNOW_JUSTIFICATION,
    where="councildesk.documents.rules.REFUSAL_GROUNDS",
    silent="baseline",
    baseline=BASELINES[R.ACCESS_NEED_TO_KNOW_JUSTIFICATION],
)


@dataclass(frozen=True)
class Policy:
    """What the council's profile says about document access."""

    head_officer_kind: str
    decider_kind: str
    consult_kinds: tuple[str, ...]
    disputes_kind: str
    adopted: frozenset[str]  # the ACCESS_* rule ids the council maps to a clause

    @property
    def handler_kinds(self) -> frozenset[str]:
        """Roles that handle the council's documents and requests: they hold every paper, as officers. The
        Monitoring Officer is one only where the profile names them (002 4.3: consulted), never by title alone."""
        return frozenset({self.head_officer_kind, self.decider_kind, self.disputes_kind, *self.consult_kinds})

    def adopts(self, rule_id: str) -> bool:
        return rule_id in self.adopted

    @property
    def non_members_barred(self) -> bool:
        """004 10.3(b): confidential and exempt papers stay closed to non-members whatever their need."""
        return self.adopts(R.ACCESS_NON_MEMBER_CONDITIONS)

    @property
    def personal_data_advice(self) -> bool:
        """004 10.5(a): where officers decide need to know, the head officer's advice on third parties' personal
        data is recorded before release, and a committee's own member then opens its papers (10.2)."""
        return self.adopts(R.ACCESS_THIRD_PARTY_PERSONAL_DATA) and self.decider_kind != self.head_officer_kind

    @property
    def personal_data_justification(self) -> bool:
        """000 ¶5: where the head officer decides, a request for third parties' personal data must justify it in
        specific terms, or it is refused."""
        return self.adopts(R.ACCESS_THIRD_PARTY_PERSONAL_DATA) and not self.personal_data_advice

    @property
    def onward_disclosure(self) -> bool:
        return self.adopts(R.ACCESS_ONWARD_DISCLOSURE_TO_COUNCILLORS)


@dataclass(frozen=True)
class Viewer:
    person_id: int
    kinds: frozenset[str]
    committee_ids: frozenset[int]  # committees where the person holds a current seat
    group_ids: frozenset[int] = frozenset()

    @property
    def is_member(self) -> bool:
        return bool(self.kinds & MEMBER_KINDS)  # the one role vocabulary (people/kinds.py)


@dataclass(frozen=True)
class DocFacts:
    classification: str
    committee_id: int | None
    personal_data: bool


def is_handler(policy: Policy, viewer: Viewer) -> bool:
    return bool(viewer.kinds & policy.handler_kinds)


def on_committee(viewer: Viewer, doc: DocFacts) -> bool:
    return doc.committee_id is not None and doc.committee_id in viewer.committee_ids


@implements(
    R.ACCESS_COMMITTEE_MEMBER_PRESUMED, silent="baseline", baseline=BASELINES[R.ACCESS_COMMITTEE_MEMBER_PRESUMED]
)
def open_basis(policy: Policy, viewer: Viewer, doc: DocFacts, *, grant_basis: str | None = None) -> str | None:
    """The basis on which ``viewer`` may open ``doc``, or None. ``grant_basis`` is their live grant's, if any.

    - Officers who handle documents (head officer, deciders, consultees) open everything.
    - Anyone with a current role opens a public paper without third parties' personal data.
    - A committee seat-holder opens their committee's papers without asking (presumed need), unless the paper
      holds third parties' personal data, which opens only on a decided request (000 ¶5 a specific
      justification; 004 10.5(a) the Town Clerk's advice; elsewhere the decider decides).
    - Anyone else needs a live grant: a need-to-know decision or an onward disclosure, and where the council bars
      non-members from confidential and exempt information (004 10.3(b)) not even a grant opens those.
    """
    if is_handler(policy, viewer):
        return BASIS_OFFICER
    if doc.classification == PUBLIC and not doc.personal_data:
        return BASIS_PUBLIC
    seated = on_committee(viewer, doc)
    if not doc.personal_data and seated:
        return BASIS_COMMITTEE_MEMBER
    if grant_basis is not None and policy.non_members_barred and doc.classification in SENSITIVE and not seated:
        return None  # defence in depth: no grant, however it came about, opens what 004 10.3(b) bars
    return grant_basis


@dataclass(frozen=True)
class Barrier:
    rule_id: str
    reason: str


@implements(R.ACCESS_NON_MEMBER_CONDITIONS, R.ACCESS_THIRD_PARTY_REQUEST_CONDITIONS)
def grant_barriers(
    policy: Policy, requester: Viewer, doc: DocFacts, need: str, *, personal_data_justified: bool
) -> list[Barrier]:
    """What holds this paper back from this request whatever the decider thinks. Empty: the decider may grant.

    Each barrier applies only where its rule is adopted; elsewhere the request goes to the decider."""
    barriers: list[Barrier] = []
    if doc.personal_data and policy.personal_data_justification and not personal_data_justified:
        barriers.append(
            Barrier(
                R.ACCESS_THIRD_PARTY_PERSONAL_DATA,
                "A paper for this item holds personal data about third parties, and the request gives no specific "
                "justification for seeing it. Make a new request that explains in specific terms why you need it.",
            )
        )
    if policy.non_members_barred and doc.classification in SENSITIVE and not on_committee(requester, doc):
        barriers.append(
            Barrier(
                R.ACCESS_NON_MEMBER_CONDITIONS,
                "A paper for this item holds information classified as confidential or exempt, and the protocol lets "
                "only the committee's own members see such information: a need to know cannot unlock it for anyone "
                "else.",
            )
        )
    third_party = policy.adopts(R.ACCESS_THIRD_PARTY_REQUEST_CONDITIONS)
    if third_party and need == CONSTITUENT and (doc.classification != PUBLIC or doc.personal_data):
        barriers.append(
            Barrier(
                R.ACCESS_THIRD_PARTY_REQUEST_CONDITIONS,
                "Information requested for a third party is released only when it is already in the public domain "
                "and data protection law does not bar it; a paper for this item is not public"
                + (" and holds third parties' personal data." if doc.personal_data else "."),
            )
        )
    return barriers


@implements(
    R.ACCESS_THIRD_PARTY_PERSONAL_DATA, silent="baseline", baseline=BASELINES[R.ACCESS_THIRD_PARTY_PERSONAL_DATA]
)
@implements(R.ACCESS_INTEREST_ADVICE, R.ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE)
def required_consultations(policy: Policy, doc: DocFacts, *, interest: bool = False) -> tuple[str, ...]:
    """The roles whose advice must be recorded before a grant: the profile's consultees; the head officer's
    advice on third parties' personal data (004 10.5(a)); the head officer's advice where the member has an
    interest in the matter under the code of conduct (004 10.5(b)); and, for a paper given in confidence, the
    consent of the head officer, who is authorised to release it (004 10.7), where someone else decides."""
    kinds = list(policy.consult_kinds)
    head = policy.head_officer_kind
    advice = (
        (doc.personal_data and policy.personal_data_advice)
        or (interest and policy.adopts(R.ACCESS_INTEREST_ADVICE))
        or releases_confidence(policy, doc)
    )
    if advice and policy.decider_kind != head and head not in kinds:
        kinds.append(head)
    return tuple(kinds)


def releases_confidence(policy: Policy, doc: DocFacts) -> bool:
    """A paper classified confidential holds information given in confidence: its release needs the consent of
    someone authorised to give it (004 10.7 and its equivalents in every shipped protocol)."""
    return doc.classification == CONFIDENTIAL and policy.adopts(R.ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE)


def opens_after_advice(policy: Policy, requester: Viewer, doc: DocFacts) -> bool:
    """004 10.2 with 10.5(a): a committee's own member has a right to its papers; where one holds third parties'
    personal data, the head officer's advice is recorded and the paper then opens, with no decision to make."""
    return (
        doc.personal_data
        and policy.personal_data_advice
        and policy.adopts(R.ACCESS_COMMITTEE_MEMBER_PRESUMED)
        and on_committee(requester, doc)
    )


@implements(R.ACCESS_NEED_TO_KNOW_DECIDER, silent="baseline", baseline=BASELINES[R.ACCESS_NEED_TO_KNOW_DECIDER])
def may_decide(policy: Policy, viewer: Viewer, *, review: bool, requester_id: int) -> bool:
    """The profile's decider decides a request; its disputes role reviews a challenged decision. Never one's own."""
    if viewer.person_id == requester_id:
        return False
    return (policy.disputes_kind if review else policy.decider_kind) in viewer.kinds


def may_record_consultation(policy: Policy, viewer: Viewer, *, requester_id: int) -> bool:
    """The decider records the consultation, and a consultee (or the head officer, who advises) their own."""
    if viewer.person_id == requester_id:
        return False
    return bool(viewer.kinds & {policy.decider_kind, policy.head_officer_kind, *policy.consult_kinds})


def may_view_log(policy: Policy, viewer: Viewer) -> bool:
    """The head officer sees and exports the disclosure log, and the Monitoring Officer where the profile gives
    them a part in document access (002 4.3)."""
    readers = {policy.head_officer_kind}
    if "monitoring_officer" in policy.handler_kinds:
        readers.add("monitoring_officer")
    return bool(viewer.kinds & readers)


def may_manage_documents(policy: Policy, viewer: Viewer) -> bool:
    """Uploading and reclassifying: the head officer and the need-to-know decider."""
    return bool(viewer.kinds & {policy.head_officer_kind, policy.decider_kind})


@implements(R.ACCESS_ONWARD_DISCLOSURE_TO_COUNCILLORS)
def may_disclose_onward(policy: Policy, viewer: Viewer) -> bool:
    """002 4.5: the decider may pass need-to-know papers to a second councillor; where the protocol does not
    provide for it, the second councillor makes their own request."""
    return policy.onward_disclosure and policy.decider_kind in viewer.kinds


@dataclass(frozen=True)
class RequestFacts:
    requester_id: int


@implements(
    R.ACCESS_REQUESTS_PRIVATE_TO_REQUESTER,
    silent="baseline",
    baseline=BASELINES[R.ACCESS_REQUESTS_PRIVATE_TO_REQUESTER],
)
def request_visible(policy: Policy, viewer: Viewer, req: RequestFacts) -> bool:
    """Only the requester and the officers handling requests see one, in every council: 002 4.2 says so, and
    elsewhere it is the product's data-protection baseline (the citation says the protocol is silent)."""
    return viewer.person_id == req.requester_id or is_handler(policy, viewer)


# The need-to-know request's states, and the only changes between them.
AWAITING_DECISION = "awaiting_decision"
GRANTED = "granted"
REFUSED = "refused"
CHALLENGED = "challenged"
REQUEST_STATES = (AWAITING_DECISION, GRANTED, REFUSED, CHALLENGED)
DECIDE, CHALLENGE, REVIEW = "decide", "challenge", "review"
REQUEST_TRANSITIONS: dict[tuple[str, str], str] = {
    (AWAITING_DECISION, GRANTED): DECIDE,
    (AWAITING_DECISION, REFUSED): DECIDE,
    (GRANTED, CHALLENGED): CHALLENGE,
    (REFUSED, CHALLENGED): CHALLENGE,
    (CHALLENGED, GRANTED): REVIEW,
    (CHALLENGED, REFUSED): REVIEW,
}
OPEN_STATES = frozenset({AWAITING_DECISION, CHALLENGED})  # advice may be recorded; a decision is awaited


class RequestTransitionRefused(Conflict):
    """A change of a need-to-know request's state that the transition table does not hold."""

    def __init__(self, current: str, target: str, why: str = "") -> None:
        super().__init__(why or f"A need-to-know request cannot go from “{current}” to “{target}”.")
        self.current = current
        self.target = target


def transition(current: str, target: str) -> str:
    """The action that moves a request from ``current`` to ``target``; any other change is refused."""
    action = REQUEST_TRANSITIONS.get((current, target))
    if action is None:
        raise RequestTransitionRefused(current, target)
    return action
