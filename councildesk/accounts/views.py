"""Sign-in (password, then the second factor), the account page, passwords, and unlocking (ADR 0014).

A session is signed in only when both steps are done: after the password, the session holds a short-lived
"pending" mark (the person's id), never the signed-in user, so a page cannot be reached half-way.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.people.models import Person

from . import passkey_views, passkeys, services, sessions, throttle
from .forms import (
    CodeForm,
    DeactivateForm,
    NewPasswordForm,
    PasswordChangeForm,
    PasswordResetForm,
    SecondFactorResetForm,
    SetUpForm,
    SignInForm,
)
from .policy import councils_requiring_members, has_app, has_second_factor, second_factor_required

PENDING = "councildesk.accounts.pending"  # {"id": person pk, "at": epoch seconds, "next": url}
SETUP_KEY = "councildesk.accounts.setup_key"
PENDING_SECONDS = 300
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _apply(form: forms.Form, exc: ValidationFailed, rename: dict[str, str] | None = None) -> None:
    rename = rename or {}
    for field, problem in exc.problems.items():
        field = rename.get(field, field)
        if field in form.fields:
            form.add_error(field, exc.message if field != "confirm_password" else problem)
            return
    form.add_error(None, exc.message)


def _safe_next(request: HttpRequest, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def _pending(request: HttpRequest) -> Person | None:
    data = request.session.get(PENDING)
    if not isinstance(data, dict) or time.time() - float(data.get("at", 0)) > PENDING_SECONDS:
        return None
    person_id = data.get("id")
    if not isinstance(person_id, int):
        return None
    return Person.objects.filter(pk=person_id, is_active=True).first()


def _complete(request: HttpRequest, person: Person, method: str) -> HttpResponse:
    data = request.session.pop(PENDING, None) or {}
    request.session.pop(SETUP_KEY, None)
    login(request, person, backend=BACKEND)
    services.sign_in_succeeded(person=person, address=throttle.client_address(request), method=method)
    return redirect(_safe_next(request, data.get("next")))


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username, address = form.cleaned_data["username"], throttle.client_address(request)
        if reason := throttle.refusal(username, address):
            services.sign_in_failed(username=username, address=address, reason=f"refused: {reason} limit")
            return locked_out(request)
        person = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            services.sign_in_failed(username=username, address=address, reason="locked out")
            return locked_out(request)
        if person is None:
            services.sign_in_failed(username=username, address=address, reason="wrong password")
            form.add_error("password", "Enter a correct username and password. Both are case-sensitive.")
        else:
            assert isinstance(person, Person)
            if not (second_factor_required(person) or has_second_factor(person)):
                request.session[PENDING] = {"id": person.pk, "at": time.time(), "next": next_url}
                return _complete(request, person, "none")
            request.session.cycle_key()
            request.session[PENDING] = {"id": person.pk, "at": time.time(), "next": next_url}
            return redirect("sign_in_verify" if has_second_factor(person) else "second_factor_set_up")
    title = "Sign in"
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url, "title": title})


def sign_in_verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    person = _pending(request)
    if person is None:
        messages.info(request, "Sign in again: the time to enter your code ran out.")
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = throttle.client_address(request)
        method = services.second_factor_verify(person=person, code=form.cleaned_data["code"], address=address)
        if method is not None:
            if method == "recovery":
                left = services.recovery_codes_left(person)
                messages.info(request, f"You used a recovery code. You have {left} left: make new ones soon.")
            return _complete(request, person, method)
        form.add_error("code", "The code is not right. Enter the code your app shows now, or a recovery code.")
    context = {
        "form": form,
        "has_app": has_app(person),
        "passkey_options": passkey_views.sign_in_options(request, person),
    }
    return render(request, "accounts/verify.html", context)


def _qr(uri: str) -> str:
    return str(segno.make(uri, error="m").svg_data_uri(scale=5, border=2))


def second_factor_set_up(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: in the sign-in (required and not yet done) or from the account page."""
    signed_in = request.user.is_authenticated
    person = request.user if signed_in else _pending(request)
    if not isinstance(person, Person):
        return redirect("login")
    key = request.session.get(SETUP_KEY)
    if not isinstance(key, str) or request.method == "GET":
        key = request.session[SETUP_KEY] = services.new_totp_key()
    form = SetUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.second_factor_set_up(person=person, key=key, code=form.cleaned_data["code"])
        except ValidationFailed as exc:
            _apply(form, exc)
        else:
            request.session.pop(SETUP_KEY, None)
            if not signed_in:
                _complete(request, person, "app")
            messages.success(request, "Your authenticator app is set up.")
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
    device = TOTPDevice(user=person, key=key)
    uri = device.config_url
    secret = uri.split("secret=", 1)[1].split("&", 1)[0]
    context = {
        "form": form,
        "qr": _qr(uri),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "uri": uri,
        "signing_in": not signed_in,
        "member_councils": councils_requiring_members(person),
        "replacing": signed_in and has_second_factor(person),
    }
    return render(request, "accounts/set_up.html", context)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    person = request.user
    assert isinstance(person, Person)
    context = {
        "has_app": has_app(person),
        "has_second_factor": has_second_factor(person),
        "passkeys": passkeys.passkeys_of(person),
        "required": second_factor_required(person),
        "member_councils": councils_requiring_members(person),
        "codes_left": services.recovery_codes_left(person),
        "can_unlock": services.can_unlock(person),
    }
    return render(request, "accounts/account.html", context)


