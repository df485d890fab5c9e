"""The building blocks every expectations table uses: the council gate, then who past it may see the page."""

from __future__ import annotations

from collections.abc import Callable

from .personas import Persona

Expect = Callable[[Persona, str], int]  # (persona, "own" | "other") -> HTTP status


def gate(p: Persona, scope: str, *, api: bool) -> int | None:
    """What the council gate answers before any page logic, or None when it lets the persona through."""
    if p.username is None:
        return 401 if api else 302
    if scope == "other" and not p.host_admin:
        return 404
    if p.expired:
        return 403
    return None


def everyone(*, api: bool = False) -> Expect:
    def expect(p: Persona, scope: str) -> int:
        return gate(p, scope, api=api) or 200

    return expect


def only(names: set[str], *, api: bool = False) -> Expect:
    def expect(p: Persona, scope: str) -> int:
        answer = gate(p, scope, api=api)
        if answer is not None:
            return answer
        return 200 if p.name in names else 404

    return expect


def post_only(p: Persona, scope: str) -> int:
    return 405  # a GET on a POST-only page or route is refused before any lookup
