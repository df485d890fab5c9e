"""Demo data for notifications: one welcome notice for each person serving each council. Running it again
writes nothing (each notice has a dedupe key)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from councildesk.core import clock
from councildesk.councils.models import Council
from councildesk.people.models import Role, active_on

from .services import notify


def demo_notifications_load() -> int:
    """Returns how many notices it wrote (0 when the demo already has them)."""
    written = 0
    today = clock.today()
    for council in Council.objects.all():
        roles = active_on(Role.objects.filter(council=council), today).select_related("person").order_by("person_id")
        people = {role.person_id: role.person for role in roles}
        with transaction.atomic():
            for person in people.values():
                written += (
                    notify(
                        council=council,
                        recipient=person,
                        kind="demo.welcome",
                        subject=f"Welcome to councildesk at {council.name}",
                        body="Notices about your enquiries, requests and deadlines will appear here.",
                        url=reverse("council_home", args=[council.slug]),
                        dedupe_key=f"demo.welcome.{person.pk}",
                        email=False,
                    )
                    is not None
                )
    return written
