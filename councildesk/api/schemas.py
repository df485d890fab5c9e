"""The API's response shapes."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class CouncilOut(Schema):
    slug: str
    name: str
    kind: str
    nation: str
    head_officer_title: str
    principal_council: str
    political_groups: bool
    mayor: bool
    your_roles: list[str]


class RoleOut(Schema):
    kind: str
    title: str
    start: dt.date
    end: dt.date | None
    line_manager: str | None
    serving_body: str


class PersonOut(Schema):
    username: str
    name: str
    roles: list[RoleOut]


class MemberOut(Schema):
    username: str
    name: str
    position: str
    start: dt.date
    end: dt.date | None


class CommitteeOut(Schema):
    name: str
    kind: str
    members: list[MemberOut]


class WardOut(Schema):
    name: str
    members: list[MemberOut]


class GroupOut(Schema):
    name: str
    members: list[MemberOut]


class ClauseOut(Schema):
    ref: str
    heading: str
    text: str
    items: list[str]
    printed: str
    rule_ids: list[str]


class AuditStatusOut(Schema):
    intact: bool
    events_checked: int
    head_hash: str
    first_bad_event: int | None
    problem: str | None


class MeOut(Schema):
    username: str
    name: str
    councils: list[str]


class ErrorOut(Schema):
    error: str
    message: str
