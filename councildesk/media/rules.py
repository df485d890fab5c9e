"""Pure policy for press and media: when a press release needs approval and by whom, what may never be approved,
the checks on officers' statements, the capacity a member speaks in, who may speak for the council, and who may
answer a media enquiry. No database, no clock: everything comes in as arguments, and every refusal cites the
council's clause through ``Profile.cite``.
"""

from __future__ import annotations

import re

from councildesk.catalogue.ids import R, RuleId
from councildesk.catalogue.registry import implements
from councildesk.core.errors import Citation, ProtocolViolation, ValidationFailed
from councildesk.councils.profiles.schema import Profile
from councildesk.people.kinds import MONITORING_OFFICER, OFFICER_KINDS

# The council's own employees (the principal council's Monitoring Officer is not one of them).
COUNCIL_OFFICER_KINDS = OFFICER_KINDS - {MONITORING_OFFICER}

PUBLICITY_ACT = "the Local Government Act 1986 forbids every council to publish material designed to affect support"
PUBLICITY_ACT += " for a political party"
PRE_ELECTION_CODE = (
    "the Code of Recommended Practice on Local Authority Publicity applies to every council in the run-up to a poll"
)

# Words that make publicity party-political (002 8.5; 004 11.2), besides the names of the council's own groups.
PARTY_PHRASES = (
    "vote for",
    "vote against",
    "re-elect",
    "elect our",
    "our party",
    "our candidate",
    "manifesto",
    "campaign for",
    "labour party",
    "conservative party",
    "liberal democrat",
    "green party",
    "reform uk",
    "plaid cymru",
    "scottish national party",
)
# Words that carry political opinion into an officer's statement (000 PRESS AND MEDIA ¶2; 004 11.2).
OPINION_PHRASES = (
    "in my opinion",
    "i believe",
    "i think",
    "personally",
    "politically",
    "disgraceful",
    "shameful",
    "the opposition",
    "failed policies",
    "incompetent",
)


def _found(text: str, phrases: tuple[str, ...] | list[str]) -> list[str]:
    lowered = " " + re.sub(r"\s+", " ", text.lower()) + " "
    return [p for p in phrases if p and re.search(r"(?<![a-z])" + re.escape(p.lower()) + r"(?![a-z])", lowered)]


def topics_in(profile: Profile, text: str) -> list[str]:
    """The council's sensitive topics (000 ¶3) that the text is about, by the words the profile gives for each."""
    return [t.name for t in profile.media.sensitive_topics if _found(text, t.words)]


def approver_kind(profile: Profile) -> str:
    """Who approves press releases: the profile's decider (000 and 004 the Clerk), else the head of paid service."""
    return profile.deciders.press_release_approval or profile.roles.head_of_paid_service


def support_kind(profile: Profile) -> str:
    """Who is told of members' media contact and helps with their releases (000 ¶4; 002 8.1; 004 11.5(c))."""
    return profile.media.support_role or profile.roles.head_of_paid_service


@implements(R.MEDIA_SENSITIVE_RELEASE_APPROVAL, R.MEDIA_CONTACT_VIA_SUPPORT_FUNCTION)
@implements(R.ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW, silent="baseline", baseline=PRE_ELECTION_CODE)
def approval_rules(profile: Profile, *, topics: list[str], author_is_member: bool, in_period: bool) -> list[RuleId]:
    """Why a release needs approval before it is published; empty where it does not.

    - 000 ¶3: a release on a sensitive topic, whoever drafts it (chairs included: NOTES part A MEDIA).
    - 000 ¶4; 004 11.5(c): a member's release goes through the council's media support (the Clerk).
    - Every council, during a pre-election period: all publicity is reviewed before release (000 ¶5, ¶6; 002 8.5).
    """
    out: list[RuleId] = []
    if topics and profile.adopts(R.MEDIA_SENSITIVE_RELEASE_APPROVAL):
        out.append(R.MEDIA_SENSITIVE_RELEASE_APPROVAL)
    if author_is_member and profile.adopts(R.MEDIA_CONTACT_VIA_SUPPORT_FUNCTION):
        out.append(R.MEDIA_CONTACT_VIA_SUPPORT_FUNCTION)
    if in_period:
        out.append(R.ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW)
    return out


