"""Checking enquiry attachments before anything is stored, with the product's one file inspection.

``councildesk.core.uploads`` decides what each file really is (sniffed from its bytes, opened structurally, zip
bombs and PDF/HTML polyglots refused), and limits how many files one enquiry carries and their total size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from councildesk.core import uploads


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str
    sha256: str


def check_attachments(files: Sequence[tuple[str, bytes]]) -> list[CheckedFile]:
    """Each file checked, and the set within the count and total limits; ``ValidationFailed`` otherwise."""
    checked = uploads.inspect_all(
        files,
        max_bytes=settings.COUNCILDESK_MAX_ATTACHMENT_BYTES,
        max_count=settings.COUNCILDESK_MAX_ATTACHMENTS,
        max_total=settings.COUNCILDESK_MAX_ATTACHMENTS_TOTAL_BYTES,
        field="attachments",
    )
    return [CheckedFile(c.inspected.filename, c.data, c.inspected.content_type, c.inspected.sha256) for c in checked]


def check_attachment(name: str, content: bytes) -> CheckedFile:
    return check_attachments([(name, content)])[0]
