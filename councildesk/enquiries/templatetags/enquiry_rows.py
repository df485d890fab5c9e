"""``{% enquiry_rows rows %}``: the rows of an enquiry list table (the queue, my enquiries, questions, answered and
declined), one ``<tr>`` per enquiry.

Built here rather than by including a row template once per enquiry: a list page has up to 25 rows and the
template engine's per-row work (an include, a URL reversed, a score of lookups) was most of the page's cost
(issue 14). The markup is the one the row template had, every value escaped as the template escaped it.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass

from django import template
from django.template.context import Context
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from councildesk.core.links import reverse_remembered

from ..models import Enquiry

register = template.Library()

# The status tag of each status; any other status is shown as received, as in ``_status.html``.
_STATUS = {
    Enquiry.Status.ANSWERED: '<strong class="govuk-tag govuk-tag--green">Answered</strong>',
    Enquiry.Status.DECLINED: '<strong class="govuk-tag govuk-tag--red">Declined</strong>',
    Enquiry.Status.ASSIGNED: '<strong class="govuk-tag govuk-tag--blue">Assigned</strong>',
}
_RECEIVED = '<strong class="govuk-tag govuk-tag--light-blue">Received</strong>'
_OVERDUE = '<strong class="govuk-tag govuk-tag--red">Overdue</strong> '
# The labels ``get_route_display`` and ``get_priority_display`` give, read once rather than rebuilt per row.
_ROUTES = dict(Enquiry._meta.get_field("route").flatchoices)
_PRIORITIES = dict(Enquiry._meta.get_field("priority").flatchoices)
_MARK = 987654321  # an id no URL pattern holds twice: the detail URL is reversed once per table, not per row


def _detail_url(slug: str) -> tuple[str, str] | None:
    """The enquiry page's URL around its id (what precedes and follows it), or None if the id cannot be found
    exactly once in it, when each row reverses its own."""
    parts = reverse_remembered("enquiry_detail", slug, _MARK).split(str(_MARK))
    return (parts[0], parts[1]) if len(parts) == 2 else None


def _esc(value: object) -> str:
    """``conditional_escape`` without its lazy-string wrapper (the values here are never lazy): the same result."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _name(person: object) -> str:
    """A person's full name, or their username when they have none (``get_full_name|default:username``)."""
    return person.get_full_name() or person.username  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _Table:
    """What every row of one table shares, read from the context once."""

    today: dt.date | None
    awaiting: str  # the label of a default target awaiting the council's confirmation, already escaped
    head_officer: str  # "The Clerk", already escaped
    show_who: bool


def _row(e: Enquiry, href: str, t: _Table) -> str:
    status = _STATUS.get(e.status, _RECEIVED)  # type: ignore[call-overload]
    paused = " (clock paused)" if e.paused_since else ""
    if e.answered_on:
        clock = _esc(e.outcome_label)
    elif e.response_due:
        overdue = _OVERDUE if e.is_open and t.today is not None and e.response_due < t.today else ""
        awaiting = f'<br><span class="govuk-body-s">{t.awaiting}</span>' if getattr(e, "target_awaiting", False) else ""
        clock = f"{overdue}{_esc(e.response_label)}{awaiting}"
    else:
        clock = "No target set"
    row = (
        '<tr class="govuk-table__row">\n'
        f'  <td class="govuk-table__cell"><a class="govuk-link" href="{_esc(href)}">'
        f"{_esc(e.ref)}: {_esc(e.subject)}</a></td>\n"
        f'  <td class="govuk-table__cell">{status}\n{paused}</td>\n'
        f'  <td class="govuk-table__cell">{clock}</td>\n  '
    )
    if t.show_who:
        if e.assignee:
            with_whom = _esc(_name(e.assignee))
        elif e.route == Enquiry.Route.HEAD_OFFICER:
            with_whom = t.head_officer
        else:
            with_whom = _esc(_ROUTES.get(e.route, e.route))
        row += (
            f'<td class="govuk-table__cell">{_esc(_name(e.raised_by))}</td>\n'
            f'  <td class="govuk-table__cell">{with_whom}</td>\n'
            f'  <td class="govuk-table__cell">{_esc(_PRIORITIES.get(e.priority, e.priority))}</td>'
        )
    return row + "\n</tr>\n"


@register.simple_tag(takes_context=True)
def enquiry_rows(context: Context, rows: Iterable[Enquiry], show_who: bool = False) -> SafeString:
    """One table row per enquiry, linking to its page in the context's ``council``; ``show_who`` adds the raiser,
    who has it and its priority (the officers' view)."""
    council = context["council"]
    slug = council.slug
    around = _detail_url(slug)
    table = _Table(
        today=context.get("today"),
        awaiting=conditional_escape(capfirst(context.get("awaiting") or "")),  # not needed by closed lists
        head_officer=conditional_escape(f"The {council.profile.head_officer_title()}"),
        show_who=bool(show_who),
    )
    out = []
    for e in rows:
        href = f"{around[0]}{e.pk}{around[1]}" if around else reverse("enquiry_detail", args=[slug, e.pk])
        out.append(_row(e, href, table))
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
