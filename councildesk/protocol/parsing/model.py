"""What the parser produces, and the two ways it refuses a document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from councildesk.core.errors import DomainError


class UnreadableDocument(DomainError):
    """The bytes cannot be read as a document: wrong type, corrupt, undecodable or too large."""


class NotAProtocol(DomainError):
    """The document was read, but it has no clause structure (no numbered clauses, no headed paragraphs)."""


@dataclass(frozen=True)
class ParsedClause:
    """An addressable unit, named as ``catalogue.references`` expects (``3.5``, ``Councillors ¶5``)."""

    ref: str
    heading: str  # the innermost heading the unit sits under ("" if none)
    text: str  # prose and items, one paragraph or item a line, markup removed
    items: tuple[str, ...]  # "1", "2", ... for bullets; "a", "b" or "i", "ii" for labelled items
    printed: str | None  # the number as printed when it differs from ``ref`` (a misprint), else None
    position: int  # 0-based order in the document


@dataclass(frozen=True)
class ParsedDocument:
    title: str
    style: Literal["numbered", "unnumbered"]
    clauses: tuple[ParsedClause, ...]

    def units(self) -> dict[str, tuple[str, ...]]:
        """Unit reference -> item labels, the shape ``references.unresolved_reason`` takes."""
        return {clause.ref: clause.items for clause in self.clauses}

    def clause(self, ref: str) -> ParsedClause | None:
        return next((c for c in self.clauses if c.ref == ref), None)
