"""The one check for every file the product stores: council documents, enquiry attachments, email attachments.

What a file really is comes from its bytes; the name's extension and the sender's content type are never trusted.
The bytes are sniffed with ``filetype`` and then opened structurally: a PDF must parse with pypdf, a DOCX or ODT
is a zip whose directory is checked for a bomb before anything is read, text must decode, a PNG must have its
header chunk, a JPEG its markers. The extension must agree with what the bytes are. A binary file that also
carries HTML markup (a PDF/HTML polyglot, which a browser could run as a page) is refused. ``inspect_all`` adds
the limits on how many files one submission carries and on their total size. Every refusal is a
``ValidationFailed`` on the caller's field (``file`` unless told) whose message says what to do.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

import filetype  # ships no type hints
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from councildesk.core.errors import ValidationFailed
from councildesk.core.sizes import human_size

MAX_ZIP_ENTRIES = 2000
MAX_ZIP_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100  # a document part compressing better than 100:1 is treated as a bomb

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
TEXT = "text/plain"
CSV = "text/csv"
PNG = "image/png"
JPEG = "image/jpeg"

# extension -> (content type, what people call it)
ALLOWED: dict[str, tuple[str, str]] = {
    ".pdf": (PDF, "PDF"),
    ".docx": (DOCX, "Word document (.docx)"),
    ".odt": (ODT, "OpenDocument text (.odt)"),
    ".txt": (TEXT, "plain text"),
    ".csv": (CSV, "CSV"),
    ".png": (PNG, "PNG image"),
    ".jpg": (JPEG, "JPEG image"),
    ".jpeg": (JPEG, "JPEG image"),
}
ALLOWED_NAMES = "PDF, Word (.docx), OpenDocument text (.odt), plain text (.txt), CSV, PNG or JPEG"

logging.getLogger("pypdf").setLevel(logging.ERROR)  # hostile PDFs make pypdf chatty; the refusal says enough


@dataclass(frozen=True)
class Inspected:
    filename: str
    extension: str
    content_type: str
    size: int
    sha256: str


# Markup a browser would act on. A PDF, image or office file never needs it in its raw bytes.
_HTML = re.compile(rb"<(?:script|html|body|iframe|svg|object|embed|meta|form)[\s>/]|<!doctype\s+html", re.I)


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, {"file": message})


def _check_not_polyglot(data: bytes, label: str) -> None:
    if _HTML.search(data):
        raise _refuse(
            f"The {label} also contains web page markup (HTML), which is how a file disguised as a document "
            "looks. It was not stored. Save it again from the program that made it, or print it to PDF."
        )


def clean_filename(name: str) -> str:
    """The last path component, without control characters or quotes, at most 150 characters."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(c for c in base if c.isprintable() and c not in '"<>|:*?/').strip(" .")
    if len(cleaned) > 150:
        stem, dot, ext = cleaned.rpartition(".")
        cleaned = (stem[: 150 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else cleaned[:150]
    return cleaned or "document"


def _check_pdf(data: bytes) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _refuse("The PDF is password-protected. Remove the password and upload it again.")
        if len(reader.pages) < 1:
            raise _refuse("The PDF has no pages.")
    except ValidationFailed:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, OSError) as exc:
        raise _refuse("The file says it is a PDF but it cannot be read as one; it may be damaged.") from exc


def _check_zip(data: bytes, kind: str, required: str, mimetype: bytes | None = None) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
            if len(entries) > MAX_ZIP_ENTRIES:
                raise _refuse(f"The {kind} has too many parts ({len(entries)}); it was not opened.")
            expanded = sum(e.file_size for e in entries)
            packed = max(sum(e.compress_size for e in entries), 1)
            if expanded > MAX_ZIP_EXPANDED_BYTES or expanded > packed * MAX_ZIP_RATIO:
                raise _refuse(
                    f"The {kind} would expand to {human_size(expanded)} from {human_size(len(data))}, "
                    "which is how a zip bomb looks. It was not opened."
                )
            if required not in names:
                raise _refuse(f"The file is not a {kind}: it has no {required}.")
            if mimetype is not None and archive.read("mimetype").strip() != mimetype:
                raise _refuse(f"The file is not a {kind}: its declared type is different.")
    except ValidationFailed:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise _refuse(f"The file says it is a {kind} but it cannot be opened; it may be damaged.") from exc


def _check_png(data: bytes) -> None:
    if len(data) < 33 or data[12:16] != b"IHDR":
        raise _refuse("The PNG image is damaged: it has no header.")
    (length,) = struct.unpack(">I", data[8:12])
    if length != 13 or zlib.crc32(data[12:29]) != struct.unpack(">I", data[29:33])[0]:
        raise _refuse("The PNG image is damaged: its header does not check out.")
    if b"IEND" not in data[-16:]:
        raise _refuse("The PNG image is incomplete: it has no end marker.")


def _check_jpeg(data: bytes) -> None:
    if not data.startswith(b"\xff\xd8\xff") or b"\xff\xd9" not in data[-1024:]:
        raise _refuse("The JPEG image is damaged or incomplete.")


def _check_text(data: bytes, extension: str) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise _refuse("The file is not readable text: save it as UTF-8 and upload it again.") from exc
    control = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\v")
    if "\x00" in text or control > len(text) // 100:
        raise _refuse(f"The file is named {extension} but holds binary data, not text.")
    if extension == ".csv":
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            raise _refuse(f"The CSV file cannot be read: {exc}.") from exc
        if not rows:
            raise _refuse("The CSV file has no rows.")


def inspect(data: bytes, filename: str, *, max_bytes: int, field: str = "file") -> Inspected:
    """Check an upload and say what it is; raises ``ValidationFailed`` for anything not to be stored."""
    if field != "file":
        try:
            return inspect(data, filename, max_bytes=max_bytes)
        except ValidationFailed as exc:
            message = f"{clean_filename(filename)}: {exc.message}"
            raise ValidationFailed(message, {field: message}) from exc
    name = clean_filename(filename)
    extension = PurePath(name).suffix.lower()
    if not data:
        raise _refuse("The file is empty. Choose the file again and upload it.")
    if len(data) > max_bytes:
        raise _refuse(f"The file is {human_size(len(data))}; the largest allowed is {human_size(max_bytes)}.")
    if extension not in ALLOWED:
        raise _refuse(f"Files named {extension or 'without an extension'} are not accepted. Upload {ALLOWED_NAMES}.")
    expected, label = ALLOWED[extension]
    kind = filetype.guess(data)
    found = kind.mime if kind is not None else None
    if expected in (TEXT, CSV):
        if found is not None:
            raise _refuse(f"The file is named {extension} but its content is {found}, not text.")
        _check_text(data, extension)
    elif found != expected:
        what = found or "not a recognised type"
        raise _refuse(f"The file is named {extension} (a {label}) but its content is {what}. It was not stored.")
    else:
        _check_not_polyglot(data, label)  # before parsing: a polyglot may well be a valid PDF or image too
        if expected == PDF:
            _check_pdf(data)
        elif expected == DOCX:
            _check_zip(data, label, "word/document.xml")
        elif expected == ODT:
            _check_zip(data, label, "content.xml", mimetype=ODT.encode())
        elif expected == PNG:
            _check_png(data)
        else:
            _check_jpeg(data)
    return Inspected(
        filename=name,
        extension=extension,
        content_type=expected,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


@dataclass(frozen=True)
class Checked:
    """A file that passed ``inspect``, with its bytes."""

    inspected: Inspected
    data: bytes


def inspect_all(
    files: Sequence[tuple[str, bytes]],
    *,
    max_bytes: int,
    max_count: int,
    max_total: int,
    field: str = "file",
) -> list[Checked]:
    """Check each file, and how many there are and their total size, before any is read structurally."""
    if len(files) > max_count:
        message = f"{len(files)} files were sent; the most one submission may carry is {max_count}."
        raise ValidationFailed(message, {field: message})
    total = sum(len(data) for _, data in files)
    if total > max_total:
        message = (
            f"The files come to {human_size(total)} together; the most one submission may carry is "
            f"{human_size(max_total)}."
        )
        raise ValidationFailed(message, {field: message})
    return [Checked(inspect(data, name, max_bytes=max_bytes, field=field), data) for name, data in files]
