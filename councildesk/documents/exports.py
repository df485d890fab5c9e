"""The disclosure log as CSV, streamed so a long log never sits in memory."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.http import StreamingHttpResponse

from .permissions import Access
from .selectors import disclosure_log_for

NO_STORE = "private, no-store, max-age=0"
HEADER = ["opened_at", "document_id", "document", "person", "username", "basis", "grant_id"]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_safe(text: str) -> str:
    """Stop a spreadsheet from running a cell that starts like a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def disclosure_log_csv_response(a: Access) -> StreamingHttpResponse:
    rows = disclosure_log_for(a)  # the gate: NotFound unless head officer or Monitoring Officer

    def lines() -> Iterator[str]:
        writer = csv.writer(_Echo())
        yield writer.writerow(HEADER)
        for row in rows.iterator(chunk_size=500):
            yield writer.writerow(
                [
                    row.opened_at.isoformat(),
                    row.document_id,
                    _csv_safe(row.document.title),
                    _csv_safe(str(row.person)),
                    row.person.username,
                    row.basis,
                    row.grant_id or "",
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="disclosure-log-{a.m.council.slug}.csv"'
    response["Cache-Control"] = NO_STORE
    return response
