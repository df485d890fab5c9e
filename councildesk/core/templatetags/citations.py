"""Template helpers for citations: a council's clause reference as links to the clause that holds it."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def clause_links(council: object, clause: str | None) -> SafeString | str:
    """``"3.5; 10.3(b)"`` as one link per reference, each opening the clause page (which finds the holder)."""
    if not clause:
        return ""
    slug = getattr(council, "slug", None)
    refs = [r.strip() for r in clause.split(";") if r.strip()]
    if not slug:
        return "; ".join(refs)
    try:
        links = [(reverse("clause", args=[slug, ref]), ref) for ref in refs]
    except NoReverseMatch:
        return "; ".join(refs)
    return format_html_join("; ", '<a class="govuk-link" href="{}">{}</a>', links) or format_html("")


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key)


@register.filter
def head_title(title: str, profile: object) -> str:
    """A catalogue title with this council's name for its head officer in place of ``{head}``."""
    head = getattr(profile, "head_officer_title", None)
    return title.replace("{head}", head()) if callable(head) else title
