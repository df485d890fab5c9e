"""Putting a domain refusal back onto the form the person filled in, so nothing they typed is lost."""

from __future__ import annotations

from django import forms

from .errors import ProtocolViolation, ValidationFailed


def apply_error(
    form: forms.Form, exc: ValidationFailed | ProtocolViolation, field: str | None = None
) -> ProtocolViolation | None:
    """Field problems onto their fields (others onto the form); a protocol refusal goes on the form (or ``field``)
    and is returned, so the page can show it with its rule and clause."""
    if isinstance(exc, ProtocolViolation):
        form.add_error(field, exc.reason)
        return exc
    for name, problem in (exc.problems or {}).items():
        form.add_error(name if name in form.fields else None, problem)
    if not exc.problems:
        form.add_error(None, exc.message)
    return None
