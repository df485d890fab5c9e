"""The bridge from a ``Membership`` to the pure rules: the council's access policy and the viewer's facts.

``viewer_for`` reads the person's current committee seats and group memberships (two small queries, whatever
the number of documents); everything else is decided by ``rules.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from councildesk.catalogue.ids import R
from councildesk.core.errors import Citation
from councildesk.councils.models import Council
from councildesk.people.access import HOST_ADMIN, Membership
from councildesk.people.models import CommitteeSeat, GroupMembership, active_on

from . import rules
from .rules import Policy, Viewer


def policy_for(council: Council) -> Policy:
    profile = council.profile
    adopted = frozenset(rule_id for rule_id in R if rule_id.startswith("ACCESS_") and profile.adopts(rule_id))
    return Policy(
        head_officer_kind=profile.roles.head_of_paid_service,
        decider_kind=profile.deciders.need_to_know,
        consult_kinds=tuple(profile.deciders.need_to_know_consult),
        disputes_kind=profile.deciders.need_to_know_disputes,
        adopted=adopted,
    )


@dataclass(frozen=True)
class Access:
    """A membership with the document policy and the viewer's facts, computed once per request."""

    m: Membership

    @cached_property
    def policy(self) -> Policy:
        return policy_for(self.m.council)

    @cached_property
    def viewer(self) -> Viewer:
        return viewer_for(self.m)

    @property
    def is_handler(self) -> bool:
        return rules.is_handler(self.policy, self.viewer)

    @property
    def may_manage(self) -> bool:
        return rules.may_manage_documents(self.policy, self.viewer)

    @property
    def may_view_log(self) -> bool:
        return rules.may_view_log(self.policy, self.viewer)

    @property
    def may_request(self) -> bool:
        """Need-to-know requests are a member's right; officers who handle documents already hold them."""
        return self.viewer.is_member

    @property
    def may_disclose_onward(self) -> bool:
        return rules.may_disclose_onward(self.policy, self.viewer)

    def cite(self, *rule_ids: str) -> list[Citation]:
        return self.m.council.profile.cite(*rule_ids)


def viewer_for(m: Membership) -> Viewer:
    seats = active_on(CommitteeSeat.objects.all(), m.day).filter(person=m.person, committee__council=m.council)
    groups = active_on(GroupMembership.objects.all(), m.day).filter(person=m.person, group__council=m.council)
    # A seat counts only for someone who holds a role here: the host administrator's reach is never widened by one.
    seated = frozenset(seats.values_list("committee_id", flat=True)) if m.kinds - {HOST_ADMIN} else frozenset()
    return Viewer(
        person_id=m.person.pk,
        kinds=frozenset(m.kinds),
        committee_ids=seated,
        group_ids=frozenset(groups.values_list("group_id", flat=True)),
    )


def cite(council: Council, *rule_ids: str) -> list[Citation]:
    return council.profile.cite(*rule_ids)
