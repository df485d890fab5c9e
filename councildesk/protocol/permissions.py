"""Pure predicates: who keeps the protocol's record, who must acknowledge it, who answers questions about it."""

from __future__ import annotations

from councildesk.people.access import Membership
from councildesk.people.kinds import MEMBER_KINDS, OFFICER_KINDS


def can_keep_protocol(m: Membership) -> bool:
    """The head officer records versions and sees who has acknowledged (or the host administrator)."""
    return m.is_head_officer or m.is_host_admin


def must_acknowledge(m: Membership) -> bool:
    """Members (co-opted ones included) and officers observe the protocol (002 1.3/1.7/1.8; 004 1.1)."""
    return bool(m.kinds & (MEMBER_KINDS | OFFICER_KINDS))


def can_answer_question(m: Membership, adviser_kind: str) -> bool:
    return adviser_kind in m.kinds
