"""The coverage page for one council: every rule, this council's clause, its status, code and tests."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from councildesk.people.access import Membership
from councildesk.people.decorators import council_view

from . import report, selectors


@council_view
def coverage(request: HttpRequest, m: Membership) -> HttpResponse:
    slug = m.council.slug
    rows = selectors.coverage_for({slug: m.council.profile})
    status = request.GET.get("status", "")
    shown = [r for r in rows if not status or r.status == status]
    return render(
        request,
        "coverage/coverage.html",
        {
            "council": m.council,
            "profile": m.council.profile,
            "rows": shown,
            "status": status,
            "statuses": report.STATUS_LABELS,
            "figures": report.summary(rows, [slug])[slug],
            "total": len(rows),
        },
    )


@council_view
def coverage_csv(request: HttpRequest, m: Membership) -> HttpResponse:
    rows = selectors.coverage_for({m.council.slug: m.council.profile})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{m.council.slug}-protocol-coverage.csv"'
    writer = csv.writer(response)
    writer.writerow(report.CSV_HEADER)
    writer.writerows(report.as_rows(rows))
    return response
