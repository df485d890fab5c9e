"""The Monitoring Officer's overview page, at /c/<slug>/monitoring/ of the council where they hold the role."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from councildesk.core.errors import NotFound
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view

from . import selectors


@council_view
def monitoring_overview(request: HttpRequest, m: Membership) -> HttpResponse:
    if not selectors.is_monitoring_officer(m):
        raise NotFound("That page")
    profile = m.council.profile
    return render(
        request,
        "oversight/overview.html",
        {
            "council": m.council,
            "m": m,
            "title": profile.title_for("monitoring_officer"),
            "watches": selectors.overview_for(m),
            "recent_days": selectors.RECENT_DAYS,
        },
    )
