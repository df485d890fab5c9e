"""File sizes as people read them: "10 MB", "250 KB", "900 bytes" (binary multiples, as file managers show)."""

from __future__ import annotations


def human_size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} byte{'' if size == 1 else 's'}"
    for unit in ("KB", "MB", "GB"):
        size_f = size / 1024
        if size_f < 1024 or unit == "GB":
            text = f"{size_f:.1f}".removesuffix(".0")
            return f"{text} {unit}"
        size = int(size_f)
    return f"{size} GB"
