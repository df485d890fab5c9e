"""Passkey pages: add one and remove one (signed in, from the account page), and use one at sign-in (after the
password). The browser side is static/accounts/passkeys.js (no inline script: the CSP allows none); it reads the
ceremony's options from the form's ``data-passkey-options`` and puts the browser's answer in a hidden field.

Each challenge is kept in the session under its purpose and taken out when the answer comes back, so it is used
at most once, and expires after ``CHALLENGE_SECONDS``.
"""

from __future__ import annotations

import time

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from councildesk.core.errors import ValidationFailed
from councildesk.people.models import Person

from . import passkeys, throttle

CHALLENGE = "councildesk.accounts.passkey_challenge"  # {purpose: {"c": base64url, "at": epoch seconds}}
CHALLENGE_SECONDS = 300


class PasskeyForm(forms.Form):
    name = forms.CharField(
        label="Name for this passkey",
        max_length=60,
        help_text="So you can tell your passkeys apart, for example ‘Work laptop’ or ‘Blue security key’.",
        error_messages={"required": "Enter a name for the passkey"},
    )
    credential = forms.CharField(required=False, widget=forms.HiddenInput)


def keep_challenge(request: HttpRequest, purpose: str, challenge: bytes) -> None:
    kept = dict(request.session.get(CHALLENGE) or {})
    kept[purpose] = {"c": bytes_to_base64url(challenge), "at": time.time()}
    request.session[CHALLENGE] = kept


def take_challenge(request: HttpRequest, purpose: str) -> bytes | None:
    kept = dict(request.session.get(CHALLENGE) or {})
    entry = kept.pop(purpose, None)
    request.session[CHALLENGE] = kept
    if not isinstance(entry, dict) or time.time() - float(entry.get("at", 0)) > CHALLENGE_SECONDS:
        return None
    return base64url_to_bytes(str(entry.get("c", "")))


def sign_in_options(request: HttpRequest, person: Person) -> str | None:
    """For the second sign-in step: the options to use one of the person's passkeys (None if they have none)."""
    if not passkeys.passkeys_of(person):
        return None
    options, challenge = passkeys.authentication_options(person, passkeys.relying_party(request))
    keep_challenge(request, "sign_in", challenge)
    return options


@login_required
def passkey_add(request: HttpRequest) -> HttpResponse:
    person = request.user
    assert isinstance(person, Person)
    form = PasskeyForm(request.POST or None)
    rp = passkeys.relying_party(request)
    if request.method == "POST" and form.is_valid():
        try:
            key, codes = passkeys.passkey_register(
                actor=person,
                name=form.cleaned_data["name"],
                credential=form.cleaned_data["credential"],
                challenge=take_challenge(request, "register"),
                rp=rp,
            )
        except ValidationFailed as exc:
            form.add_error("name" if "name" in exc.problems else None, exc.message)
        else:
            messages.success(request, f"Your passkey ‘{key.name}’ is added. You can use it when you sign in.")
            if codes:
                return render(request, "accounts/recovery_codes.html", {"codes": codes})
            return redirect("account")
    options, challenge = passkeys.registration_options(person, rp)
    keep_challenge(request, "register", challenge)
    return render(request, "accounts/passkey_add.html", {"form": form, "options": options})


@require_POST
@login_required
def passkey_remove(request: HttpRequest, passkey_id: int) -> HttpResponse:
    person = request.user
    assert isinstance(person, Person)
    key = passkeys.passkey_remove(actor=person, passkey_id=passkey_id)
    messages.success(request, f"Your passkey ‘{key.name}’ is removed. It no longer signs you in.")
    return redirect("account")


@require_POST
def sign_in_passkey(request: HttpRequest) -> HttpResponse:
    """The second sign-in step with a passkey instead of a code."""
    from .views import _complete, _pending  # the sign-in's own helpers: one pending mark, one way to finish

    person = _pending(request)
    if person is None:
        messages.info(request, "Sign in again: the time to use your passkey ran out.")
        return redirect("login")
    used = passkeys.passkey_verify(
        person=person,
        credential=request.POST.get("credential", ""),
        challenge=take_challenge(request, "sign_in"),
        rp=passkeys.relying_party(request),
        address=throttle.client_address(request),
    )
    if used is None:
        messages.error(request, "Your passkey could not be checked. Try again, or enter a code instead.")
        return redirect("sign_in_verify")
    return _complete(request, person, "passkey")
