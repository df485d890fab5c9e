"""The audit status page: is the chain intact, how many events, what is its head hash.

An interface module: it uses the people access gate (import-linter allows exactly this upward import).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from councildesk.core.errors import NotFound
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view
from councildesk.people.permissions import can_view_audit_status

from . import transparency
from .descriptions import describe
from .models import AuditEvent
from .verification import head_of, verify_council

if TYPE_CHECKING:
    from councildesk.councils.profiles import Profile


def _rule(profile: Profile, rule_id: str) -> str:
    """A rule as people read it: its title, and this council's clause where its protocol has one."""
    clause = profile.clause(rule_id)
    return f"{profile.title(rule_id)} ({clause})" if clause else profile.title(rule_id)


@council_view
def audit_status(request: HttpRequest, m: Membership) -> HttpResponse:
    if not can_view_audit_status(m):
        raise NotFound("That page")
    published = transparency.latest(m.council)
    # Against the newest signed checkpoint too, so the page fails when the log was cut back or rewritten after it.
    verdict = verify_council(m.council, [published.checkpoint] if published else [])
    profile = m.council.profile
    recent = [
        (e, describe(e.action), [_rule(profile, rule) for rule in e.rule_ids])
        for e in AuditEvent.objects.filter(council=m.council).order_by("-seq")[:20]
    ]
    context = {
        "council": m.council,
        "verdict": verdict,
        "recent": recent,
        "published": published,
        "head": head_of(m.council),
    }
    return render(request, "audit/status.html", context)
