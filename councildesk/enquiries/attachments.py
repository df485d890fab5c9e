"""Checking an enquiry attachment before anything is stored: size, emptiness, and its real type by content.

The file name's extension is never trusted: the type is sniffed from the bytes (``filetype``), and the sniffed
type must be one we accept and must agree with the extension the councillor gave it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings

from councildesk.core.errors import ValidationFailed
from councildesk.core.sizes import human_size

# sniffed MIME type -> extensions a file of that type may carry
ALLOWED: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "text/plain": (".txt", ".csv"),
}
TEXT_LIMIT = 64 * 1024  # bytes inspected to decide that a file with no signature is plain UTF-8 text


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str
    sha256: str


def _sniff(content: bytes) -> str | None:
    kind = filetype.guess(content)
    if kind is not None:
        return str(kind.mime)
    try:
        content[:TEXT_LIMIT].decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < TEXT_LIMIT - 4:  # a cut multi-byte character at the very end is still text
            return None
    return "text/plain" if b"\x00" not in content[:TEXT_LIMIT] else None


def check_attachment(name: str, content: bytes) -> CheckedFile:
    limit = settings.COUNCILDESK_MAX_ATTACHMENT_BYTES
    field = {"attachments": ""}
    clean_name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "attachment"
    if not content:
        raise ValidationFailed(f"{clean_name} is empty.", {**field, "attachments": f"{clean_name} is empty"})
    if len(content) > limit:
        raise ValidationFailed(
            f"{clean_name} is {human_size(len(content))}; the most an attachment may be is {human_size(limit)}.",
            {"attachments": f"{clean_name} is larger than {human_size(limit)}"},
        )
    sniffed = _sniff(content)
    if sniffed not in ALLOWED:
        raise ValidationFailed(
            f"{clean_name} is not a type we accept. Attach a PDF, Word (.docx), OpenDocument (.odt), "
            "plain text, CSV, PNG or JPEG file.",
            {"attachments": f"{clean_name}: type not accepted"},
        )
    extension = "." + clean_name.rsplit(".", 1)[-1].lower() if "." in clean_name else ""
    if extension not in ALLOWED[sniffed]:
        raise ValidationFailed(
            f"{clean_name} is named as {extension or 'no type'} but its content is {sniffed}. "
            "Rename it to match what it is, or attach the right file.",
            {"attachments": f"{clean_name}: name and content disagree"},
        )
    return CheckedFile(clean_name, content, sniffed, hashlib.sha256(content).hexdigest())
