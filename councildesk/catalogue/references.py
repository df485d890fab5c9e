"""The clause reference grammar (see docs/profiles.md, "Clause references") as pure functions.

A reference is a UNIT, then optionally a bullet (``•k`` or ``•k-m``), an item (``(b)``, ``(xiv)``,
``(c)-(d)``) and, for misprinted units, ``(printed X)``. Examples: ``3.5 (printed 3.3.5)``,
``Councillors ¶5 •7``, ``10.3(b)``, ``6.1(b)-(c)``, ``1.1 fn 1``, ``VERSION TABLE row 2``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

NOT_ADOPTED = "not_adopted"

_PRINTED = re.compile(r"\s*\(printed (?P<printed>[0-9.]+)\)\Z")
_BULLETS = re.compile(r"\s+•(?P<first>\d+)(?:[-\u2013](?P<last>\d+))?\Z")  # hyphen or en dash
_ITEMS = re.compile(r"\((?P<first>[a-z]+)\)(?:[-\u2013]\((?P<last>[a-z]+)\))?\Z")
_UNIT = re.compile(
    r"""^(?:
        \d+(?:\.\d+)*(?:\ fn\ \d+)?          # 3.5, 10.3, 1.1 fn 1
      | [^\s¶•()][^¶•\n]*?\ ¶\d+            # Councillors ¶5, The Relationship: General ¶2
      | [A-Z]+(?:\ [A-Z]+)*(?:\ row\ \d+)?   # HEADER, ADOPTION NOTE, DATE OF ISSUE, VERSION TABLE row 1
    )\Z""",
    re.VERBOSE,
)


class ReferenceSyntaxError(ValueError):
    """The text is not a clause reference in the grammar."""


@dataclass(frozen=True)
class Reference:
    unit: str
    items: tuple[str, ...] = ()  # the bullet numbers or item labels the reference names, in order
    printed: str | None = None

    def __str__(self) -> str:
        return self.unit if not self.items else f"{self.unit} [{', '.join(self.items)}]"


def _roman(n: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


_ROMAN = [_roman(n) for n in range(1, 40)]  # i .. xxxix


def _item_range(first: str, last: str | None) -> tuple[str, ...]:
    if last is None:
        return (first,)
    if first in _ROMAN and last in _ROMAN and (len(first) > 1 or len(last) > 1 or first in "ivx"):
        a, b = _ROMAN.index(first), _ROMAN.index(last)
        if a <= b:
            return tuple(_ROMAN[a : b + 1])
    if len(first) == 1 and len(last) == 1 and first <= last:
        return tuple(chr(c) for c in range(ord(first), ord(last) + 1))
    raise ReferenceSyntaxError(f"item range ({first})-({last}) runs backwards or mixes styles")


def parse_reference(text: str) -> Reference:
    """Split a reference into its unit and the items it names. Raises ``ReferenceSyntaxError``."""
    rest = text.strip()
    if not rest:
        raise ReferenceSyntaxError("a clause reference cannot be empty")
    printed = None
    if m := _PRINTED.search(rest):
        printed, rest = m["printed"], rest[: m.start()]
    items: tuple[str, ...] = ()
    if m := _BULLETS.search(rest):
        first, last = int(m["first"]), int(m["last"] or m["first"])
        if last < first:
            raise ReferenceSyntaxError(f"bullet range •{first}-{last} runs backwards")
        items, rest = tuple(str(n) for n in range(first, last + 1)), rest[: m.start()]
    elif m := _ITEMS.search(rest):
        items, rest = _item_range(m["first"], m["last"]), rest[: m.start()]
    if not _UNIT.match(rest):
        raise ReferenceSyntaxError(
            f"{text!r} is not a clause reference (expected e.g. '3.5', '10.3(b)', 'Councillors ¶5 •7')"
        )
    return Reference(unit=rest, items=items, printed=printed)


def unresolved_reason(reference: str, units: Mapping[str, Collection[str]]) -> str | None:
    """Why ``reference`` does not resolve against a document's units (unit -> item labels), or None."""
    try:
        ref = parse_reference(reference)
    except ReferenceSyntaxError as exc:
        return str(exc)
    if ref.unit not in units:
        return f"clause {ref.unit!r} does not exist in the imported protocol"
    missing = [i for i in ref.items if i not in units[ref.unit]]
    if missing:
        return f"clause {ref.unit!r} has no item {', '.join(missing)}"
    return None
