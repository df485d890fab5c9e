"""``{% protocol_acknowledgement_banner m %}``: the prompt to acknowledge the protocol in force, on the council
home page (002 1.3/1.7; 004 1.1). It renders nothing where nothing is due."""

from __future__ import annotations

from django import template

from councildesk.people.access import Membership
from councildesk.protocol.acknowledgements import acknowledgement_due

register = template.Library()


@register.inclusion_tag("protocol/_acknowledgement_banner.html")
def protocol_acknowledgement_banner(m: Membership) -> dict[str, object]:
    return {"council": m.council, "due_version": acknowledgement_due(m)}
