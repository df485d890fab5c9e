"""Uploads are sniffed and opened: the extension is never trusted, and nothing hostile is stored."""

from __future__ import annotations

import pytest

from councildesk.core.errors import ValidationFailed
from councildesk.documents import files

from . import samples

MAX = 20 * 1024 * 1024

GOOD = [
    ("minutes.pdf", samples.tiny_pdf("Minutes"), files.PDF),
    ("report.docx", samples.docx(), files.DOCX),
    ("report.odt", samples.odt(), files.ODT),
    ("notes.txt", "Plain notes, with a £ sign.\n".encode(), files.TEXT),
    ("budget.csv", b"line,amount\nroads,100\n", files.CSV),
    ("map.png", samples.png(), files.PNG),
    ("photo.JPG", samples.jpeg(), files.JPEG),
]


@pytest.mark.parametrize(("name", "data", "kind"), GOOD, ids=[g[0] for g in GOOD])
def test_each_accepted_type_is_recognised_from_its_content(name, data, kind):
    inspected = files.inspect(data, name, max_bytes=MAX)
    assert inspected.content_type == kind
    assert inspected.size == len(data)
    assert len(inspected.sha256) == 64


BAD = [
    ("empty.pdf", b"", "empty"),
    ("image.pdf", samples.png(), "content is image/png"),
    ("paper.docx", samples.tiny_pdf(), "content is application/pdf"),
    ("script.png", b"#!/bin/sh\nrm -rf /\n", "not a recognised type"),
    ("broken.pdf", b"%PDF-1.4\n this is not a pdf at all", "cannot be read"),
    ("truncated.pdf", samples.tiny_pdf()[:40], "cannot be read"),
    ("bomb.docx", samples.bomb_docx(), "zip bomb"),
    ("notes.txt", samples.png(), "not text"),
    ("binary.txt", b"abc\x00\x01\x02def", "binary data"),
    ("program.exe", b"MZ\x90\x00", "are not accepted"),
    ("noextension", b"hello", "without an extension"),
    ("fake.odt", samples.docx(), "content is application/vnd.openxmlformats"),
    ("damaged.png", samples.png()[:20], "damaged"),
    ("cut.jpg", samples.jpeg()[:-2] + b"\x00\x00", "damaged or incomplete"),
]


@pytest.mark.parametrize(("name", "data", "words"), BAD, ids=[b[0] for b in BAD])
def test_hostile_or_broken_files_get_a_clear_error(name, data, words):
    with pytest.raises(ValidationFailed) as err:
        files.inspect(data, name, max_bytes=MAX)
    assert words in err.value.message
    assert err.value.problems["file"] == err.value.message


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(ValidationFailed, match="largest allowed"):
        files.inspect(samples.tiny_pdf(), "big.pdf", max_bytes=100)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ('C:\\Users\\x\\"a".pdf', "a.pdf"),
        ("\x00\x1f.pdf", "pdf"),
        ("", "document"),
    ],
)
def test_file_names_are_cleaned(raw, clean):
    assert files.clean_filename(raw) == clean
