"""Audit event names for delegated decisions (``<entity>.<past participle>``)."""

AUTHORITY_ADDED = "delegated_authority.added"
DECISION_RECORDED = "delegated_decision.recorded"
DECISION_IMPLEMENTED = "delegated_decision.implemented"
