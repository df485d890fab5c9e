"""Audit event names, one place. Each is ``<entity>.<past participle>``; docs/audit.md lists them (tested)."""

COUNCIL_CREATED = "council.created"
COUNCIL_PROFILE_UPDATED = "council.profile_updated"
PERSON_CREATED = "person.created"
ROLE_GRANTED = "role.granted"
ROLE_ENDED = "role.ended"
WARD_CREATED = "ward.created"
WARD_MEMBER_ADDED = "ward_member.added"
COMMITTEE_CREATED = "committee.created"
COMMITTEE_SEAT_ADDED = "committee_seat.added"
GROUP_CREATED = "group.created"
GROUP_MEMBER_ADDED = "group_member.added"
PROTOCOL_IMPORTED = "protocol.imported"
API_TOKEN_ISSUED = "api_token.issued"
API_TOKEN_REVOKED = "api_token.revoked"

ALL = sorted(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str))
