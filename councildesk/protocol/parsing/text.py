"""Line-level reading shared by both parsers: markup clean-up, list markers and item labels, sentence ends,
the front matter (title, header dates, table of contents), tables, and the drafts units are built in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from councildesk.protocol.parsing.model import ParsedClause

# --- markup --------------------------------------------------------------------------------------

_SUP = re.compile(r"<sup>\s*(\w+)\s*</sup>", re.IGNORECASE)
_MD_FOOTNOTE_REF = re.compile(r"\[\^(\w+)\](?!:)")
_FOOTNOTE_BODY = re.compile(r"^\s*(?:<sup>\s*(?P<sup>\d+)\s*</sup>|\[\^(?P<md>\d+)\]:)\s*(?P<text>.*)$", re.IGNORECASE)
# Quantifiers are bounded so that no line, however hostile, costs more than linear time.
_STRUCK = re.compile(r"~~.{0,2000}?~~")  # tracked deletions: superseded text, dropped
_LINK = re.compile(r"\[([^\]]{0,300})\]\([^)\s]{0,300}\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]{1,500})>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}(?:\s[^<>]{0,500})?/?>")
_EMPHASIS = re.compile(r"\*\*|__")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u00ad\ufeff"))
_SPACE = re.compile(r"\s+")

SEPARATOR = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?$")
_MARKER = re.compile(r"^(?P<marker>[-\u2013\u2014•·▪●◦*+])\s+(?P<rest>\S.*)$")
_ITEM_PAREN = re.compile(r"^(?P<labels>(?:\([a-z]{1,6}\)\s*)+)(?=\S)")
_ITEM_DOT = re.compile(r"^(?P<label>[a-z]{1,6})[.)]\s+(?=\S)")
_ROMAN = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
_METADATA = re.compile(
    r"^(?P<label>(?:date|adopted|approved|ratified|reviewed|review|issued|effective|version)\b"
    r"[A-Za-z /]{0,30}?)\s*:\s*(?P<value>.{0,80})$",
    re.IGNORECASE,
)
_CONTENTS = re.compile(r"^(?:table of )?contents:?$", re.IGNORECASE)
_FUNCTION_WORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "their",
        "to",
        "with",
        "which",
        "who",
        "that",
        "than",
    )
)
_CLOSERS = "\"'\u201d\u2019)]*"  # closing quotes and brackets after a full stop


def tidy(text: str) -> str:
    """Collapse whitespace (tabs included) to single spaces and trim."""
    return _SPACE.sub(" ", text.translate(_INVISIBLE)).strip()


def heading_key(text: str) -> str:
    """How headings are compared: whitespace tidied, a trailing colon dropped."""
    return tidy(text).rstrip(":").strip()


@dataclass(frozen=True)
class Line:
    """One input line after markup clean-up. ``cells`` keeps the tab-separated columns."""

    text: str
    cells: tuple[str, ...]
    md_heading: bool = False
    markers: tuple[str, ...] = ()  # footnote markers (<sup>1</sup>, [^1]) the line carries
    footnote: str | None = None  # set when the line is the body of footnote N

    @property
    def blank(self) -> bool:
        return not self.text


def _clean(raw: str) -> str:
    if "~~" in raw:
        raw = _STRUCK.sub("", raw)
    if "](" in raw:
        raw = _LINK.sub(r"\1", raw)
    if "<" in raw:
        raw = _TAG.sub("", _AUTOLINK.sub(r"\1", raw))
    return _EMPHASIS.sub("", raw)


def make_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for raw in re.split(r"\r\n|\r|\n|\f|\v", text):
        footnote = None
        if body := _FOOTNOTE_BODY.match(raw):
            footnote = body["sup"] or body["md"]
            raw = body["text"]
        markers = tuple(_SUP.findall(raw)) + tuple(_MD_FOOTNOTE_REF.findall(raw))
        raw = _MD_FOOTNOTE_REF.sub("", _SUP.sub("", raw))
        md_heading = bool(_MD_HEADING.match(raw))
        cleaned = _clean(_MD_HEADING.sub("", raw)).replace("\u00a0", " ")
        cells = tuple(tidy(cell) for cell in cleaned.split("\t"))
        lines.append(Line(tidy(cleaned), cells, md_heading, markers, footnote))
    return lines


# --- small judgements ---------------------------------------------------------------------------


def ends_sentence(text: str) -> bool:
    """Whether a block of text finishes a sentence (so the next block starts a new paragraph)."""
    words = text.split()
    if words and words[-1].lstrip("<").startswith(("http://", "https://")):
        return True  # a paragraph ending in a bare address
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in ".:;?!"


def split_marker(text: str) -> tuple[bool, str]:
    """(True, rest) for a bulleted line ("- x", "· x", "• x"), else (False, text)."""
    if m := _MARKER.match(text):
        return True, m["rest"]
    return False, text


def item_label(text: str) -> str | None:
    """The label of a lettered or roman item line ("a. x", "(b) x", "(xiv)(xv) x" -> "xv"), else None."""
    labels: list[str] = []
    if m := _ITEM_PAREN.match(text):
        labels = re.findall(r"\(([a-z]+)\)", m["labels"])
    elif m := _ITEM_DOT.match(text):
        labels = [m["label"]]
    if labels and all(len(label) == 1 or _ROMAN.match(label) for label in labels):
        return labels[-1]  # a misprinted "(xiv)(xv)" is item (xv)
    return None


def metadata(text: str) -> tuple[str, str] | None:
    """(LABEL, text) for a date/adoption line such as "Date of issue: 1 May 2023", else None."""
    if m := _METADATA.match(text):
        label = tidy(re.sub(r"[^A-Za-z ]", " ", m["label"])).upper()
        return label, text
    return None


def word_count(text: str) -> int:
    return len(text.split())


def heading_like(text: str) -> bool:
    """Short, not a sentence, not a list item: could be a title or a heading."""
    if not text or split_marker(text)[0] or metadata(text) or word_count(text) > 12:
        return False
    return text.rstrip()[-1] not in ".;,!?"


def fallback_heading(text: str, *, next_is_prose: bool) -> bool:
    """A heading in a document without a table of contents: a short line, capitalised, not a sentence, not
    ending on a function word; a trailing colon only when prose (not a list) follows."""
    if not heading_like(text) or not (text[0].isupper() or text[0].isdigit()):
        return False
    last_char, last_word = text[-1], text.rstrip(":").split()[-1].lower()
    if last_word in _FUNCTION_WORDS or not (last_char.isalnum() or last_char in ")'\u2019:"):
        return False
    return last_char != ":" or next_is_prose


def caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return heading_like(text) and len(letters) >= 3 and text == text.upper() and not text[0].isdigit()


def same_title(text: str, title: str) -> bool:
    """Whether a line repeats the document's title (a running page header), dashes and case aside."""

    def key(value: str) -> str:
        return tidy(re.sub("[\u2013\u2014]", "-", value)).lower()

    return bool(title) and key(text) == key(title)