@implements(R.MEDIA_NO_PARTY_POLITICAL_PUBLICITY, silent="baseline", baseline=PUBLICITY_ACT)
def check_not_party_political(profile: Profile, text: str, group_names: list[str]) -> None:
    """Council publicity never promotes a party or group (002 8.5; 004 11.2; the 1986 Act everywhere)."""
    found = _found(text, [*PARTY_PHRASES, *group_names])
    if found:
        phrases = ", ".join(f"“{p}”" for p in found)
        raise ProtocolViolation(
            reason=(
                f"This cannot be issued as council publicity: it contains {phrases}, which could affect support for a "
                "party or group. A member may make a party-political statement in their own name, not the council's."
            ),
            citations=profile.cite(R.MEDIA_NO_PARTY_POLITICAL_PUBLICITY),
        )


@implements(R.ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW, silent="baseline", baseline=PRE_ELECTION_CODE)
def check_pre_election(profile: Profile, text: str, *, member_names: list[str], poll: str | None) -> None:
    """During a pre-election period, publicity naming a councillor (a likely candidate) could affect support for
    them or their group, so it is refused (000 ¶5, ¶6; 002 8.5)."""
    if poll is None:
        return
    found = _found(text, member_names)
    if found:
        raise ProtocolViolation(
            reason=(
                f"A pre-election period is in force ({poll}). Council publicity must not name "
                f"{', '.join(found)}: naming a councillor now could affect support for them or their group. "
                "Remove the name, or wait until after polling day."
            ),
            citations=profile.cite(R.ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW, R.MEDIA_NO_PARTY_POLITICAL_PUBLICITY),
        )


@implements(R.MEDIA_OFFICER_FACTUAL_ONLY)
def officer_statement_flags(profile: Profile, text: str) -> list[str]:
    """Phrases in an officer's statement that go beyond facts and the professional aspects (000 ¶2; 004 11.2)."""
    if not profile.adopts(R.MEDIA_OFFICER_FACTUAL_ONLY):
        return []
    return _found(text, OPINION_PHRASES)


def flagged_refusal(profile: Profile, flags: list[str]) -> ProtocolViolation:
    phrases = ", ".join(f"“{p}”" for p in flags)
    return ProtocolViolation(
        reason=(
            f"An officer's statement keeps to the facts and gives no political opinion; this draft contains {phrases}. "
            "Change the wording, or give your reason for keeping it; the reason is recorded."
        ),
        citations=profile.cite(R.MEDIA_OFFICER_FACTUAL_ONLY),
    )


@implements(R.MEDIA_PUBLICITY_CODE_COMPLIANCE)
def check_code_confirmed(profile: Profile, confirmed: bool) -> None:
    """The approver has regard to the Code of Recommended Practice on Local Authority Publicity (000 ¶1, ¶5; 004
    11.1) and says so on the approval."""
    if profile.adopts(R.MEDIA_PUBLICITY_CODE_COMPLIANCE) and not confirmed:
        raise ProtocolViolation(
            reason="Confirm that the release has been checked against the publicity code before approving it.",
            citations=profile.cite(R.MEDIA_PUBLICITY_CODE_COMPLIANCE),
        )


# ---- members' media contact ---------------------------------------------------------------------------------------


@implements(R.MEDIA_CAPACITY_STATEMENT)
def check_capacity(profile: Profile, capacity: str) -> None:
    """A member states the capacity they speak in (002 8.3; 004 11.5(a)), from the council's own options."""
    if capacity in profile.media.capacities:
        return
    if capacity and profile.adopts(R.MEDIA_CAPACITY_STATEMENT):
        raise ProtocolViolation(
            reason="Your council's protocol does not offer that capacity: choose one of those listed.",
            citations=profile.cite(R.MEDIA_CAPACITY_STATEMENT),
        )
    raise ValidationFailed("Say in what capacity you spoke.", {"capacity": "Choose the capacity you spoke in."})


@implements(R.MEDIA_COUNCIL_SPOKESPERSONS, R.MEDIA_PRIOR_CONSULTATION_TO_SPEAK_FOR_COUNCIL)
def check_council_voice(
    profile: Profile, *, capacity: str, may_speak_for_council: bool, consulted_is_valid: bool
) -> None:
    """Who may speak on behalf of the council: in 000 (¶4) only the chair, a committee chair or an appointed
    spokesperson; in 002 (8.2) a member who first consulted the committee chair or the Chief Executive."""
    if capacity != "council":
        return
    voice = profile.media.council_voice
    if voice == "spokespersons" and not may_speak_for_council:
        raise ProtocolViolation(
            reason=(
                "Only the chair, a committee chair or a councillor the council has appointed as its spokesperson "
                "speaks to the media on the council's behalf. Record this contact in another capacity."
            ),
            citations=profile.cite(R.MEDIA_COUNCIL_SPOKESPERSONS),
        )
    if voice == "after_consultation" and not consulted_is_valid:
        raise ProtocolViolation(
            reason=(
                "To speak for the council you first consult the relevant committee chair or the "
                f"{profile.title_for('chief_executive')}: name the one you consulted."
            ),
            citations=profile.cite(R.MEDIA_PRIOR_CONSULTATION_TO_SPEAK_FOR_COUNCIL),
        )


