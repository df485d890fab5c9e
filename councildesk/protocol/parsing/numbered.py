"""Numbered protocols: units are the printed clause numbers (``3.5``, ``10.3``; ``1.1.`` loses its dot).

Chapter lines (``1. Background``, ``1.0 Reason for policy``, ``## 2 Roles``) are headings, not units. A number
out of sequence whose tail is the expected next number is a misprint (``3.3.5`` after ``3.4`` is ``3.5``,
printed ``3.3.5``). Footnotes become ``<unit> fn N``; dated lines become labelled units (``DATE OF ISSUE``;
before the body, ``HEADER``); a closing "Adopted by ..." minute becomes ``ADOPTION NOTE``; prose between a
heading and the next clause becomes a unit named by the heading in capitals (``INTRODUCTION``).
"""

from __future__ import annotations

import re

from councildesk.protocol.parsing.model import ParsedDocument
from councildesk.protocol.parsing.text import (
    BARE_NUMBER,
    SEPARATOR,
    Draft,
    Drafts,
    Line,
    add_table,
    caps_heading,
    ends_sentence,
    heading_key,
    item_label,
    metadata,
    read_front_matter,
    same_title,
    split_marker,
    table_runs,
    unit_label,
    word_count,
)

_COMPONENT = r"(?:0|[1-9]\d{0,2})"
_UNIT = re.compile(rf"^(?P<num>{_COMPONENT}(?:\.{_COMPONENT})+)\.?(?:\s+(?P<rest>.*))?$")
_DEPTH_ONE = re.compile(rf"^(?P<num>{_COMPONENT})[.)]\s+(?P<rest>\S.*)$")
_CHAPTER = re.compile(rf"^(?P<num>{_COMPONENT})(?:\.0)?\.?\s+(?P<title>\S.*)$")
_ADOPTION = re.compile(r"^(?:adopted|approved|ratified|agreed)\s+(?:by|at|on)\b", re.IGNORECASE)
_MAX_SKIP = 3  # how far a clause number may jump past the previous one and still be believed
MIN_UNITS, MIN_WORDS = 2, 25


def _numbers(text: str, depth_one: bool = False) -> tuple[tuple[int, ...], str] | None:
    """The clause number a line starts with (after any bullet), and the rest of the line."""
    if m := (_DEPTH_ONE if depth_one else _UNIT).match(split_marker(text)[1]):
        return tuple(int(c) for c in m["num"].split(".")), m["rest"] or ""
    return None


class _Sequence:
    """Which printed numbers are believable as the next unit, and how to read a misprinted one."""

    def __init__(self, depth_one: bool) -> None:
        self.depth_one = depth_one
        self.last: tuple[int, ...] | None = None

    def _follows(self, num: tuple[int, ...]) -> bool:
        if 0 in num[1:] or (len(num) == 1) != self.depth_one:
            return False
        last = self.last
        if last is None:
            return num[-1] == 1 or (not self.depth_one and all(c == 1 for c in num[1:]))
        if num[: len(last)] == last and len(num) == len(last) + 1 and num[-1] == 1:
            return True  # first child: 3.4 -> 3.4.1
        return any(
            num[:k] == last[:k] and 1 <= num[k] - last[k] <= _MAX_SKIP and all(c == 1 for c in num[k + 1 :])
            for k in range(min(len(last), len(num)))
        )

    def read(self, num: tuple[int, ...]) -> tuple[int, ...] | None:
        """The unit number ``num`` stands for (itself, or the repaired tail of a misprint), or None."""
        for start in range(len(num) - (0 if self.depth_one else 1)):
            if self._follows(num[start:]):
                return num[start:]
        return None