def unit_label(heading: str) -> str:
    """An all-capitals label for a unit named by a heading ("Introduction" -> "INTRODUCTION")."""
    return tidy(re.sub(r"[^A-Za-z ]", " ", heading)).upper()


# --- drafts -------------------------------------------------------------------------------------


@dataclass
class Draft:
    ref: str
    heading: str
    printed: str | None = None
    segments: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    bullets: int = 0

    def add_text(self, text: str, *, join: bool | None = None) -> None:
        """Add prose; it continues the last paragraph or item unless that one finished its sentence."""
        if not text:
            return
        if join is None:
            join = bool(self.segments) and not ends_sentence(self.segments[-1])
        if join and self.segments:
            self.segments[-1] = f"{self.segments[-1]} {text}"
        else:
            self.segments.append(text)

    def add_item(self, label: str, text: str) -> None:
        self.items.append(label)
        self.segments.append(text)

    def add_bullet(self, text: str) -> None:
        self.bullets += 1
        self.items.append(str(self.bullets))
        self.segments.append(f"• {text}")

    def freeze(self, position: int) -> ParsedClause:
        return ParsedClause(self.ref, self.heading, "\n".join(self.segments), tuple(self.items), self.printed, position)


class Drafts:
    """The units in document order; labelled units (HEADER, DATE OF ISSUE, ...) merge rather than repeat."""

    def __init__(self) -> None:
        self._drafts: dict[str, Draft] = {}
        self.owners: dict[str, str] = {}  # footnote marker -> the unit whose text carries it
        self.rows: dict[str, int] = {}  # table label -> rows numbered so far

    def open(self, ref: str, heading: str, printed: str | None = None) -> Draft:
        if ref in self._drafts:
            return self._drafts[ref]
        draft = self._drafts[ref] = Draft(ref, heading, printed)
        return draft

    def note_markers(self, line: Line, draft: Draft) -> None:
        for marker in line.markers:
            self.owners.setdefault(marker, draft.ref)

    def __len__(self) -> int:
        return len(self._drafts)

    def clauses(self) -> tuple[ParsedClause, ...]:
        return tuple(d.freeze(i) for i, d in enumerate(self._drafts.values()))


