"""Workload and performance pages, and the performance CSV. Other councillors and officers get 404."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from councildesk.catalogue.ids import R
from councildesk.core import clock
from councildesk.core.errors import NotFound
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view

from .permissions import can_see_workload
from .reports import performance, workload


def _guard(m: Membership) -> None:
    if not can_see_workload(m):
        raise NotFound("That page")


@council_view
def workload_page(request: HttpRequest, m: Membership) -> HttpResponse:
    _guard(m)
    w = workload(m, clock.today())
    citations = m.council.profile.cite(R.ACCESS_REQUESTS_PRIVATE_TO_REQUESTER)
    context = {"council": m.council, "m": m, "w": w, "privacy_citations": citations}
    return render(request, "enquiries/workload.html", context)


@council_view
def performance_page(request: HttpRequest, m: Membership) -> HttpResponse:
    _guard(m)
    figures = performance(m, clock.today())
    return render(request, "enquiries/performance.html", {"council": m.council, "m": m, "figures": figures})


@council_view
def performance_csv(request: HttpRequest, m: Membership) -> HttpResponse:
    _guard(m)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{m.council.slug}-enquiry-performance.csv"'
    writer = csv.writer(response)
    writer.writerow(["month", "answered", "within_target", "share_within_target_percent", "median_days", "p90_days"])
    for f in performance(m, clock.today()):
        writer.writerow(
            [f.month.strftime("%Y-%m"), f.answered, f.within_target, f.share_percent, f.median_days, f.p90_days]
        )
    return response