@require_POST
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, Person)
    try:
        codes = services.recovery_codes_replace(actor=request.user)
    except ValidationFailed as exc:
        messages.error(request, exc.message)
        return redirect("account")
    messages.success(request, "You have 10 new recovery codes. The old ones no longer work.")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    person = request.user
    assert isinstance(person, Person)
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            key = request.session.session_key
            services.password_change(
                actor=person,
                current=form.cleaned_data["current_password"],
                new=form.cleaned_data["new_password"],
                keep_session=key,
            )
        except ValidationFailed as exc:
            _apply(form, exc, {"password": "new_password"})
        else:
            update_session_auth_hash(request, person)  # this session stays, under a new key; the others ended
            sessions.rekeyed(request, person, key)
            messages.success(request, "Your password has been changed. Other devices have been signed out.")
            return redirect("account")
    return render(request, "accounts/password_change.html", {"form": form})


def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"], address=throttle.client_address(request))
        return render(
            request,
            "accounts/password_reset_sent.html",
            {"email": form.cleaned_data["email"], "hours": settings.COUNCILDESK_PASSWORD_RESET_HOURS},
        )
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_confirm(request: HttpRequest) -> HttpResponse:
    uid = request.POST.get("u") or request.GET.get("u") or ""
    token = request.POST.get("t") or request.GET.get("t") or ""
    if services.password_reset_person(uid, token) is None:
        return render(request, "accounts/password_reset_invalid.html", status=400 if uid or token else 200)
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_complete(uid=uid, token=token, new=form.cleaned_data["new_password"])
        except ValidationFailed as exc:
            _apply(form, exc, {"password": "new_password"})
        except NotFound:
            return render(request, "accounts/password_reset_invalid.html", status=400)
        else:
            messages.success(request, "Your password has been reset. Sign in with your new password.")
            return redirect("login")
    return render(request, "accounts/password_reset_confirm.html", {"form": form, "u": uid, "t": token})


@login_required
def lockouts(request: HttpRequest) -> HttpResponse:
    person = request.user
    assert isinstance(person, Person)
    if not services.can_unlock(person):
        raise NotFound("That page")
    if request.method == "POST":
        if username := request.POST.get("username"):
            services.unlock_account(actor=person, username=username)
            messages.success(request, f"{username} can sign in again.")
        elif address := request.POST.get("address"):
            services.unlock_address(actor=person, address=address)
            messages.success(request, f"Sign-ins from {address} are allowed again.")
        return redirect("lockouts")
    names = services.unlockable_usernames(person)
    locks = throttle.account_lockouts(names)
    people = {p.username: p for p in Person.objects.filter(username__in=[lock.username for lock in locks])}
    context: dict[str, Any] = {
        "accounts": [(lock, people.get(lock.username)) for lock in locks],
        "addresses": throttle.address_lockouts() if person.is_host_admin else [],
        "minutes": settings.COUNCILDESK_SIGNIN_LOCKOUT_MINUTES,
    }
    return render(request, "accounts/lockouts.html", context)


def _act_on_person(
    request: HttpRequest,
    form_class: type[forms.Form],
    act: Callable[..., Person],
    done: Callable[[str], str],
    page: str,
) -> HttpResponse:
    """A head officer's (or host administrator's) action on one of their people, named by username with a reason:
    the one shape of the second-factor reset and the deactivation pages."""
    actor = request.user
    assert isinstance(actor, Person)
    if not services.can_unlock(actor):
        raise NotFound("That page")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = act(actor=actor, username=form.cleaned_data["username"], reason=form.cleaned_data["reason"])
        except ValidationFailed as exc:
            _apply(form, exc)
        else:
            messages.success(request, done(person.get_full_name() or person.username))
            return redirect(page)
    return render(request, f"accounts/{page}.html", {"form": form})


@login_required
def second_factor_reset(request: HttpRequest) -> HttpResponse:
    """The head officer (for their council's people) or the host administrator resets a lost authenticator."""
    return _act_on_person(
        request,
        SecondFactorResetForm,
        services.second_factor_reset,
        lambda name: f"{name}'s authenticator app was reset. They will set up a new one at their next sign-in.",
        "second_factor_reset",
    )


@login_required
def deactivate(request: HttpRequest) -> HttpResponse:
    """The head officer (for their council's people) or the host administrator stops someone signing in."""
    return _act_on_person(
        request,
        DeactivateForm,
        services.person_deactivate,
        lambda name: f"{name} can no longer sign in. They were signed out everywhere.",
        "deactivate",
    )


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """What a refused sign-in sees (also django-axes's AXES_LOCKOUT_CALLABLE). 429, and no hint of which limit."""
    context = {"minutes": settings.COUNCILDESK_SIGNIN_LOCKOUT_MINUTES}
    return render(request, "accounts/locked_out.html", context, status=429)
