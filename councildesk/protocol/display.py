"""How a clause's text is shown: one line per paragraph or item, each item with an anchor. Pure.

A sub-clause reference ("5.4(i)", "Councillors ¶5 •7", "10.3(b)") opens the clause that holds it at
``#item-<label>``; these are the anchors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*[•\-\u2013*]\s+")
_LABELLED = re.compile(r"^\s*(?:(?:\([a-z]+\))*\((?P<paren>[a-z]+)\)|(?P<dot>[a-z]{1,5})\.)\s+")


@dataclass(frozen=True)
class Line:
    text: str
    item: str = ""  # the item label when the line is an item ("7", "b", "xiv"), else ""
    marked: bool = False  # the reference being opened names this item

    @property
    def anchor(self) -> str:
        return item_anchor(self.item) if self.item else ""


def item_anchor(label: str) -> str:
    return f"item-{label}"


def clause_lines(text: str, items: tuple[str, ...] | list[str], marked: tuple[str, ...] = ()) -> list[Line]:
    """Split ``text`` into lines and label the ones that are the clause's items (bullets count from 1)."""
    known = set(items)
    lines: list[Line] = []
    bullet = 0
    for raw in text.splitlines():
        if not raw.strip():
            continue
        label = ""
        if _BULLET.match(raw):
            bullet += 1
            label = str(bullet)
        elif m := _LABELLED.match(raw):
            label = m["paren"] or m["dot"] or ""
        if label not in known:
            label = ""
        lines.append(Line(text=raw.strip(), item=label, marked=bool(label) and label in marked))
    return lines
