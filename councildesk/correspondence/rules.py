"""Pure policy for correspondence: no blind copies, how a copy is made (consent, notice or at once), what may
never leave the council, the confidential marking, who signs a letter and when a letter is checked first.

No database, no clock: everything comes in as arguments, and every refusal cites the council's own clause through
``Profile.cite`` (or says plainly that its protocol is silent, where the product acts anyway).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core.errors import Citation, ProtocolViolation
from councildesk.councils.profiles.schema import Profile
from councildesk.people.kinds import MEMBER_KINDS, OFFICER_KINDS

CopyMode = Literal["consent", "notice", "at_once"]

CONSENT_WORDS = frozenset({"yes", "agree", "agreed", "consent", "consented", "ok", "okay"})
REFUSE_WORDS = frozenset({"no", "refuse", "refused", "decline", "declined"})


class CopyRefused(ProtocolViolation):
    """Copying or forwarding that the protocol does not allow."""


class LetterRefused(ProtocolViolation):
    """A letter that may not go out as drafted."""


@implements(
    R.CORRESPONDENCE_NO_BLIND_COPIES,
    silent="baseline",
    baseline="councildesk has no blind copy: everyone in a conversation sees everyone else",
)
def blind_copies(profile: Profile, hidden: Iterable[str]) -> list[str]:
    """What happens to recipients someone tried to hide. Where the council tolerates BCC mechanics provided the
    foot of the email names every councillor who received it (000 CORRESPONDENCE ¶1), they become visible copies
    (returned). Everywhere else (002 5.11, 004 12.1, and the product's own default) they are refused."""
    names = [h.strip() for h in hidden if h.strip()]
    if not names:
        return []
    if profile.correspondence.copy_basis == "notice" and profile.adopts(R.CORRESPONDENCE_NO_BLIND_COPIES):
        return names
    route = ""
    if profile.adopts(R.COMPLAINTS_ISSUE_RAISED_NOT_COPIED):
        route = (
            f" If there is an issue you want raised, raise it with the {profile.head_officer_title()} "
            "(councillors) or your Head of Service (officers) instead."
        )
    raise CopyRefused(
        reason=(
            "No one can be copied in secretly: everyone in a conversation sees everyone else. Add them as a "
            "visible participant instead." + route
        ),
        citations=profile.cite(R.CORRESPONDENCE_NO_BLIND_COPIES, R.COMPLAINTS_ISSUE_RAISED_NOT_COPIED),
    )


@implements(R.COMPLAINTS_ISSUE_RAISED_NOT_COPIED)
def issue_route(profile: Profile, *, is_member: bool) -> str | None:
    """Where someone who wants to make a point, rather than copy people in, raises it (002 5.11): councillors go
    to the Chief Executive, officers to their Head of Service (their line manager). None where not adopted."""
    if not profile.adopts(R.COMPLAINTS_ISSUE_RAISED_NOT_COPIED):
        return None
    return profile.roles.head_of_paid_service if is_member else "line_manager"


@implements(R.CORRESPONDENCE_COPY_OR_FORWARD_NEEDS_CONSENT)
def copy_mode(profile: Profile, *, external: bool) -> CopyMode:
    """How a copy is made: after every other author consents (002 5.12; 004 12.1), at once with notice to the
    author as an exception (000 CORRESPONDENCE ¶1), or at once where the protocol is silent. A forward outside
    the council always waits for consent: nothing leaves councildesk on one person's say-so."""
    if external:
        return "consent"
    if not profile.adopts(R.CORRESPONDENCE_COPY_OR_FORWARD_NEEDS_CONSENT):
        return "at_once"
    return "notice" if profile.correspondence.copy_basis == "notice" else "consent"


def check_reason(profile: Profile, mode: CopyMode, reason: str) -> None:
    """000 CORRESPONDENCE ¶1: a copy without consent is exceptional, so it says why it is necessary."""
    if mode == "notice" and not reason.strip():
        raise CopyRefused(
            reason=(
                "Copying to another councillor is exceptional here: say why it is necessary. The reason is shown "
                "to the original councillor."
            ),
            citations=profile.cite(R.CORRESPONDENCE_COPY_OR_FORWARD_NEEDS_CONSENT),
        )


@implements(R.CORRESPONDENCE_NEW_PARTY_ON_THREAD_WARNING)
def check_history_reviewed(profile: Profile, *, reviewed: bool) -> None:
    """002 5.13: before someone new joins a conversation, the history they will see is reviewed."""
    rule = R.CORRESPONDENCE_NEW_PARTY_ON_THREAD_WARNING
    if profile.adopts(rule) and not reviewed:
        raise CopyRefused(
            reason=(
                "Check everything the new person will see (listed on this page) for personal data and confidential "
                "or sensitive content, then confirm you have."
            ),
            citations=profile.cite(rule),
        )


def new_party_warning(profile: Profile) -> list[Citation]:
    return profile.cite(R.CORRESPONDENCE_NEW_PARTY_ON_THREAD_WARNING)


@implements(R.CORRESPONDENCE_NO_FORWARD_TO_RESIDENTS, R.CORRESPONDENCE_CONFIDENTIAL_MARKING)
def check_external(profile: Profile, *, actor_is_member: bool, officer_authored: bool, confidential: bool) -> None:
    """What may never leave the council: a confidential item (000 CORRESPONDENCE ¶3), and, from a councillor,
    anything an officer wrote (002 5.14)."""
    if confidential and profile.adopts(R.CORRESPONDENCE_CONFIDENTIAL_MARKING):
        raise CopyRefused(
            reason=(
                "This conversation holds an item an officer marked confidential, so it cannot be sent or copied to a "
                "complainant or anyone else outside the council."
            ),
            citations=profile.cite(R.CORRESPONDENCE_CONFIDENTIAL_MARKING),
        )
    if actor_is_member and officer_authored and profile.adopts(R.CORRESPONDENCE_NO_FORWARD_TO_RESIDENTS):
        raise CopyRefused(
            reason=(
                "Councillors never forward an officer's correspondence to a resident or other third party. You may "
                "share the relevant officer's contact details once that officer agrees."
            ),
            citations=profile.cite(
                R.CORRESPONDENCE_NO_FORWARD_TO_RESIDENTS, R.CORRESPONDENCE_OFFICER_CONTACT_DETAILS_CONSENT
            ),
        )


@implements(R.CORRESPONDENCE_OFFICER_CONTACT_DETAILS_CONSENT)
def contact_needs_consent(profile: Profile) -> bool:
    """002 5.14: an officer's contact details go to a third party only after that officer consents."""
    return profile.adopts(R.CORRESPONDENCE_OFFICER_CONTACT_DETAILS_CONSENT)


def marking_available(profile: Profile) -> bool:
    return profile.adopts(R.CORRESPONDENCE_CONFIDENTIAL_MARKING)


@implements(R.CORRESPONDENCE_CONFIDENTIAL_MARKING)
def check_confidential_marking(
    profile: Profile, *, confidential: bool, what: str, why: str, author_kinds: frozenset[str]
) -> None:
    """000 CORRESPONDENCE ¶3: an officer marking correspondence confidential says what is confidential and why."""
    rule = R.CORRESPONDENCE_CONFIDENTIAL_MARKING
    if not confidential:
        return
    if not author_kinds & OFFICER_KINDS:
        raise CopyRefused(
            reason="Only an officer marks their correspondence confidential.", citations=profile.cite(rule)
        )
    if not what.strip() or not why.strip():
        raise CopyRefused(
            reason="Say what is shared with the councillor in confidence, and why.", citations=profile.cite(rule)
        )


@implements(R.CORRESPONDENCE_FORWARDING_ADVICE_ROUTE)
def forwarding_adviser(profile: Profile, *, is_member: bool) -> str | None:
    """002 5.12: unsure whether to copy or forward? Officers ask their line manager, councillors the Monitoring
    Officer. None where the protocol names no one."""
    if not profile.adopts(R.CORRESPONDENCE_FORWARDING_ADVICE_ROUTE):
        return None
    return "monitoring_officer" if is_member else "line_manager"


@implements(
    R.CORRESPONDENCE_COPY_MADE_EXPLICIT,
    silent="baseline",
    baseline="every copy is shown on the message and the writer is told",
)
def cc_line(profile: Profile, names: Iterable[str]) -> str:
    """The visible line on a copied message and its email, in the form 000 CORRESPONDENCE ¶1 gives."""
    people = [n for n in names if n]
    return "; ".join(f"CC {n}" for n in people)


def consent_word(text: str) -> bool | None:
    """The answer in the first word of a reply: True consents, False refuses, None when it cannot be told."""
    found = re.search(r"[A-Za-z]+", text or "")
    if not found:
        return None
    word = found.group(0).lower()
    if word in CONSENT_WORDS:
        return True
    if word in REFUSE_WORDS:
        return False
    return None


# ---- letters --------------------------------------------------------------------------------------------------------


@implements(
    R.CORRESPONDENCE_OFFICIAL_IN_OFFICER_NAME,
    silent="baseline",
    baseline="councildesk issues the council's letters in an officer's name",
)
@implements(
    R.CORRESPONDENCE_NO_OBLIGATIONS_IN_MEMBER_NAME,
    R.CORRESPONDENCE_CIVIC_HEAD_EXCEPTION,
    R.CORRESPONDENCE_WARD_CAPACITY_STATED,
)
def check_signatory(
    profile: Profile,
    *,
    signatory_kinds: frozenset[str],
    sign_as: str,
    creates_obligations: bool,
    civic_reason: str,
    ward_capacity: bool,
) -> None:
    """Who may sign. Letters go out in an officer's name (000 ¶2; 004 12.2). A letter that creates obligations or
    gives instructions never goes in a councillor's name, the chair's and the Mayor's included (000 ¶2; 004 12.4).
    The chair may sign exceptionally with the reason recorded (000 ¶2); the Mayor may write in their own name
    (004 12.3). A member writing as a ward member says so (004 12.5)."""
    if sign_as not in signatory_kinds:
        raise LetterRefused(
            reason="The signatory does not hold that role today.",
            citations=profile.cite(R.CORRESPONDENCE_OFFICIAL_IN_OFFICER_NAME),
        )
    if sign_as in OFFICER_KINDS:
        if ward_capacity:
            raise LetterRefused(
                reason="Only a ward member writes in that capacity.",
                citations=profile.cite(
                    R.CORRESPONDENCE_WARD_CAPACITY_STATED, R.CORRESPONDENCE_OFFICIAL_IN_OFFICER_NAME
                ),
            )
        return
    if sign_as not in MEMBER_KINDS:
        raise LetterRefused(
            reason="Letters are signed by an officer.",
            citations=profile.cite(R.CORRESPONDENCE_OFFICIAL_IN_OFFICER_NAME),
        )
    if creates_obligations:
        raise LetterRefused(
            reason=(
                "A letter that creates obligations or gives instructions on the council's behalf is never sent in a "
                "councillor's name, the chair's or Mayor's included. Sign it as an officer."
            ),
            citations=profile.cite(
                R.CORRESPONDENCE_NO_OBLIGATIONS_IN_MEMBER_NAME, R.CORRESPONDENCE_OFFICIAL_IN_OFFICER_NAME
            ),
        )
    if ward_capacity:
        if not profile.adopts(R.CORRESPONDENCE_WARD_CAPACITY_STATED):
            raise LetterRefused(
                reason="Letters are signed by an officer.",
                citations=profile.cite(R.CORRESPONDENCE_OFFICIAL_IN_OFFICER_NAME),
            )
        return  # the letter states the capacity (letters.py prints it)
    civic = profile.correspondence.civic_head
    if civic is None or sign_as != civic or not profile.adopts(R.CORRESPONDENCE_CIVIC_HEAD_EXCEPTION):
        raise LetterRefused(
            reason=(
                "Official letters go out in an officer's name."
                + (f" Only the {profile.title_for(civic)} may sign in their own name here." if civic else "")
            ),
            citations=profile.cite(R.CORRESPONDENCE_OFFICIAL_IN_OFFICER_NAME, R.CORRESPONDENCE_CIVIC_HEAD_EXCEPTION),
        )
    if profile.correspondence.civic_head_reason_required and not civic_reason.strip():
        raise LetterRefused(
            reason=(
                f"A letter in the {profile.title_for(civic)}'s name is the exception, not the norm: record why it is "
                "appropriate (for example, representations to a Government Minister)."
            ),
            citations=profile.cite(R.CORRESPONDENCE_CIVIC_HEAD_EXCEPTION),
        )


@implements(R.CORRESPONDENCE_RESIDENT_REPLY_ACCURACY_CHECK)
def offers_accuracy_check(profile: Profile, *, recipient_kind: str) -> bool:
    """002 4.6: a letter to a resident may need clarifying with the relevant Head of Service for accuracy, so the
    draft can be sent to them before it is issued."""
    return recipient_kind == "resident" and profile.adopts(R.CORRESPONDENCE_RESIDENT_REPLY_ACCURACY_CHECK)
