"""Domain errors. Every refusal is a ``DomainError``; a protocol refusal names its rule id and the clause.

Interfaces turn these into a page, a JSON body or an exit code; domain code never raises framework errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class DomainError(Exception):
    """Base of every error the domain raises on purpose. ``message`` is written for the person who acted."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def as_dict(self) -> dict[str, object]:
        return {"error": type(self).__name__, "message": self.message}


class NotFound(DomainError):
    """The object does not exist, or the actor may not know that it does. Both look the same on purpose."""

    status = 404

    def __init__(self, what: str = "That page") -> None:
        super().__init__(f"{what} was not found.")


class ValidationFailed(DomainError):
    """Input was malformed. ``problems`` maps a field or key path to what is wrong with it."""

    status = 400

    def __init__(self, message: str, problems: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or {}

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), "problems": self.problems}


@dataclass(frozen=True)
class Citation:
    """A rule id from the catalogue and the council's own clause reference for it (or ``not_adopted``)."""

    rule_id: str
    clause: str

    def __str__(self) -> str:
        return f"{self.rule_id} (clause {self.clause})"


@dataclass
class ProtocolViolation(DomainError):
    """The protocol forbids this. The message says why, and the citations say where."""

    reason: str
    citations: list[Citation] = field(default_factory=list)
    status: int = 403

    def __post_init__(self) -> None:
        cited = "; ".join(str(c) for c in self.citations)
        super().__init__(f"{self.reason} [{cited}]" if cited else self.reason)

    def as_dict(self) -> dict[str, object]:
        return {
            **super().as_dict(),
            "reason": self.reason,
            "citations": [{"rule_id": c.rule_id, "clause": c.clause} for c in self.citations],
        }


class Conflict(DomainError):
    """The request clashes with the current state (a duplicate, a concurrent change)."""

    status = 409
