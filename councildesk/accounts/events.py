# ruff: noqa: S105 - event names, not passwords
"""Audit event names for sign-in and accounts. Each is ``<entity>.<past participle>``; ADR 0014 lists them."""

SIGNED_IN = "person.signed_in"
SIGN_IN_FAILED = "person.sign_in_failed"
LOCKED_OUT = "person.locked_out"
UNLOCKED = "person.unlocked"
SECOND_FACTOR_SET_UP = "person.second_factor_set_up"
SECOND_FACTOR_FAILED = "person.second_factor_failed"
RECOVERY_CODE_USED = "person.recovery_code_used"
RECOVERY_CODES_REPLACED = "person.recovery_codes_replaced"
PASSWORD_CHANGED = "person.password_changed"
PASSWORD_RESET_REQUESTED = "person.password_reset_requested"
PASSWORD_RESET = "person.password_reset"
