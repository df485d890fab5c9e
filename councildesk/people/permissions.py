"""Pure predicates over a Membership. Each says what a role may do in its council."""

from __future__ import annotations

from .access import HOST_ADMIN, Membership
from .models import RoleKind

AUDIT_READERS = frozenset({RoleKind.MONITORING_OFFICER, HOST_ADMIN})


def can_view_audit_status(m: Membership) -> bool:
    """The head officer named by the profile, the Monitoring Officer and the host administrator watch the chain."""
    return m.is_head_officer or bool(m.kinds & AUDIT_READERS)


def can_manage_structure(m: Membership) -> bool:
    """Roles, wards, committees and groups are kept by the head officer (or the host administrator)."""
    return m.is_head_officer or m.is_host_admin


def can_import_protocol(m: Membership) -> bool:
    return m.is_head_officer or m.is_host_admin
