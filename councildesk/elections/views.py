"""Pages for pre-election periods: the list (everyone in the council) and the head officer's form."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from councildesk.catalogue.ids import R
from councildesk.core.dates import long_date
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view

from . import selectors, services
from .forms import PeriodForm


@council_view
def elections_index(request: HttpRequest, m: Membership) -> HttpResponse:
    profile = m.council.profile
    return render(
        request,
        "elections/index.html",
        {
            "council": m.council,
            "m": m,
            "periods": selectors.periods_for(m),
            "current": selectors.period_on(m.council, m.day),
            "may_record": m.is_head_officer,
            "cites": profile.cite(
                R.ELECTIONS_PRE_ELECTION_PUBLICITY_REVIEW,
                R.ELECTIONS_NO_MEMBER_PUBLIC_MEETINGS_IN_RUN_UP,
                R.ELECTIONS_MEDIA_CARE_IN_RUN_UP,
            ),
        },
    )


@council_view
@require_http_methods(["GET", "POST"])
def election_period_new(request: HttpRequest, m: Membership) -> HttpResponse:
    if not m.is_head_officer:
        raise NotFound("That page")
    form = PeriodForm(request.POST or None, initial={"kind": "scheduled"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            period = services.period_record(
                actor=m.person,
                council=m.council,
                title=d["title"],
                kind=d["kind"],
                poll_date=d["poll_date"],
                notice_date=d["notice_date"],
            )
        except ValidationFailed as exc:
            for field, problem in exc.problems.items():
                form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(
                request,
                f"Pre-election period recorded: from {long_date(period.notice_date)} to {long_date(period.poll_date)}.",
            )
            return redirect("elections", slug=m.council.slug)
    return render(
        request,
        "elections/period_new.html",
        {"council": m.council, "m": m, "form": form},
        status=400 if form.errors else 200,
    )
