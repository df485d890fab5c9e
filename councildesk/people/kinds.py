"""The one role vocabulary: which kinds of role are members, officers, derived from seats, and so on. Pure.

``RoleKind`` (models.py) lists the roles a person can be granted; this module groups them. Every app uses
these sets instead of keeping its own copy.
"""

from __future__ import annotations

COUNCILLOR = "councillor"
CHAIR = "chair"
VICE_CHAIR = "vice_chair"
MAYOR = "mayor"
CO_OPTED_MEMBER = "co_opted_member"
CLERK = "clerk"
OFFICER = "officer"
CHIEF_EXECUTIVE = "chief_executive"
HEAD_OF_SERVICE = "head_of_service"
CMT_MEMBER = "cmt_member"
MONITORING_OFFICER = "monitoring_officer"

# Kinds that come from a seat or a membership rather than a granted role, and the host's own.
GROUP_LEADER = "group_leader"
PERSONNEL_COMMITTEE = "personnel_committee"
HOST_ADMIN = "host_admin"

# Members of the council. A co-opted member of a committee is covered by the same rules as members where the
# council's protocol says so (002 1.8); the role can be granted only where the profile gives it a title.
MEMBER_KINDS = frozenset({COUNCILLOR, CHAIR, VICE_CHAIR, MAYOR, CO_OPTED_MEMBER})
# Employees of the council, and the principal council's Monitoring Officer.
OFFICER_KINDS = frozenset({CLERK, OFFICER, CHIEF_EXECUTIVE, HEAD_OF_SERVICE, CMT_MEMBER, MONITORING_OFFICER})
HEAD_OFFICER_KINDS = frozenset({CLERK, CHIEF_EXECUTIVE})
DERIVED_KINDS = frozenset({GROUP_LEADER, PERSONNEL_COMMITTEE})


def is_member(kinds: frozenset[str] | set[str]) -> bool:
    return bool(kinds & MEMBER_KINDS)


def is_officer(kinds: frozenset[str] | set[str]) -> bool:
    return bool(kinds & OFFICER_KINDS)
