"""Turning uploaded bytes into text: plain text and Markdown decoded, Word documents read paragraph by
paragraph.

Every refusal is an ``UnreadableDocument`` whose message names the file. A ``.docx`` is a zip, so its declared
uncompressed size is checked from the zip directory before anything is extracted (a zip bomb is refused
unread).
"""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import PurePath

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from councildesk.protocol.parsing.model import UnreadableDocument

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_DOCX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_DOCX_ENTRIES = 1000
TEXT_SUFFIXES = frozenset({".txt", ".md"})
DOCX_SUFFIX = ".docx"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _decode(data: bytes, name: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableDocument(f"{name} could not be read as text: save it as UTF-8 and upload it again.")
    control = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\v")
    if "\x00" in text or control > max(len(text) // 100, 0):
        raise UnreadableDocument(f"{name} looks like a binary file, not text. Upload a .docx, .txt or .md file.")
    return text


def _check_zip(data: bytes, name: str) -> None:
    """Refuse a .docx that is not a zip, has too many entries or would expand past the limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise UnreadableDocument(f"{name} is not a valid Word document (.docx); it may be corrupt.") from exc
    if len(entries) > MAX_DOCX_ENTRIES:
        raise UnreadableDocument(f"{name} has too many parts ({len(entries)}) to be a protocol document.")
    expanded = sum(entry.file_size for entry in entries)
    if expanded > MAX_DOCX_UNCOMPRESSED_BYTES:
        raise UnreadableDocument(
            f"{name} would expand to {_megabytes(expanded)}; the limit is "
            f"{_megabytes(MAX_DOCX_UNCOMPRESSED_BYTES)}. It was not opened."
        )
    if not any(entry.filename == "word/document.xml" for entry in entries):
        raise UnreadableDocument(f"{name} is not a Word document: it has no word/document.xml.")


def _row_line(row_cells: list[str]) -> str:
    return "\t".join(cell.replace("\n", " ").strip() for cell in row_cells)


def _read_docx(data: bytes, name: str) -> str:
    _check_zip(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    seen: list[object] = []
                    cells: list[str] = []
                    for cell in row.cells:  # a merged cell is listed once per grid column it spans
                        if not any(cell._tc is other for other in seen):
                            seen.append(cell._tc)
                            cells.append(cell.text)
                    lines.append(_row_line(cells))
    except Exception as exc:  # python-docx and lxml raise many types for a damaged package
        raise UnreadableDocument(f"{name} could not be read as a Word document; it may be corrupt.") from exc
    return "\n".join(lines)


def read_document(data: bytes, *, filename: str) -> str:
    """Text of an uploaded protocol: .txt/.md decoded (UTF-8, BOM tolerated, else cp1252); .docx one line per
    paragraph and one tab-separated line per table row. Raises ``UnreadableDocument``."""
    name = PurePath(filename).name or "The file"
    suffix = PurePath(filename).suffix.lower()
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableDocument(
            f"{name} is too large ({_megabytes(len(data))}); the limit is {_megabytes(MAX_UPLOAD_BYTES)}."
        )
    if suffix in TEXT_SUFFIXES:
        return _decode(data, name)
    if suffix == DOCX_SUFFIX:
        return _read_docx(data, name)
    shown = f"'{suffix}'" if suffix else "no extension"
    raise UnreadableDocument(
        f"{name} has an unsupported file type ({shown}). Upload the protocol as .docx, .txt or .md."
    )
