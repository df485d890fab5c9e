"""Pure rules for the register of delegated decisions. No Django, no clock: everything comes in as arguments."""

from __future__ import annotations

MAX_TITLE = 200
MAX_TEXT = 10_000
MAX_REF = 80


def holds(*, holder_id: int | None, holder_kind: str, person_id: int, kinds: frozenset[str]) -> bool:
    """Whether a person holds a scheme entry: a named officer holds it personally; otherwise whoever holds the
    post (role kind) today."""
    if holder_id is not None:
        return holder_id == person_id
    return bool(holder_kind) and holder_kind in kinds


def may_record(*, is_officer: bool) -> bool:
    """Only an officer takes a delegated decision. A councillor, the chair included, never records one: a chair
    has no power to decide for a committee, and where the officer consults the chair the action is the
    officer's (004 7.4)."""
    return is_officer


def problems_for(*, title: str, summary: str, rationale: str) -> dict[str, str]:
    """Shape problems of a decision, in plain words. The rationale is required: delegated decisions must be capable
    of being accounted for (002 5.10; 003 7.13)."""
    problems: dict[str, str] = {}
    if not title.strip():
        problems["title"] = "Enter what was decided"
    elif len(title) > MAX_TITLE:
        problems["title"] = f"What was decided must be {MAX_TITLE} characters or fewer"
    if not summary.strip():
        problems["summary"] = "Enter a summary of the decision"
    elif len(summary) > MAX_TEXT:
        problems["summary"] = f"The summary must be {MAX_TEXT:,} characters or fewer"
    if not rationale.strip():
        problems["rationale"] = "Enter the reasons for the decision, so that it can be accounted for"
    elif len(rationale) > MAX_TEXT:
        problems["rationale"] = f"The reasons must be {MAX_TEXT:,} characters or fewer"
    return problems


def may_implement(*, minute_ref: str) -> bool:
    """A decision is implemented only once the minute or resolution that properly approves it is on the record."""
    return bool(minute_ref.strip())


# ---- decisions of the council and its committees -------------------------------------------------------------


def within_remit(*, committee_id: int | None, remit_committee_id: int | None) -> bool:
    """A committee decides only within its terms of reference: its decision cites an item of its own remit. The full
    council (no committee) is not limited this way."""
    if committee_id is None:
        return True
    return remit_committee_id == committee_id


def advice_problems(*, officer_advice: str, follows_advice: bool | None, departure_reasons: str) -> dict[str, str]:
    """The officers' advice is on the record beside every decision, and a decision against it says why."""
    problems: dict[str, str] = {}
    if not officer_advice.strip():
        problems["officer_advice"] = "Enter the advice officers gave, or say that none was given"
    elif len(officer_advice) > MAX_TEXT:
        problems["officer_advice"] = f"The advice must be {MAX_TEXT:,} characters or fewer"
    if follows_advice is None:
        problems["follows_advice"] = "Say whether the decision follows the officers' advice"
    elif not follows_advice and not departure_reasons.strip():
        problems["departure_reasons"] = "Give the members' reasons for departing from the officers' advice"
    if len(departure_reasons) > MAX_TEXT:
        problems["departure_reasons"] = f"The reasons must be {MAX_TEXT:,} characters or fewer"
    return problems
