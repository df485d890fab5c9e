"""The people the access matrix signs in as: one per role, from the demo roster, with their own council.

"other" is always a council where the persona holds no role.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Persona:
    name: str
    username: str | None  # None: not signed in
    own: str
    other: str
    audit_reader: bool = False
    expired: bool = False
    host_admin: bool = False
    head_officer: bool = False  # the profile's head of paid service


PERSONAS = (
    Persona("anonymous", None, "district-annex", "mayor-town"),
    Persona("councillor", "district.cllr", "district-annex", "mayor-town"),
    Persona("chair", "district.chair", "district-annex", "mayor-town"),
    Persona("vice_chair", "district.vicechair", "district-annex", "cottingham"),
    Persona("mayor", "mayortown.mayor", "mayor-town", "district-annex"),
    Persona("clerk", "sandon.clerk", "sandon-burston", "cottingham", audit_reader=True, head_officer=True),
    Persona("town_clerk", "mayortown.clerk", "mayor-town", "west-northants-town", audit_reader=True, head_officer=True),
    Persona("chief_executive", "district.ce", "district-annex", "sandon-burston", audit_reader=True, head_officer=True),
    Persona("officer", "district.officer", "district-annex", "sandon-burston"),
    Persona("head_of_service_cmt", "district.hos", "district-annex", "cottingham"),
    Persona("monitoring_officer", "district.mo", "district-annex", "west-northants-town", audit_reader=True),
    Persona("parish_monitoring_officer", "cottingham.mo", "cottingham", "sandon-burston", audit_reader=True),
    Persona("group_leader", "district.leader", "district-annex", "mayor-town"),
    Persona("personnel_committee", "cottingham.cllr2", "cottingham", "district-annex"),
    Persona("twin_hatted", "twin.cllr", "sandon-burston", "mayor-town"),
    Persona("expired_councillor", "sandon.former", "sandon-burston", "cottingham", expired=True),
    Persona("host_admin", "admin", "district-annex", "mayor-town", audit_reader=True, host_admin=True),
)
