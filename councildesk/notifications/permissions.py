"""Who may see what among notifications and the outbox."""

from __future__ import annotations

from councildesk.people.access import Membership


def can_view_outbox(m: Membership) -> bool:
    """The head officer named by the council's profile (and the host administrator) watch email delivery."""
    return m.is_head_officer or m.is_host_admin
