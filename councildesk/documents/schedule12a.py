"""The descriptions of exempt information in Part 1 of Schedule 12A to the Local Government Act 1972, in short,
so a paper's exemption is offered and shown with what it means rather than as a bare number. Pure."""

from __future__ import annotations

PARAGRAPHS: dict[int, str] = {
    1: "Information about a particular person",
    2: "Information likely to reveal who a person is",
    3: "A person's financial or business affairs (the council's included)",
    4: "Consultations or negotiations on a labour relations matter with the council's employees",
    5: "Information covered by legal professional privilege",
    6: "A proposed notice, order or direction that imposes requirements on a person",
    7: "Action on preventing, investigating or prosecuting crime",
}


def describe(paragraph: int | None) -> str:
    """ "Paragraph 3: A person's financial or business affairs …", or "" when not exempt."""
    if paragraph is None:
        return ""
    text = PARAGRAPHS.get(paragraph)
    return f"Paragraph {paragraph}: {text}" if text else f"Paragraph {paragraph}"
