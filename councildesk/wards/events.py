"""Audit event names for ward matters, public meetings, premises visits and members' resources,
``<entity>.<past participle>``."""

WARD_MATTER_RECORDED = "ward_matter.recorded"
WARD_MATTER_MADE_PUBLIC = "ward_matter.made_public"
PUBLIC_MEETING_RECORDED = "public_meeting.recorded"
PUBLIC_MEETING_OFFICER_ANSWERED = "public_meeting.officer_answered"
PREMISES_VISIT_ARRANGED = "premises_visit.arranged"
RESOURCE_REQUEST_MADE = "resource_request.made"
RESOURCE_LEDGER_ENTRY_RECORDED = "resource_ledger_entry.recorded"
ICT_RULES_ACKNOWLEDGED = "ict_rules.acknowledged"

ALL = sorted(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str))
