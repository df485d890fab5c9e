"""Pages for a council: each role's home, the people directory and the structure."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from councildesk.catalogue import rules

from .access import Membership, memberships_of
from .decorators import council_view
from .home import actions_for, rules_for_role
from .permissions import can_manage_structure
from .selectors import (
    committees_list_for,
    groups_list_for,
    people_list_for,
    people_without_a_role_for,
    wards_list_for,
)


@council_view
def council_home(request: HttpRequest, m: Membership) -> HttpResponse:
    profile = m.council.profile
    catalogue = rules()
    role_rules = [(c, catalogue[c.rule_id].summary) for c in profile.cite(*filter(profile.adopts, rules_for_role(m)))]
    return render(
        request,
        "people/home.html",
        {
            "council": m.council,
            "m": m,
            "titles": m.titles(),
            "actions": actions_for(m),
            "role_rules": role_rules,
        },
    )


@council_view
def people(request: HttpRequest, m: Membership) -> HttpResponse:
    keeper = can_manage_structure(m)
    context = {
        "council": m.council,
        "m": m,
        "entries": people_list_for(m),
        "keeper": keeper,
        # Only the head officer, who keeps the council's people, sees those without a role today.
        "former": people_without_a_role_for(m) if keeper else [],
    }
    return render(request, "people/people.html", context)


@council_view
def structure(request: HttpRequest, m: Membership) -> HttpResponse:
    return render(
        request,
        "people/structure.html",
        {
            "council": m.council,
            "m": m,
            "committees": committees_list_for(m),
            "wards": wards_list_for(m),
            "groups": groups_list_for(m),
            "features": m.council.profile.features,
            "keeper": can_manage_structure(m),
        },
    )


def home(request: HttpRequest) -> HttpResponse:
    """Send a signed-in person to their council, or to the list when they serve several."""
    if not request.user.is_authenticated:
        return redirect("login")
    councils = memberships_of(request.user)
    if len(councils) == 1:
        return redirect("council_home", slug=councils[0].slug)
    return redirect("councils")


@login_required
def councils(request: HttpRequest) -> HttpResponse:
    return render(request, "people/councils.html", {"councils": memberships_of(request.user)})  # type: ignore[arg-type]
