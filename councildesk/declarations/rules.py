"""Pure rules for declared connections between officers and councillors, and for appointment panels.

No Django, no clock: everything comes in as arguments.
"""

from __future__ import annotations

import datetime as dt

FAMILY = "family"
BUSINESS = "business"
SOCIAL = "social"
INFLUENCE = "influence"

NATURE_LABELS = {
    FAMILY: "Family connection",
    BUSINESS: "Business connection",
    SOCIAL: "Social connection (close personal friendship)",
    INFLUENCE: "Another relationship that might be seen as unduly influencing work or role",
}

MAX_DETAILS = 2_000


def sides(
    *, declarer_officer: bool, declarer_member: bool, other_officer: bool, other_member: bool
) -> tuple[str, str] | str:
    """Which side the declarer and the counterpart are on: ("officer", "member") or ("member", "officer"), or a
    problem in plain words. A declaration is always between one officer and one member."""
    if declarer_officer and other_member:
        return ("officer", "member")
    if declarer_member and other_officer:
        return ("member", "officer")
    if not (declarer_officer or declarer_member):
        return "Only officers and members of the council can make a declaration here"
    if declarer_officer:
        return "Choose the councillor you are connected to: a declaration is between an officer and a councillor"
    return "Choose the officer you are connected to: a declaration is between a councillor and an officer"


def may_open(*, is_declarer: bool, is_monitoring_officer: bool, is_head_officer: bool) -> bool:
    """A declaration is seen by the person who made it, the Monitoring Officer and the head officer: nobody else,
    not the counterpart, not the chair, not the host administrator."""
    return is_declarer or is_monitoring_officer or is_head_officer


def letter(
    *,
    council_name: str,
    date_text: str,
    to_title: str,
    declarer_name: str,
    declarer_capacity: str,
    officer_name: str,
    member_name: str,
    nature_label: str,
    details: str,
    clause_text: str,
) -> str:
    """The written notice to the Monitoring Officer: dated, in the declarer's name, naming the officer."""
    lines = [
        council_name,
        date_text,
        "",
        f"To the {to_title}",
        "",
        "Declaration of a connection between an officer and a councillor",
        "",
        f"I, {declarer_name} ({declarer_capacity}), declare the following connection:",
        f"Officer: {officer_name}",
        f"Councillor: {member_name}",
        f"Nature: {nature_label}",
    ]
    if details.strip():
        lines += ["", details.strip()]
    if clause_text:
        lines += ["", f"Made under {clause_text}."]
    lines += ["", declarer_name]
    return "\n".join(lines)


def current(declared_on: dt.date, ended_on: dt.date | None, day: dt.date) -> bool:
    return declared_on <= day and (ended_on is None or ended_on >= day)


# ---- appointment panels --------------------------------------------------------------------------------------------

MIN_SCORE = 0
MAX_SCORE = 10


def score_problem(score: int, justification: str, criteria: list[str], criterion: str) -> str | None:
    """A panel member scores a candidate against one of the published merit criteria, with a justification."""
    if criterion not in criteria:
        return "Score against one of the published merit criteria"
    if not MIN_SCORE <= score <= MAX_SCORE:
        return f"Give a score from {MIN_SCORE} to {MAX_SCORE}"
    if not justification.strip():
        return "Say how the candidate's evidence meets the criterion: merit is the sole criterion"
    return None


def criteria_from_text(text: str) -> list[str]:
    """One merit criterion a line, blanks and repeats dropped, in order."""
    seen: list[str] = []
    for line in text.splitlines():
        line = line.strip().lstrip("-•* ").strip()
        if line and line not in seen:
            seen.append(line[:200])
    return seen


# ---- a councillor acting as Clerk --------------------------------------------------------------------------------

# No seed sets a limit on "short-term" (000 Officer/Clerks ¶7): six months is the product's default.
MAX_INTERIM_DAYS = 183


def interim_problems(
    *, starts_on: dt.date | None, ends_on: dt.date | None, unpaid: bool, minute_ref: str
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if starts_on is None:
        problems["starts_on"] = "Enter the date they start acting as Clerk"
    if ends_on is None:
        problems["ends_on"] = "Enter the date it ends: acting as Clerk is only ever short-term"
    elif starts_on is not None and ends_on < starts_on:
        problems["ends_on"] = "The end date must be after the start date"
    elif starts_on is not None and (ends_on - starts_on).days > MAX_INTERIM_DAYS:
        problems["ends_on"] = "Acting as Clerk is short-term, while the vacancy is filled: six months at most"
    if not unpaid:
        problems["unpaid"] = "A councillor acts as Clerk only unpaid: confirm it"
    if not minute_ref.strip() or len(minute_ref) > 80:
        problems["minute_ref"] = "Enter the minute of the council's resolution"
    return problems
