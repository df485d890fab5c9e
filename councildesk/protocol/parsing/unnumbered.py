"""Unnumbered protocols: a unit is ``HEADING ¶n``, the n-th paragraph under the innermost heading.

A paragraph is a prose block together with the list that follows it; the list runs on across blank lines until
the next prose block. Prose that does not finish its sentence (a stray blank line or page break) continues the
same paragraph. Headings are the table of contents' entries when there is one, else short unpunctuated lines.
A closing table becomes ``VERSION TABLE row n`` (``TABLE row n``).
"""

from __future__ import annotations

import re

from councildesk.protocol.parsing.model import ParsedDocument
from councildesk.protocol.parsing.text import (
    BARE_NUMBER,
    SEPARATOR,
    Draft,
    Drafts,
    FrontMatter,
    Line,
    add_table,
    caps_heading,
    ends_sentence,
    fallback_heading,
    heading_key,
    item_label,
    read_front_matter,
    same_title,
    split_marker,
    table_runs,
    word_count,
)

MIN_UNITS, MIN_WORDS = 2, 25


def _unit_heading(text: str) -> str:
    """A heading usable in ``HEADING ¶n`` (no pilcrows or bullets, no leading bracket)."""
    return heading_key(re.sub(r"[¶•]", " ", text)).lstrip("() ")


class _UnnumberedParser:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.front: FrontMatter = read_front_matter(lines, lambda _text: False)
        self.drafts = Drafts()
        self.heading = ""
        self.counts: dict[str, int] = {}
        self.paragraph: Draft | None = None
        self.last_was_list = False

    def _is_heading(self, i: int, text: str) -> bool:
        if self.front.contents:
            return heading_key(text) in self.front.contents
        following = next((line.text for line in self.lines[i + 1 :] if line.text), "")
        if not following or following[0].islower():
            return False  # the line runs on into the next one: a sentence broken by a blank line
        bulleted, rest = split_marker(following)
        paragraph_done = (  # an unfinished sentence carries on past a blank line, unless in capitals
            self.paragraph is None or self.last_was_list or ends_sentence(self.paragraph.segments[-1])
        )
        return (paragraph_done or caps_heading(text)) and fallback_heading(
            text, next_is_prose=not bulleted and item_label(rest) is None
        )

    def _new_paragraph(self) -> Draft | None:
        self.last_was_list = False
        if not self.heading:
            self.paragraph = None  # text before the first heading cannot be addressed
            return None
        n = self.counts[self.heading] = self.counts.get(self.heading, 0) + 1
        self.paragraph = self.drafts.open(f"{self.heading} ¶{n}", self.heading)
        return self.paragraph

    def _list_line(self, label: str | None, rest: str) -> None:
        paragraph = self.paragraph or self._new_paragraph()
        if paragraph is None:
            return
        if label:
            paragraph.add_item(label, rest)
        else:
            paragraph.add_bullet(rest)
        self.last_was_list = True

    def _prose(self, text: str, gap: bool) -> None:
        paragraph = self.paragraph
        if paragraph is not None and paragraph.segments and not ends_sentence(paragraph.segments[-1]):
            wrapped_item = not gap and text[0].islower()
            if not self.last_was_list or wrapped_item:  # an unfinished sentence, or a list item's next line
                paragraph.add_text(text, join=True)
                return
        paragraph = self._new_paragraph()
        if paragraph is not None:
            paragraph.add_text(text)

    def parse(self) -> ParsedDocument | None:
        front, lines, tables = self.front, self.lines, table_runs(self.lines)
        if front.header:
            header = self.drafts.open("HEADER", "")
            for text in front.header:
                header.add_text(text, join=False)
        gap, skip_to = False, front.body_start
        for i, line in enumerate(lines):
            text = line.text
            if i < skip_to:
                continue
            if not text:
                gap = True
                continue
            if i in tables:
                add_table(self.drafts, lines[i : tables[i]], self.heading)
                self.paragraph, skip_to = None, tables[i]
                continue
            if SEPARATOR.match(text) or BARE_NUMBER.match(text) or same_title(text, front.title):
                continue
            bulleted, rest = split_marker(text)
            label = item_label(rest)
            if bulleted or label:
                self._list_line(label, rest)
            elif self._is_heading(i, text):
                self.heading, self.paragraph = _unit_heading(text), None
            else:
                self._prose(text, gap)
            gap = False
        paragraphs = [c for c in self.drafts.clauses() if "¶" in c.ref]
        if len(paragraphs) < MIN_UNITS or sum(word_count(c.text) for c in paragraphs) < MIN_WORDS:
            return None
        return ParsedDocument(front.title, "unnumbered", self.drafts.clauses())


def parse_unnumbered(lines: list[Line]) -> ParsedDocument | None:
    """The document as headed paragraphs, or None when it has too little of that structure."""
    return _UnnumberedParser(lines).parse()
