"""Members and officers acknowledge the protocol in force on first sign-in and after each revision (002 1.3/1.7;
004 1.1). The head officer sees who has not. Where the protocol does not ask for it, nothing is asked."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.errors import Conflict, NotFound
from councildesk.councils.models import Council
from councildesk.people.access import Membership, membership_for
from councildesk.people.kinds import MEMBER_KINDS, OFFICER_KINDS
from councildesk.people.models import Person, Role, active_on
from councildesk.people.selectors import role_holders

from .models import Acknowledgement, ProtocolVersion
from .permissions import can_keep_protocol, must_acknowledge
from .versions import version_in_force


@implements(R.PROTOCOL_OBSERVANCE_ACKNOWLEDGED, silent="skip")
def acknowledgement_due(m: Membership) -> ProtocolVersion | None:
    """The version this person must still acknowledge, or None (already done, not asked here, nothing in force)."""
    if not m.council.profile.adopts(R.PROTOCOL_OBSERVANCE_ACKNOWLEDGED) or not must_acknowledge(m):
        return None
    version = version_in_force(m.council, m.day)
    if version is None or Acknowledgement.objects.filter(version=version, person=m.person).exists():
        return None
    return version


@transaction.atomic
def protocol_acknowledge(*, actor: Person, council: Council, version_id: int) -> Acknowledgement:
    m = membership_for(actor, council.slug)
    version = acknowledgement_due(m)
    if version is None:
        done = Acknowledgement.objects.filter(version_id=version_id, person=actor).first()
        if done is not None:
            return done  # a second click changes nothing
        raise NotFound("That version")
    if version.pk != version_id:
        raise Conflict(f"Version {version.version} is now in force; read it and acknowledge that one.")
    ack = Acknowledgement.objects.create(council=council, version=version, person=actor, acknowledged_at=clock.now())
    record(
        council=council,
        actor=actor,
        action=events.PROTOCOL_ACKNOWLEDGED,
        subject=ack,
        data={"version": version.version, "version_id": version.pk},
        rule_ids=[R.PROTOCOL_OBSERVANCE_ACKNOWLEDGED],
    )
    return ack


@dataclass(frozen=True)
class Standing:
    person: Person
    titles: list[str]
    acknowledged: Acknowledgement | None


def acknowledgements_for(m: Membership) -> tuple[ProtocolVersion | None, list[Standing]]:
    """For the head officer: every current member and officer and whether they acknowledged the version in force."""
    if not can_keep_protocol(m):
        raise NotFound("That page")
    version = version_in_force(m.council, m.day)
    holders = role_holders(m.council, MEMBER_KINDS | OFFICER_KINDS, m.day)
    done = {a.person_id: a for a in Acknowledgement.objects.filter(version=version)} if version is not None else {}
    profile = m.council.profile
    kinds: dict[int, list[str]] = {}
    for role in active_on(Role.objects.filter(council=m.council, person__in=holders), m.day):
        kinds.setdefault(role.person_id, []).append(profile.title_for(role.kind))
    rows = [Standing(p, sorted(set(kinds.get(p.pk, []))), done.get(p.pk)) for p in holders]
    rows.sort(key=lambda s: (s.acknowledged is not None, s.person.last_name, s.person.first_name))
    return version, rows
