"""Free text as services receive it: trimmed, required or not, and within a length, with the problem written
for the person against the field it belongs to (the ``ValidationFailed`` problems mapping)."""

from __future__ import annotations

DEFAULT_LIMIT = 20_000


def checked_text(
    value: str | None,
    field: str,
    label: str,
    problems: dict[str, str],
    *,
    limit: int = DEFAULT_LIMIT,
    required: bool = True,
) -> str:
    """``value`` trimmed. Records "Enter {label}." when it is required and empty, or the length limit when it is
    too long, under ``field`` in ``problems``; the caller raises once every field has been checked."""
    value = (value or "").strip()
    if required and not value:
        problems[field] = f"Enter {label}."
    elif len(value) > limit:
        problems[field] = f"{label[0].upper()}{label[1:]} must be {limit} characters or fewer."
    return value
