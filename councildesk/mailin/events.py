"""Audit event names for email intake, ``<entity>.<past participle>``. Audit data holds the message's digest and
where it went, never its text."""

INBOUND_EMAIL_PLACED = "inbound_email.placed"
INBOUND_EMAIL_QUARANTINED = "inbound_email.quarantined"
INBOUND_EMAIL_RELEASED = "inbound_email.released"
INBOUND_EMAIL_OPENED_AS_ENQUIRY = "inbound_email.opened_as_enquiry"
INBOUND_EMAIL_REJECTED = "inbound_email.rejected"

ALL = sorted(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str))
