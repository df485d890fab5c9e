"""Server-side sessions by person: each sign-in is indexed (``SignedInSession``) so that a second-factor reset, a
password reset or change, and a deactivation end the person's other sessions on the server, and a copied session
cookie stops working at once (issue 9).

Django finds a session by its key only, so without this index ending "every session of a person" would mean
decoding every session in the store. Sign-in adds the key (``user_logged_in``), sign-out and the session limits
remove it (``user_logged_out``); a key the store has expired on its own is removed the next time it is swept
here. Sessions from before this index existed end by the absolute limit (``COUNCILDESK_SESSION_MAX_HOURS``).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

from councildesk.core import clock
from councildesk.people.models import Person

from .models import SignedInSession


def _store(key: str | None = None) -> SessionBase:
    engine = import_module(settings.SESSION_ENGINE)
    store: SessionBase = engine.SessionStore(session_key=key)
    return store


def track(request: HttpRequest, person: Person) -> None:
    """Index the request's session as one of ``person``'s. Bookkeeping for ending it later, not audited."""
    key = request.session.session_key
    if key:
        SignedInSession.objects.update_or_create(
            session_key=key, defaults={"person": person, "signed_in_at": clock.now()}
        )


def signed_in(sender: object, request: HttpRequest | None = None, user: Any = None, **_: Any) -> None:
    """``user_logged_in``: login() has already cycled the key, so the key indexed is the one the cookie carries."""
    if request is not None and hasattr(request, "session") and isinstance(user, Person):
        track(request, user)


def signed_out(sender: object, request: HttpRequest | None = None, **_: Any) -> None:
    """``user_logged_out``: logout() flushes the session right after this signal."""
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        SignedInSession.objects.filter(session_key=key).delete()


def rekeyed(request: HttpRequest, person: Person, old_key: str | None) -> None:
    """The session was given a new key (``update_session_auth_hash`` after a password change): index the new one."""
    if old_key:
        SignedInSession.objects.filter(session_key=old_key).delete()
    track(request, person)


def end_sessions(person: Person, *, keep: str | None = None) -> int:
    """Delete every server-side session of ``person`` except ``keep`` (the session key of the request doing it).
    Returns how many were ended. Runs inside the caller's transaction where the session store is the database."""
    rows = SignedInSession.objects.filter(person=person)
    if keep:
        rows = rows.exclude(session_key=keep)
    keys = list(rows.values_list("session_key", flat=True))
    store = _store()
    ended = 0
    for key in keys:
        if store.exists(key):
            store.delete(key)
            ended += 1
    SignedInSession.objects.filter(session_key__in=keys).delete()
    return ended


def person_saved(sender: object, instance: Person, raw: bool = False, **_: Any) -> None:
    """``post_save`` of a person: an inactive person keeps no session, whichever code made them inactive."""
    if not raw and not instance.is_active:
        end_sessions(instance)
