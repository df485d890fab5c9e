"""The protocol parser on small documents written for the purpose, and on bad input."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from councildesk.catalogue.references import parse_reference, unresolved_reason
from councildesk.protocol.parsing import (
    NotAProtocol,
    ParsedClause,
    ParsedDocument,
    UnreadableDocument,
    parse_document,
    parse_text,
    read_document,
)
from councildesk.protocol.parsing.reading import MAX_DOCX_UNCOMPRESSED_BYTES, MAX_UPLOAD_BYTES

REPO = Path(__file__).resolve().parents[2]


def _clause(doc: ParsedDocument, ref: str) -> ParsedClause:
    clause = doc.clause(ref)
    assert clause is not None, f"no unit {ref!r} in {list(doc.units())}"
    return clause


def _docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- unreadable input ---------------------------------------------------------------------------


def test_corrupt_docx_is_unreadable():
    with pytest.raises(UnreadableDocument, match=r"x\.docx"):
        parse_document(os.urandom(4096), filename="x.docx")


def test_zip_without_a_word_document_is_unreadable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    with pytest.raises(UnreadableDocument, match=r"word/document\.xml"):
        read_document(buffer.getvalue(), filename="notes.docx")


def test_zip_bomb_is_refused_before_extraction():
    buffer = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as entry:
            for _ in range(MAX_DOCX_UNCOMPRESSED_BYTES // len(chunk) + 10):
                entry.write(chunk)
    data = buffer.getvalue()
    assert len(data) < MAX_UPLOAD_BYTES  # small on the wire, huge when opened
    with pytest.raises(UnreadableDocument, match=r"bomb\.docx would expand to"):
        read_document(data, filename="bomb.docx")


@pytest.mark.parametrize("filename", ["protocol.pdf", "setup.exe", "protocol.doc", "README"])
def test_unsupported_types_are_unreadable(filename):
    with pytest.raises(UnreadableDocument, match="unsupported file type"):
        parse_document(b"1.1 Some text.", filename=filename)


def test_too_large_upload_is_unreadable():
    with pytest.raises(UnreadableDocument, match="too large"):
        read_document(b"a" * (MAX_UPLOAD_BYTES + 1), filename="big.txt")


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"PK\x03\x04\x14\x00\x00\x00" * 64])
def test_binary_named_txt_is_unreadable(data):
    expected = r"data\.txt (looks like a binary file|could not be read as text)"
    with pytest.raises(UnreadableDocument, match=expected):
        read_document(data, filename="data.txt")


def test_text_decoding_tolerates_bom_and_falls_back_to_cp1252():
    assert read_document("\ufeff1.1 Caf\u00e9".encode(), filename="a.txt") == "1.1 Caf\u00e9"
    smart = "Councillor\u2019s view"
    assert read_document(smart.encode("cp1252"), filename="a.md") == smart
    assert read_document("1.1 x".encode("utf-16"), filename="a.TXT") == "1.1 x"


def test_docx_tables_become_tab_separated_lines():
    data = _docx(["Version history"], table=[["Date", "Version", "Change"], ["01.02.2024", "1", "Adopted"]])
    lines = read_document(data, filename="t.docx").splitlines()
    assert lines[-2:] == ["Date\tVersion\tChange", "01.02.2024\t1\tAdopted"]


# --- not a protocol -----------------------------------------------------------------------------

SHOPPING_LIST = "Shopping list\n\nMilk\nEggs\nBread\nTea bags\n"
SHOPPING_WITH_HEADINGS = "Fruit\n\n- apples\n- pears\n\nVegetables\n\n- carrots\n- leeks\n"
NUMBERED_SHOPPING = "1.5 kg potatoes\n2.5 litres milk\n0.5 kg butter\n"
CSV = "name,role,email\nAda,Clerk,ada@example.org\nBob,Councillor,bob@example.org\n"


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", SHOPPING_LIST, SHOPPING_WITH_HEADINGS, NUMBERED_SHOPPING, CSV])
def test_text_without_clause_structure_is_not_a_protocol(text):
    with pytest.raises(NotAProtocol):
        parse_text(text)


def test_not_a_protocol_message_names_the_file():
    with pytest.raises(NotAProtocol, match=r"^list\.txt: "):
        parse_document(SHOPPING_LIST.encode(), filename="uploads/list.txt")


# --- numbered styles ----------------------------------------------------------------------------

PDF_STYLE = """\
 1. Purpose