class _NumberedParser:
    def __init__(self, lines: list[Line], depth_one: bool) -> None:
        self.lines = lines
        self.depth_one = depth_one
        self.seq = _Sequence(depth_one)
        self.front = read_front_matter(lines, self._starts_body)
        self.drafts = Drafts()
        self.heading = ""
        self.chapter = 0
        self.label: str | None = None  # an unnumbered heading whose prose becomes a unit of that name
        self.current: Draft | None = None
        self.footnote: Draft | None = None

    # -- classification ---------------------------------------------------------------------------

    def _starts_body(self, text: str) -> bool:
        found = _numbers(text, self.depth_one)
        return bool(found and _Sequence(self.depth_one).read(found[0])) or self._chapter(text, 0) is not None

    def _chapter(self, text: str, current: int) -> tuple[int, str] | None:
        if self.depth_one:
            return None
        text = split_marker(text)[1]
        if (m := _UNIT.match(text)) and re.fullmatch(r"\d+\.0", m["num"]) and m["rest"]:
            number, title = int(m["num"].split(".")[0]), m["rest"]
        elif m := _CHAPTER.match(text):
            number, title = int(m["num"]), m["title"]
        else:
            return None
        long_sentence = title[-1] in ",;" or (title[-1] == "." and word_count(title) > 8)
        if word_count(title) > 12 or long_sentence or not current < number <= current + _MAX_SKIP:
            return None
        return number, title

    def _unnumbered_heading(self, line: Line, starts_block: bool) -> bool:
        listed = heading_key(line.text) in self.front.contents
        return line.md_heading or listed or (starts_block and caps_heading(line.text))

    def _next_text(self, i: int) -> str:
        return next((line.text for line in self.lines[i + 1 :] if line.text), "")

    def _subheading(self, i: int, text: str, previous: str) -> bool:
        """A short unpunctuated line between a finished sentence and the next clause (a margin heading)."""
        if self.current is None or self.current.ref == "ADOPTION NOTE":
            return False
        if ends_sentence(text) or word_count(text) > 8 or not text[0].isupper():
            return False
        nxt = _numbers(self._next_text(i), self.depth_one)
        return (not previous or ends_sentence(previous)) and bool(nxt and self.seq.read(nxt[0]))

    # -- building ---------------------------------------------------------------------------------

    def _set_heading(self, heading: str, *, labelled: bool) -> None:
        self.current, self.heading = None, heading_key(heading)
        self.label = unit_label(heading) if labelled and unit_label(heading) else None

    def _target(self) -> Draft | None:
        if self.current is None and self.label:
            self.current = self.drafts.open(self.label, self.heading)
        return self.current

    def _open_unit(self, num: tuple[int, ...], printed: tuple[int, ...], line: Line, rest: str) -> None:
        ref = ".".join(map(str, num))
        shown = ".".join(map(str, printed)) if printed != num else None
        self.seq.last, self.chapter, self.label = num, max(self.chapter, num[0]), None
        self.current = self.drafts.open(ref, self.heading, shown)
        self.current.add_text(rest)
        self.drafts.note_markers(line, self.current)

    def _open_footnote(self, line: Line) -> None:
        owner = self.drafts.owners.get(line.footnote or "") or (self.current.ref if self.current else None)
        if owner is None or not re.fullmatch(r"[\d.]+", owner):
            self.footnote = None
            if target := self._target():
                target.add_text(line.text)
            return
        self.footnote = self.drafts.open(f"{owner} fn {line.footnote}", self.heading)
        self.footnote.add_text(line.text)

    def parse(self) -> ParsedDocument | None:
        front, lines, tables = self.front, self.lines, table_runs(self.lines)
        if front.header:
            header = self.drafts.open("HEADER", "")
            for text in front.header:
                header.add_text(text, join=False)
        previous, gap, skip_to = "", True, front.body_start
        for i, line in enumerate(lines):
            if i < skip_to:
                continue
            text = line.text
            if not text:
                gap, self.footnote = True, None
                continue
            if i in tables:
                add_table(self.drafts, lines[i : tables[i]], self.heading)
                self.current, skip_to = None, tables[i]
                continue
            self._line(i, line, previous, gap)
            previous, gap = text, False
        clauses = self.drafts.clauses()
        numbered = [c for c in clauses if re.fullmatch(r"\d+(?:\.\d+)*", c.ref)]
        if len(numbered) < MIN_UNITS or sum(word_count(c.text) for c in numbered) < MIN_WORDS:
            return None
        return ParsedDocument(front.title, "numbered", clauses)

    def _line(self, i: int, line: Line, previous: str, gap: bool) -> None:
        text = line.text
        if SEPARATOR.match(text) or BARE_NUMBER.match(text) or same_title(text, self.front.title):
            return  # rules, stray page numbers, running headers repeating the title
        if line.footnote is not None:
            self._open_footnote(line)
            return
        found = _numbers(text, self.depth_one)
        num = self.seq.read(found[0]) if found else None
        if self.footnote is not None and not (num or line.md_heading):
            self.footnote.add_text(text)
            return
        self.footnote = None
        starts_block = gap or ends_sentence(previous)
        if meta := metadata(text):
            self._open_labelled(meta[0], text)
        elif self.seq.last is not None and starts_block and _ADOPTION.match(text):
            self._open_labelled("ADOPTION NOTE", text)
        elif found and num:
            self._open_unit(num, found[0], line, found[1])
        elif chapter := self._chapter(text, self.chapter):
            self.chapter = chapter[0]
            self._set_heading(chapter[1], labelled=True)
        elif self._unnumbered_heading(line, starts_block):
            self._set_heading(text, labelled=True)
        elif self._subheading(i, text, previous):
            self._set_heading(text, labelled=False)
        else:
            self._content(line)

    def _open_labelled(self, label: str, text: str) -> None:
        """A unit named by a label in its own text (DATE OF ISSUE, ADOPTION NOTE), running on to the next."""
        self.label = None
        self.current = self.drafts.open(label, self.heading)
        self.current.add_text(text, join=False)

    def _content(self, line: Line) -> None:
        target = self._target()
        if target is None:
            return  # prose before the first clause with no heading to name it: not part of any unit
        bulleted, rest = split_marker(line.text)
        if label := item_label(rest):
            target.add_item(label, rest)
        elif bulleted:
            target.add_bullet(rest)
        else:
            target.add_text(line.text)
        self.drafts.note_markers(line, target)


def parse_numbered(lines: list[Line]) -> ParsedDocument | None:
    """The document as numbered clauses, or None when it does not have enough of them."""
    deep = sum(1 for line in lines if (found := _numbers(line.text)) and 0 not in found[0][1:])
    return _NumberedParser(lines, depth_one=deep < MIN_UNITS).parse()