@implements(R.MEDIA_NO_COMMITMENT_ON_CLAIMS, R.ELECTIONS_MEDIA_CARE_IN_RUN_UP)
def contact_warnings(profile: Profile, *, capacity: str, claims_matter: bool, in_period: bool) -> list[RuleId]:
    """The care warnings a member's media contact carries: no commitment on a matter open to claims (004 11.5(e));
    particular care in the run-up to elections, unless contacted as a candidate or activist (004 11.5(g))."""
    out: list[RuleId] = []
    if claims_matter and profile.adopts(R.MEDIA_NO_COMMITMENT_ON_CLAIMS):
        out.append(R.MEDIA_NO_COMMITMENT_ON_CLAIMS)
    if in_period and capacity != "candidate" and profile.adopts(R.ELECTIONS_MEDIA_CARE_IN_RUN_UP):
        out.append(R.ELECTIONS_MEDIA_CARE_IN_RUN_UP)
    return out


WARNING_TEXT = {
    R.MEDIA_NO_COMMITMENT_ON_CLAIMS: (
        "Give no commitment on a matter that may lead to claims from third parties or is an insurance matter."
    ),
    R.ELECTIONS_MEDIA_CARE_IN_RUN_UP: (
        "A pre-election period is in force: take particular care not to give the impression of electioneering."
    ),
}


@implements(R.MEDIA_CONTACT_VIA_SUPPORT_FUNCTION)
def support_function_told(profile: Profile, capacity: str) -> bool:
    """Members' media contact on council business goes through the council's media support (000 ¶4; 002 8.1;
    004 11.5(c)), except a party-political statement, which the Town Clerk does not help with (11.5(c))."""
    return profile.adopts(R.MEDIA_CONTACT_VIA_SUPPORT_FUNCTION) and capacity not in {"party_group", "candidate"}


@implements(R.MEDIA_MEMBER_STATEMENT_PREPARATION)
def preparation_checklist(profile: Profile) -> list[Citation]:
    """Advice only (004 11.5(b), (d), (f)): shown on the media-contact form, never a gate."""
    return profile.cite(R.MEDIA_MEMBER_STATEMENT_PREPARATION)


# ---- media enquiries ------------------------------------------------------------------------------------------------


@implements(R.MEDIA_OFFICER_AUTHORISATION)
def may_answer_enquiry(
    profile: Profile, *, actor_kinds: frozenset[str], actor_id: int, responder_id: int | None
) -> bool:
    """Officers answer the media only with authority (000 ¶2 the Officer/Clerk; 004 11.4): the head officer, the
    press approver, or the officer they named for this enquiry. Elsewhere any of the council's officers."""
    if not actor_kinds & COUNCIL_OFFICER_KINDS:
        return False
    if not profile.adopts(R.MEDIA_OFFICER_AUTHORISATION):
        return True
    senior = {profile.roles.head_of_paid_service, approver_kind(profile)}
    return bool(actor_kinds & senior) or actor_id == responder_id


def not_authorised(profile: Profile) -> ProtocolViolation:
    return ProtocolViolation(
        reason=(
            f"You are not authorised to answer this media enquiry. The {profile.head_officer_title()} can name you "
            "as the officer who answers it."
        ),
        citations=profile.cite(R.MEDIA_OFFICER_AUTHORISATION),
    )


@implements(R.MEDIA_POLICY_COMMENT_TO_CHAIR)
def refer_to_chair(profile: Profile, policy_comment: bool) -> bool:
    """002 8.4: a request for comment on council policy or a political matter goes to the committee chair."""
    return policy_comment and profile.adopts(R.MEDIA_POLICY_COMMENT_TO_CHAIR)


def referred_refusal(profile: Profile) -> ProtocolViolation:
    return ProtocolViolation(
        reason="This enquiry asks for a view on policy or a political matter: the committee chair answers it.",
        citations=profile.cite(R.MEDIA_POLICY_COMMENT_TO_CHAIR),
    )