1.1. This protocol explains how members and staff of the council
work together, and what each may expect of the other.
1.2. Members must read it when they take office.
2. Expectations
2.1. Members can expect from staff:
a. Timely replies to their questions about council
business;
b. Impartial advice;
c. Courtesy.
A margin note
2.2. Staff can expect members to respect their working hours.
"""


def test_pdf_style_numbers_with_trailing_dots_and_lettered_items():
    doc = parse_text(PDF_STYLE)
    assert doc.style == "numbered"
    assert doc.title == ""
    assert list(doc.units()) == ["1.1", "1.2", "2.1", "2.2"]
    assert doc.units()["2.1"] == ("a", "b", "c")
    assert _clause(doc, "1.1").heading == "Purpose"
    assert "council work together" in _clause(doc, "1.1").text
    assert "council business;" in _clause(doc, "2.1").text
    assert _clause(doc, "2.2").heading == "A margin note"


WORD_EXPORT = """\
PARISH MEMBER/OFFICER PROTOCOL

1.0 Why we have this protocol

1.1\tGood working relationships between councillors and the Clerk \tdepend on trust and courtesy.

1.2 The same principles apply to every committee and working group of the council.

2.0 What councillors can expect

2.1 \tCouncillors can expect:

\u00b7 A working partnership;
\u00b7 Timely answers to enquiries;
\u00b7 Advice that is not influenced by party politics.




\tAdopted by the council at its meeting on 1 March 2020 under minute 123.
\tThe vote was unanimous.
"""


def test_word_export_x0_headings_bullets_and_adoption_note():
    doc = parse_text(WORD_EXPORT)
    assert doc.title == "PARISH MEMBER/OFFICER PROTOCOL"
    assert list(doc.units()) == ["1.1", "1.2", "2.1", "ADOPTION NOTE"]
    assert doc.units()["2.1"] == ("1", "2", "3")
    assert _clause(doc, "2.1").heading == "What councillors can expect"
    assert "Clerk depend on trust" in _clause(doc, "1.1").text
    note = _clause(doc, "ADOPTION NOTE")
    assert "minute 123" in note.text
    assert "unanimous" in note.text
    assert unresolved_reason("2.1 •2-3", doc.units()) is None
    assert unresolved_reason("2.1 •4", doc.units()) == "clause '2.1' has no item 4"


MARKDOWN = """\
## Annex 9 - Protocol on Member and Officer Relations

### 1 Introduction

- 1.1 This protocol follows national guidance on conduct in public life.<sup>1</sup>
- 1.2 It applies to ~~all members~~every member and to co-opted members.

---

