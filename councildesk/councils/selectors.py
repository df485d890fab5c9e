"""Reads for councils that need no actor (CLI and the demo). Reads on a person's behalf use people.access."""

from __future__ import annotations

from councildesk.core.errors import NotFound

from .models import Council


class UnknownCouncil(NotFound):
    def __init__(self, slug: str) -> None:
        known = ", ".join(Council.objects.values_list("slug", flat=True)) or "none loaded yet"
        super().__init__(f"No council has the slug {slug!r} (known: {known}). The council")
        self.message = f"No council has the slug {slug!r}. Known councils: {known}."


def council_get_by_slug(slug: str) -> Council:
    council = Council.objects.filter(slug=slug).first()
    if council is None:
        raise UnknownCouncil(slug)
    return council
