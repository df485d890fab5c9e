"""The page where a person issues and revokes their own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers

from .tokens import token_issue, token_revoke, tokens_list_for

EXPIRY_CHOICES = [(30, "30 days"), (90, "90 days"), (365, "1 year")]


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    person = request.user
    new_key = None
    if request.method == "POST":
        if "revoke" in request.POST:
            try:
                token_id = int(request.POST["revoke"])
            except ValueError:
                token_id = 0
            token_revoke(actor=person, token_id=token_id)  # type: ignore[arg-type]
            messages.success(request, "The token was revoked.")
            return redirect("tokens")
        try:
            days = int(request.POST.get("days", "90"))
        except ValueError:
            days = 0
        _token, new_key = token_issue(
            actor=person,  # type: ignore[arg-type]
            name=request.POST.get("name", ""),
            days=days,
            read_only=request.POST.get("scope") == "read",
        )
    response = render(
        request,
        "api/tokens.html",
        {"tokens": tokens_list_for(person), "new_key": new_key, "expiry_choices": EXPIRY_CHOICES},  # type: ignore[arg-type]
    )
    add_never_cache_headers(response)  # the new token is on this page once; no cache may keep it
    return response