<sup>1</sup> See the [guidance](#) published by the government.

1.3 It should be read with the [Constitution](#).

## **2 Access**

**2.1** Members should raise service requests through the contact centre.

**2.2** Members should raise policy questions with a director.

**2.1.2.3** Both sides should aim to reply within five working days.

- 2.4 Members can expect the following from officers:
- (i) A commitment to the whole council.
  - (ii) Impartial advice.

- (ii)(iii) Timely replies.

## **3 Conclusion**

Annex 9 \u2013 Protocol on Member and Officer Relations

Date of issue: 1 May 2024

- 3.1 This protocol may be revised at any time.
"""


def test_markdown_footnotes_misprints_struck_text_and_labels():
    doc = parse_text(MARKDOWN)
    assert doc.title == "Annex 9 - Protocol on Member and Officer Relations"
    assert list(doc.units()) == [
        "1.1",
        "1.2",
        "1.1 fn 1",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "DATE OF ISSUE",
        "3.1",
    ]
    assert _clause(doc, "2.3").printed == "2.1.2.3"
    assert all(c.printed is None for c in doc.clauses if c.ref != "2.3")
    assert doc.units()["2.4"] == ("i", "ii", "iii")
    assert _clause(doc, "1.1 fn 1").text == "See the guidance published by the government."
    assert _clause(doc, "1.2").text == "It applies to every member and to co-opted members."
    assert _clause(doc, "1.3").text == "It should be read with the Constitution."
    assert _clause(doc, "DATE OF ISSUE").text == "Date of issue: 1 May 2024"
    assert _clause(doc, "2.1").heading == "Access"
    assert unresolved_reason("2.3 (printed 2.1.2.3)", doc.units()) is None


WORD_WITH_CONTENTS = """\
MEMBER/OFFICER PROTOCOL

Adopted: June 2021

Reviewed: June 2023

CONTENTS

INTRODUCTION\t2
1. PRINCIPLES\t2
2. CONDUCT\t3

INTRODUCTION

This protocol adds detail to the codes of conduct for members and for officers of the council.

1. PRINCIPLES

1.1 Members and officers must observe this protocol at all times.

1.2 Members may not instruct officers other than:

- a. through a formal decision of the council
- b. to ask for stationery provided for members.

2.

2. CONDUCT

- 2.1 Members' roles in employment are limited to:
 - a. appointing specified posts
 - b. hearing appeals.
"""


def test_word_export_with_contents_header_and_introduction():
    doc = parse_text(WORD_WITH_CONTENTS)
    assert doc.title == "MEMBER/OFFICER PROTOCOL"
    assert list(doc.units()) == ["HEADER", "INTRODUCTION", "1.1", "1.2", "2.1"]
    assert _clause(doc, "HEADER").text == "Adopted: June 2021\nReviewed: June 2023"
    assert _clause(doc, "INTRODUCTION").text.startswith("This protocol adds detail")
    assert doc.units()["1.2"] == ("a", "b")
    assert doc.units()["2.1"] == ("a", "b")
    assert _clause(doc, "2.1").heading == "CONDUCT"


def test_paragraph_numbered_document():
    text = "\n".join(
        f"{n}. Members and officers shall treat each other with courtesy in matter {n}." for n in range(1, 5)
    )
    doc = parse_text(f"SMALL PROTOCOL\n\n{text}\n")
    assert list(doc.units()) == ["1", "2", "3", "4"]


def test_crlf_line_endings_parse_the_same():
    assert parse_text(WORD_WITH_CONTENTS.replace("\n", "\r\n")) == parse_text(WORD_WITH_CONTENTS)


# --- unnumbered style ---------------------------------------------------------------------------

UNNUMBERED = """\
Example Parish Council

MODEL MEMBER-CLERK PROTOCOL

Contents

PURPOSE\t1
Councillors\t2
If things go wrong:\t3

PURPOSE

This protocol guides councillors and the Clerk in their dealings with each other.

It covers:

- the roles of each;
- where to go with a concern.

Councillors

Councillors should treat the Clerk with respect and must not give instructions

outside a decision of the council.

The Clerk can expect councillors:

- to act within the council's policies
- to respect confidentiality

- and not to bully or harass
- to follow the code of conduct

Councillors must not ask the Clerk to act beyond the authority given.

If things go wrong:

Concerns should be raised with the chair in the first instance and then, if needed, formally.

Date\tVersion\tChange\tReview
01.01.2024\t1\tAdopted\tJanuary 2025
01.01.2025\t2\tReviewed\tJanuary 2026
"""


def test_unnumbered_headings_paragraphs_lists_and_version_table():
    doc = parse_text(UNNUMBERED)
    assert doc.style == "unnumbered"
    assert doc.title == "MODEL MEMBER-CLERK PROTOCOL"
    assert [(c.ref, c.items) for c in doc.clauses] == [
        ("PURPOSE ¶1", ()),
        ("PURPOSE ¶2", ("1", "2")),
        ("Councillors ¶1", ()),
        ("Councillors ¶2", ("1", "2", "3", "4")),
        ("Councillors ¶3", ()),
        ("If things go wrong ¶1", ()),
        ("VERSION TABLE row 1", ()),
        ("VERSION TABLE row 2", ()),
    ]
    assert "instructions outside a decision" in _clause(doc, "Councillors ¶1").text
    assert _clause(doc, "VERSION TABLE row 2").text == "01.01.2025 | 2 | Reviewed | January 2026"
    assert unresolved_reason("Councillors ¶2 •3-4", doc.units()) is None


def test_unnumbered_without_contents_finds_the_same_units():
    lines = UNNUMBERED.splitlines()
    start = lines.index("Contents")
    without = "\n".join(lines[:start] + lines[start + 5 :])
    assert parse_text(without).units() == parse_text(UNNUMBERED).units()


def test_unnumbered_docx_round_trip():
    from_docx = parse_document(_docx(UNNUMBERED.split("\n")), filename="protocol.docx")
    assert from_docx == parse_text(UNNUMBERED)


def test_units_mapping_is_what_references_expect():
    doc = parse_text(PDF_STYLE)
    assert doc.units() == {c.ref: c.items for c in doc.clauses}
    assert unresolved_reason("2.1(b)-(c)", doc.units()) is None
    assert unresolved_reason("2.1(d)", doc.units()) == "clause '2.1' has no item d"
    assert unresolved_reason("9.9", doc.units()) == "clause '9.9' does not exist in the imported protocol"


def test_parsing_stays_pure():
    code = (
        "import sys, councildesk.protocol.parsing, councildesk.catalogue.references\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not bad, bad\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env=environment)


# --- properties ---------------------------------------------------------------------------------

_numbers = st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=4).map(
    lambda parts: ".".join(map(str, parts))
)
_letters = st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=2, unique=True).map(sorted)


@given(unit=_numbers, letters=_letters, bullets=st.tuples(st.integers(1, 30), st.integers(0, 5)))
def test_parse_reference_round_trips_numbered_references(unit, letters, bullets):
    assert parse_reference(unit).unit == unit
    first, last = letters[0], letters[-1]
    ranged = f"{unit}({first})" if first == last else f"{unit}({first})-({last})"
    expected = tuple(chr(c) for c in range(ord(first), ord(last) + 1))
    if not (first in "ivx" and last in "ivx" and first != last):  # (i)-(v) reads as roman numerals
        assert parse_reference(ranged).items == expected
    low, extra = bullets
    bulleted = parse_reference(f"{unit} •{low}-{low + extra}")
    assert (bulleted.unit, bulleted.items) == (unit, tuple(str(n) for n in range(low, low + extra + 1)))


_VOCABULARY = ["members", "officers", "council", "clerk", "shall", "must", "respect", "advice", "the", "a"]
_WORDS = st.lists(st.sampled_from(_VOCABULARY), min_size=13, max_size=20).map(
    lambda words: " ".join(words).capitalize() + "."
)


@settings(max_examples=40, deadline=None)
@given(
    chapters=st.lists(
        st.lists(st.tuples(_WORDS, st.integers(min_value=0, max_value=4)), min_size=2, max_size=5),
        min_size=1,
        max_size=6,
    )
)
def test_generated_numbered_documents_parse_to_their_own_structure(chapters):
    lines, expected = ["GENERATED PROTOCOL", ""], {}
    for c, units in enumerate(chapters, start=1):
        lines += [f"{c}. Chapter number {c}", ""]
        for u, (sentence, n_items) in enumerate(units, start=1):
            lines += [f"{c}.{u} {sentence}", ""]
            labels = tuple("abcdefgh"[:n_items])
            lines += [f"{label}. {sentence}" for label in labels] + [""]
            expected[f"{c}.{u}"] = labels
    doc = parse_text("\n".join(lines))
    assert doc.style == "numbered"
    assert doc.units() == expected
    assert all(c.heading.startswith("Chapter number") for c in doc.clauses)


def test_prose_between_a_chapter_heading_and_its_first_clause_is_kept():
    text = (
        "1. Scope\n\nThis part explains who the protocol applies to and when it takes effect.\n\n"
        "1.1 It applies to every member, every co-opted member and every officer of the council.\n\n"
        "1.2 It takes effect on adoption by the council at a full meeting of the council.\n"
    )
    doc = parse_text(text)
    assert list(doc.units()) == ["SCOPE", "1.1", "1.2"]
    assert _clause(doc, "SCOPE").heading == "Scope"


@pytest.mark.parametrize(
    "hostile",
    ["[" * 100_000, "x" + "." * 100_000 + " 4", "<http:" * 20_000, "[a](" * 25_000, "~~a" * 30_000, "<a " * 30_000],
)
def test_hostile_lines_are_refused_as_not_a_protocol(hostile):
    """Markup clean-up uses bounded patterns, so a long hostile line is refused (a hang would stall the suite)."""
    with pytest.raises(NotAProtocol):
        parse_text(f"{hostile}\n1.1 x\n")
