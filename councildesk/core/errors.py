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
    """A rule, in plain words, and where this council's protocol says it.

    Build citations with ``Profile.cite``, never by hand. ``clause`` is the council's own reference, or ``None``
    where its protocol is silent and the product applies the rule anyway; ``baseline`` then says why (the law, or
    the product's data-protection baseline). ``setting`` is set where the behaviour is a council setting.
    """

    rule_id: str
    clause: str | None
    title: str
    baseline: str = ""

    @property
    def adopted(self) -> bool:
        return self.clause is not None

    @property
    def where(self) -> str:
        """The clause, or the plain statement that this council's protocol does not say it."""
        if self.clause is not None:
            return self.clause
        return "Your council's protocol is silent on this" + (f"; {self.baseline}" if self.baseline else "")

    def __str__(self) -> str:
        return f"{self.title} ({self.where})"

    def as_dict(self) -> dict[str, object]:
        return {
            "rule_id": self.rule_id,
            "title": self.title,
            "clause": self.clause,
            "adopted": self.adopted,
            "where": self.where,
            "baseline": self.baseline or None,
        }


@dataclass
class ProtocolViolation(DomainError):
    """The protocol forbids this. The message says why, and the citations say where."""

    reason: str
    citations: list[Citation] = field(default_factory=list)
    status: int = 403

    def __post_init__(self) -> None:
        if not self.citations:
            raise ValueError("a protocol refusal must cite at least one rule (use Profile.cite)")
        cited = "; ".join(str(c) for c in self.citations)
        super().__init__(f"{self.reason} [{cited}]" if cited else self.reason)

    def as_dict(self) -> dict[str, object]:
        return {
            **super().as_dict(),
            "reason": self.reason,
            "citations": [c.as_dict() for c in self.citations],
        }


class Conflict(DomainError):
    """The request clashes with the current state (a duplicate, a concurrent change)."""

    status = 409


class NotPermitted(DomainError):
    """The actor's role does not allow this, for a reason of the product's own (not a protocol clause)."""

    status = 403
