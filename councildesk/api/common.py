"""What every API router shares: the bearer-token auth, the error shapes and the council gate."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Person
from councildesk.tenancy import rls

from . import schemas as s
from .tokens import token_authenticate

ERRORS: dict[int, type[s.ErrorOut]] = {401: s.ErrorOut, 403: s.ErrorOut, 404: s.ErrorOut}
WRITE_ERRORS: dict[int, type[s.ErrorOut]] = {**ERRORS, 400: s.ErrorOut, 409: s.ErrorOut, 422: s.ErrorOut}


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Person | None:
        person = token_authenticate(token, method=request.method or "GET")
        if person is not None:
            request.user = person
            rls.set_person(person.pk)  # the holder's own roles, for the gate (ADR 0015; the middleware restores)
        return person


def gate(request: HttpRequest, slug: str) -> Membership:
    """The council access gate for an API call: the same one the pages use."""
    return membership_for(request.auth, slug)  # type: ignore[attr-defined]


def actor(request: HttpRequest) -> Person:
    person: Person = request.auth  # type: ignore[attr-defined]
    return person
