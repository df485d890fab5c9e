"""``council_view``: sign-in plus the council access gate for every page under /c/<slug>/."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from .access import Membership, membership_for

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, Membership, P], HttpResponseBase]


def council_view(view: View[P]) -> Callable[..., HttpResponseBase]:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        membership = membership_for(request.user, slug)  # type: ignore[arg-type]
        # Past the gate only: an error page raised by the view keeps this council's header and navigation.
        request.council = membership.council  # type: ignore[attr-defined]
        return view(request, membership, *args, **kwargs)

    return wrapper
