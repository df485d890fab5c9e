"""The enquiry's states and the one table of changes between them. Pure: no Django, no database.

Every handling action names the change it makes; ``after(status, action)`` answers the new status or raises
``TransitionRefused`` (a Conflict) naming the state and the action, so a change missing from the table can never
happen by accident.
"""

from __future__ import annotations

from enum import StrEnum

from councildesk.core.errors import Conflict


class Status(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    DECLINED = "declined"


class Action(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    ASSIGN = "assign"
    ANSWER = "answer"
    DECLINE = "decline"
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"
    PRIORITY = "priority"
    ESCALATE = "escalate"
    COMMENT = "comment"
    FOLLOW_UP = "follow_up"  # the raiser's further question after an answer, within the reopen window
    REOPEN = "reopen"  # the raiser is not satisfied: the enquiry is open again and its clock restarts


OPEN = frozenset({Status.NEW, Status.ASSIGNED})
CLOSED = frozenset({Status.ANSWERED, Status.DECLINED})

# Actions that keep an open enquiry in the state it is in.
_KEEP = (
    Action.ACKNOWLEDGE,
    Action.PAUSE,
    Action.RESUME,
    Action.EXTEND,
    Action.PRIORITY,
    Action.ESCALATE,
    Action.COMMENT,
)

TRANSITIONS: dict[tuple[Status, Action], Status] = {
    **{(s, a): s for s in OPEN for a in _KEEP},
    (Status.NEW, Action.ASSIGN): Status.ASSIGNED,
    (Status.ASSIGNED, Action.ASSIGN): Status.ASSIGNED,  # reassignment
    (Status.NEW, Action.ANSWER): Status.ANSWERED,
    (Status.ASSIGNED, Action.ANSWER): Status.ANSWERED,
    (Status.NEW, Action.DECLINE): Status.DECLINED,
    (Status.ASSIGNED, Action.DECLINE): Status.DECLINED,
    **{(s, Action.FOLLOW_UP): s for s in (Status.ANSWERED, Status.DECLINED)},
    # Reopened work goes back to "received"; the service moves it on to "assigned" (by ASSIGN) when it has an
    # assignee.
    (Status.ANSWERED, Action.REOPEN): Status.NEW,
    (Status.DECLINED, Action.REOPEN): Status.NEW,
}


class TransitionRefused(Conflict):
    """A change the transition table does not allow, for example answering an enquiry already declined."""

    def __init__(self, status: str, action: str, subject: str = "The enquiry") -> None:
        self.from_status, self.action = status, action
        super().__init__(f"{subject} is {status}, so it cannot be given the action '{action}'; nothing was changed.")


def after(status: str, action: str, subject: str = "The enquiry") -> Status:
    """The status after ``action``, or TransitionRefused when the table has no such change."""
    try:
        return TRANSITIONS[(Status(status), Action(action))]
    except (KeyError, ValueError):
        raise TransitionRefused(status, action, subject) from None


def allowed(status: str) -> frozenset[Action]:
    """The actions the table allows from this status."""
    return frozenset(a for (s, a) in TRANSITIONS if s == status)
