"""Audit event names for payments, contracts and the register of authorised signatories."""

SIGNATORY_APPOINTED = "signatory.appointed"
SIGNATORY_ENDED = "signatory.ended"
COMMITMENT_RAISED = "commitment.raised"
COMMITMENT_SIGNED = "commitment.signed"