# --- front matter and tables --------------------------------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    title: str
    body_start: int
    header: tuple[str, ...]  # date/adoption lines before the body, e.g. "Adopted: May 2023"
    contents: frozenset[str]  # heading keys listed in the table of contents


def _contents_entry(line: Line) -> str | None:
    if len(line.cells) >= 2 and line.cells[0] and (line.cells[-1].isdigit() or not line.cells[-1]):
        return heading_key(" ".join(c for c in line.cells[:-1] if c))
    # "Heading ........ 4": trailing page number after a dot leader
    body = line.text.rstrip("0123456789")
    if body != line.text and body.rstrip().endswith(("...", "\u2026")):
        return heading_key(body.rstrip().rstrip(".\u2026 ")) or None
    return None


def _find_contents(lines: list[Line]) -> tuple[range, frozenset[str]] | None:
    """A "Contents" line followed by entries ending in page numbers; or, failing that, three or more such
    entries in a row in the first third of the document."""
    for start, line in enumerate(lines):
        if _CONTENTS.match(line.text):
            entries, end = [], start + 1
            for j in range(start + 1, len(lines)):
                if lines[j].blank:
                    continue
                if (entry := _contents_entry(lines[j])) is None:
                    break
                entries.append(entry)
                end = j + 1
            if entries:
                return range(start, end), frozenset(entries)
    run: list[int] = []
    for j, line in enumerate(lines[: max(len(lines) // 3, 1)]):
        if not line.blank and _contents_entry(line) and line.cells[-1].isdigit():
            run.append(j)
            continue
        if len(run) >= 3:
            break
        if not line.blank:
            run = []
    if len(run) >= 3:
        return range(run[0], run[-1] + 1), frozenset(e for j in run if (e := _contents_entry(lines[j])))
    return None


def _preamble_end(lines: list[Line], starts_body: Callable[[str], bool]) -> int:
    """Where the body begins when there is no table of contents: at the first clause, or at the heading just
    above the first prose. The first short line that mentions "protocol" is the title, never a heading."""
    titled, candidate = False, None
    for i, line in enumerate(lines):
        text = line.text
        if not text or metadata(text):
            continue
        if starts_body(text):
            return i
        if heading_like(text):
            if not titled and "protocol" in text.lower():
                titled = True
            else:
                candidate = i
            continue
        return candidate if candidate is not None else i
    return len(lines)


def read_front_matter(lines: list[Line], starts_body: Callable[[str], bool]) -> FrontMatter:
    """Title, header dates and where the body starts (after the table of contents, if there is one)."""
    entries: frozenset[str] = frozenset()
    if contents := _find_contents(lines):
        span, entries = contents
        preamble_end, body_start = span.start, span.stop
    else:
        preamble_end = body_start = _preamble_end(lines, starts_body)
    preamble = [line.text for line in lines[:preamble_end] if line.text]
    header = tuple(t for t in preamble if metadata(t))
    named = [t for t in preamble if not metadata(t) and heading_like(t)]
    title = next((t for t in named if "protocol" in t.lower()), named[0] if named else "")
    return FrontMatter(title, body_start, header, entries)


def table_runs(lines: list[Line]) -> dict[int, int]:
    """Start index -> end index of runs of two or more consecutive lines of three or more short columns."""
    runs: dict[int, int] = {}
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j].cells) >= 3 and all(len(c) <= 80 for c in lines[j].cells):
            j += 1
        if j - i >= 2:
            runs[i] = j
        i = max(j, i + 1)
    return runs


def add_table(drafts: Drafts, rows: list[Line], heading: str) -> None:
    """Rows become units ``TABLE row n`` (``VERSION TABLE row n`` when the header mentions versions)."""
    first = rows[0].cells
    has_header = not any(c[:1].isdigit() for c in first)
    label = "VERSION TABLE" if any("version" in c.lower() for c in first) else "TABLE"
    body = rows[1:] if has_header else rows
    for row in body:
        n = drafts.rows[label] = drafts.rows.get(label, 0) + 1
        drafts.open(f"{label} row {n}", heading).add_text(" | ".join(c for c in row.cells if c))
