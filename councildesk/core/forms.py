"""Putting a domain refusal back onto the form the person filled in, so nothing they typed is lost."""

from __future__ import annotations

from typing import Any

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


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; their type, size, count and total are checked by the service (core.uploads)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []
