"""Reading a council's Member/Officer Protocol into addressable units.

Unit names follow the reference grammar in ``councildesk.catalogue.references``.

Pure: no database, no clock. ``parse_document`` reads the bytes (``reading``), then ``parse_text`` tries the
numbered reading (``numbered``) and, failing that, the unnumbered one (``unnumbered``).
"""

from __future__ import annotations

from pathlib import PurePath

from councildesk.protocol.parsing.model import NotAProtocol, ParsedClause, ParsedDocument, UnreadableDocument
from councildesk.protocol.parsing.numbered import parse_numbered
from councildesk.protocol.parsing.reading import read_document
from councildesk.protocol.parsing.text import make_lines
from councildesk.protocol.parsing.unnumbered import parse_unnumbered

__all__ = [
    "NotAProtocol",
    "ParsedClause",
    "ParsedDocument",
    "UnreadableDocument",
    "parse_document",
    "parse_text",
    "read_document",
]


def parse_text(text: str) -> ParsedDocument:
    """Split a protocol's text into units. Raises ``NotAProtocol`` when no clause structure is found."""
    lines = make_lines(text)
    if not any(line.text for line in lines):
        raise NotAProtocol("The document is empty.")
    document = parse_numbered(lines) or parse_unnumbered(lines)
    if document is None:
        raise NotAProtocol(
            "No protocol structure was found: expected numbered clauses (1.1, 1.2, ...) or headings each "
            "followed by paragraphs of text."
        )
    return document


def parse_document(data: bytes, *, filename: str) -> ParsedDocument:
    """``read_document`` then ``parse_text``; a ``NotAProtocol`` message names the file."""
    text = read_document(data, filename=filename)
    try:
        return parse_text(text)
    except NotAProtocol as exc:
        raise NotAProtocol(f"{PurePath(filename).name}: {exc.message}") from exc
