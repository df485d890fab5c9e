"""The five seed protocols parse into the units NOTES.md describes; every clause rules.yaml cites resolves."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import docx
import pytest

from councildesk.catalogue import rules
from councildesk.catalogue.references import unresolved_reason
from councildesk.protocol.parsing import ParsedClause, ParsedDocument, parse_document, parse_text

SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEEDS = ("000", "001", "002", "003", "004")

# Numbered units per seed (NOTES.md, "Units in the catalogue number"), and all units, labelled ones included.
NUMBERED_UNITS = {"001": 23, "002": 54, "003": 29, "004": 94}
ALL_UNITS = {"000": 64, "001": 24, "002": 58, "003": 29, "004": 96}
LABELLED_UNITS = {
    "000": {"VERSION TABLE row 1", "VERSION TABLE row 2", "VERSION TABLE row 3"},
    "001": {"ADOPTION NOTE"},
    "002": {"1.1 fn 1", "3.2 fn 2", "4.1 fn 3", "DATE OF ISSUE"},
    "003": set(),
    "004": {"HEADER", "INTRODUCTION"},
}

# NOTES.md's full map of the unnumbered 000 document: unit -> number of bullets, in document order.
_ACCESS = "COUNCILLORS' ACCESS TO INFORMATION AND TO COUNCIL DOCUMENTS"
MAP_000: list[tuple[str, int]] = [
    *((f"INTRODUCTION ¶{n}", 4 if n == 13 else 0) for n in range(1, 14)),
    *((f"BACKGROUND ¶{n}", 0) for n in range(1, 4)),
    ("ROLES OF COUNCILLORS AND OFFICER/CLERKS ¶1", 3),
    ("Councillors ¶1", 4),
    ("Councillors ¶2", 0),
    ("Councillors ¶3", 0),
    ("Councillors ¶4", 0),
    ("Councillors ¶5", 16),
    ("Chairs and vice-chairs of council and committees ¶1", 0),
    *((f"Officer/Clerks ¶{n}", 12 if n == 4 else 0) for n in range(1, 8)),
    *((f"The Relationship: General ¶{n}", 4 if n == 5 else 0) for n in range(1, 8)),
    ("Expectations ¶1", 11),
    ("Expectations ¶2", 7),
    ("Some general principles ¶1", 0),
    ("Some general principles ¶2", 0),
    *((f"{_ACCESS} ¶{n}", 0) for n in range(1, 7)),
    *((f"CORRESPONDENCE ¶{n}", 0) for n in range(1, 4)),
    *((f"PRESS AND MEDIA ¶{n}", 0) for n in range(1, 8)),
    *((f"Procedure for Officer/Clerks ¶{n}", 0) for n in range(1, 4)),
    ("Procedure for councillors ¶1", 0),
    *((f"VERSION TABLE row {n}", 0) for n in range(1, 4)),
]

_NUMBERED_REF = re.compile(r"^\d+(?:\.\d+)+$")


def _clause(doc: ParsedDocument, ref: str) -> ParsedClause:
    clause = doc.clause(ref)
    assert clause is not None, f"no unit {ref!r}"
    return clause


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    if not SEEDS_DIR.is_dir():
        message = f"seed protocols not found at {SEEDS_DIR}"
        if "CI" in os.environ:
            pytest.fail(f"{message} (CI is set, so this is an error, not a skip)")
        pytest.skip(message)
    texts = {}
    for seed in SEEDS:
        found = sorted(SEEDS_DIR.glob(f"{seed}_*.txt"))
        assert found, f"no seed file {seed}_*.txt in {SEEDS_DIR}"
        texts[seed] = found[0].read_text(encoding="utf-8")
    return texts


@pytest.fixture(scope="session")
def parsed(seed_texts: dict[str, str]) -> dict[str, ParsedDocument]:
    return {seed: parse_text(text) for seed, text in seed_texts.items()}


@pytest.mark.parametrize("seed", SEEDS)
def test_every_reference_cited_in_rules_resolves(parsed, seed):
    units = parsed[seed].units()
    failures = [
        f"{rule.id}: {ref!r}: {reason}"
        for rule in rules().values()
        for ref in rule.sources.get(seed, ())
        if (reason := unresolved_reason(ref, units)) is not None
    ]
    cited = sum(len(rule.sources.get(seed, ())) for rule in rules().values())
    assert cited > 0, f"rules.yaml cites nothing in seed {seed}"
    assert not failures, f"{len(failures)} unresolved reference(s) in seed {seed}:\n" + "\n".join(failures)


@pytest.mark.parametrize("seed", SEEDS)
def test_unit_counts(parsed, seed):
    refs = [c.ref for c in parsed[seed].clauses]
    assert len(refs) == len(set(refs)), "unit references must be unique"
    numbered = [r for r in refs if _NUMBERED_REF.match(r)]
    assert len(numbered) == NUMBERED_UNITS.get(seed, 0)
    assert len(refs) == ALL_UNITS[seed]
    labelled = {r for r in refs if not _NUMBERED_REF.match(r) and "¶" not in r}
    assert labelled == LABELLED_UNITS[seed]
    assert [c.position for c in parsed[seed].clauses] == list(range(len(refs)))


def test_styles_and_titles(parsed):
    assert {seed: doc.style for seed, doc in parsed.items()} == {
        "000": "unnumbered",
        "001": "numbered",
        "002": "numbered",
        "003": "numbered",
        "004": "numbered",
    }
    assert parsed["000"].title == "MODEL COUNCILLOR-OFFICER/CLERK PROTOCOL"
    assert parsed["001"].title == "MEMBER/OFFICER PROTOCOL"
    assert parsed["002"].title.startswith("Annex 2.4")
    assert parsed["003"].title == ""  # the text held has no title
    assert parsed["004"].title == "MEMBER/ OFFICER PROTOCOL"


def test_000_matches_the_notes_map_exactly(parsed):
    assert [(c.ref, len(c.items)) for c in parsed["000"].clauses] == MAP_000


def test_000_facts(parsed):
    doc = parsed["000"]
    units = doc.units()
    assert units["Officer/Clerks ¶4"] == tuple(str(n) for n in range(1, 13))
    assert len(units["Councillors ¶5"]) == 16
    assert "VERSION TABLE row 3" in units
    assert "VERSION TABLE row 4" not in units
    # The table of contents is no unit: the first unit is the introduction's first paragraph.
    first = doc.clauses[0]
    assert (first.ref, first.heading) == ("INTRODUCTION ¶1", "INTRODUCTION")
    assert all("\t" not in c.text and not c.ref.startswith("Contents") for c in doc.clauses)
    # A stray blank line inside a sentence does not start a new paragraph.
    assert "with the Officer/Clerk, regardless" in _clause(doc, "Councillors ¶2").text
    # The stray line after a blank is bullet 11 of the same list.
    assert _clause(doc, "Officer/Clerks ¶4").text.splitlines()[11].startswith("• or to influence")
    # The IF THINGS GO WRONG subheadings name their units without the printed colon.
    assert {c.heading for c in doc.clauses if c.ref.startswith("Procedure")} == {
        "Procedure for Officer/Clerks",
        "Procedure for councillors",
    }
    assert "IF THINGS GO WRONG ¶1" not in units
    assert _clause(doc, "VERSION TABLE row 3").text.startswith("05.05.2026 | 3")


def test_002_misprints_footnotes_and_markup(parsed):
    doc = parsed["002"]
    printed = {c.ref: c.printed for c in doc.clauses if c.printed}
    assert printed == {"3.5": "3.3.5", "3.6": "3.4.3.6", "3.7": "3.5.3.7"}
    assert doc.units()["5.4"][-2:] == ("xiv", "xv")
    assert doc.units()["5.5"] == ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi")
    for ref in ("1.1 fn 1", "3.2 fn 2", "4.1 fn 3"):
        footnote = doc.clause(ref)
        assert footnote is not None
        assert footnote.text
        assert "<sup>" not in footnote.text
    assert all("<sup>" not in c.text and "**" not in c.text and "~~" not in c.text for c in doc.clauses)
    assert all("](" not in c.text for c in doc.clauses)
    # Struck (superseded) words are dropped; inserted ones kept.
    assert "raise the matter with the Chief Executive" in _clause(doc, "6.2").text
    # The footnote body is not part of the clause it follows, and the running page header is no text at all.
    assert "HM Government" not in _clause(doc, "1.8").text
    assert not any("Annex 2.4" in c.text for c in doc.clauses)
    # A sentence broken by blank lines stays in its clause.
    assert "It is an important principle" in _clause(doc, "7.2").text


def test_001_x0_lines_are_headings_not_units(parsed):
    doc = parsed["001"]
    assert not any(c.ref.endswith(".0") or c.ref in {"1", "2", "3", "4", "5", "6", "7"} for c in doc.clauses)
    assert _clause(doc, "1.1").heading == "Reason for policy"
    assert doc.units()["5.1"] == tuple(str(n) for n in range(1, 13))
    assert doc.clauses[-1].ref == "ADOPTION NOTE"
    assert "minute reference" in doc.clauses[-1].text


def test_003_and_004_shapes(parsed):
    d3, d4 = parsed["003"], parsed["004"]
    assert d3.units()["6.1"] == tuple("abcdefghijkl")
    assert "3.1" in d3.units()
    assert "3.1." not in d3.units()
    assert [c.ref for c in d4.clauses[:3]] == ["HEADER", "INTRODUCTION", "1.1"]
    assert "Adopted" in d4.clauses[0].text
    assert "Reviewed" in d4.clauses[0].text
    assert _clause(d4, "1.1").heading == "PRINCIPLES"
    assert d4.units()["2.9"] == ("a", "b", "c", "d")
    assert d4.units()["5.3"] == ("a", "b", "c", "d", "e")
    assert "14" not in d4.units()


def _docx_bytes(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("seed", SEEDS)
def test_docx_round_trip_gives_the_same_units(seed_texts, parsed, seed):
    from_docx = parse_document(_docx_bytes(seed_texts[seed].split("\n")), filename=f"{seed}.docx")
    assert from_docx.units() == parsed[seed].units()
    assert [c.text for c in from_docx.clauses] == [c.text for c in parsed[seed].clauses]


@pytest.mark.parametrize("seed", SEEDS)
def test_units_survive_losing_blank_lines(seed_texts, parsed, seed):
    """Word documents have no empty paragraphs between paragraphs; the units must not depend on them."""
    squeezed = "\n".join(line for line in seed_texts[seed].split("\n") if line.strip())
    assert parse_text(squeezed).units() == parsed[seed].units()


def test_000_headings_are_found_without_its_table_of_contents(seed_texts, parsed):
    lines = seed_texts["000"].split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().lower() == "contents")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or "\t" in lines[end]):
        end += 1
    without_contents = parse_text("\n".join(lines[:start] + lines[end:]))
    assert without_contents.clauses == parsed["000"].clauses
