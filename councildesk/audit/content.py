"""Digests of the content an event changes, so that editing stored text without an event is detected.

An event that writes content carries ``data["content_sha256"] = {"fields": [...], "sha256": "..."}``: the
SHA-256 of the UTF-8 JSON object of those fields of its subject, keys sorted, no spaces, non-ASCII as itself
(the same canonical form as the chain). The event is hashed into the chain, so the digest cannot be changed
either. ``audit verify --content`` recomputes each subject's newest digest from the stored row.

Only the content types listed in ``KNOWN`` are digested and checked: each names a model and the text fields
that are its content. When the content lives in another row than the event's subject (a need-to-know decision's
reasons, recorded on the request's event), ``related_digest`` also records which row: ``"model"`` and ``"id"``.
A type with no council column names the path to it in ``COUNCIL_PATH``, so the check stays in one council.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

DATA_KEY = "content_sha256"

# model label -> the fields that are its content. Data, not code: adding a type is adding a line.
KNOWN: dict[str, frozenset[str]] = {
    "enquiries.enquiry": frozenset({"subject", "details", "answer"}),
    "complaints.complaint": frozenset({"summary", "details"}),
    "declarations.declaration": frozenset({"details", "letter"}),
    "groups.groupnote": frozenset({"body", "disclosure_duty"}),
    "documents.decision": frozenset({"reasons", "purpose_limitation"}),
}
# model label -> the lookup from the model to its council's id, for types without a council column.
COUNCIL_PATH: dict[str, str] = {"documents.decision": "request__council_id"}


@dataclass(frozen=True)
class ContentDigest:
    fields: tuple[str, ...]
    sha256: str
    # The row the content is in, when it is not the event's subject: (model label, primary key).
    row: tuple[str, str] | None = None

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"fields": list(self.fields), "sha256": self.sha256}
        if self.row is not None:
            data["model"], data["id"] = self.row
        return data


def digest(values: Mapping[str, Any]) -> str:
    body = json.dumps(dict(values), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def content_digest(instance: models.Model, *fields: str) -> ContentDigest:
    """The digest of these content fields of ``instance``, for ``audit.services.record(content_digest=...)``."""
    label = instance._meta.label_lower
    allowed = KNOWN.get(label)
    if allowed is None:
        raise ValueError(f"{label} is not a known content type: add it to audit.content.KNOWN")
    if not fields or not set(fields) <= allowed:
        raise ValueError(f"{label}'s content fields are {sorted(allowed)}, not {sorted(fields)}")
    names = tuple(sorted(set(fields)))
    return ContentDigest(names, digest({name: getattr(instance, name) for name in names}))


def related_digest(instance: models.Model, *fields: str) -> ContentDigest:
    """As ``content_digest``, for content in a row other than the event's subject: the event names the row."""
    plain = content_digest(instance, *fields)
    return ContentDigest(plain.fields, plain.sha256, (instance._meta.label_lower, str(instance.pk)))


@dataclass(frozen=True)
class Recorded:
    """The newest digest an event recorded for some fields of a subject."""

    subject_type: str
    subject_id: str
    fields: tuple[str, ...]
    sha256: str
    seq: int


def recorded_digests(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str, tuple[str, ...]], Recorded]:
    """Fold events (in chain order) into the newest digest per subject and field set."""
    newest: dict[tuple[str, str, tuple[str, ...]], Recorded] = {}
    for row in rows:
        entry = row["data"].get(DATA_KEY) if isinstance(row["data"], dict) else None
        if not isinstance(entry, dict):
            continue
        fields = tuple(entry.get("fields") or ())
        label, ident = str(entry.get("model") or row["subject_type"]), str(entry.get("id") or row["subject_id"])
        newest[(label, ident, fields)] = Recorded(label, ident, fields, str(entry.get("sha256")), row["seq"])
    return newest


@dataclass(frozen=True)
class ContentReport:
    checked: int
    problems: tuple[str, ...]
    unknown_types: tuple[str, ...]


def check(council_id: int, recorded: Mapping[tuple[str, str, tuple[str, ...]], Recorded]) -> ContentReport:
    """Recompute each recorded digest from the stored row, in this council only."""
    by_type: dict[str, list[Recorded]] = {}
    for item in recorded.values():
        by_type.setdefault(item.subject_type, []).append(item)
    problems: list[str] = []
    checked = 0
    unknown = sorted(t for t in by_type if t not in KNOWN)
    for label in sorted(t for t in by_type if t in KNOWN):
        model = apps.get_model(label)
        items = by_type[label]
        for start in range(0, len(items), 1000):
            chunk = items[start : start + 1000]
            wanted = sorted({f for item in chunk for f in item.fields} & KNOWN[label])
            ids = [int(item.subject_id) for item in chunk if item.subject_id.isdigit()]
            query = model._default_manager.filter(pk__in=ids)
            if any(f.name == "council" for f in model._meta.get_fields()):
                query = query.filter(council_id=council_id)
            elif label in COUNCIL_PATH:
                query = query.filter(**{COUNCIL_PATH[label]: council_id})
            stored = {str(row["pk"]): row for row in query.values("pk", *wanted)}
            for item in sorted(chunk, key=lambda i: (i.seq, i.fields)):
                checked += 1
                row = stored.get(item.subject_id)
                if not item.fields or not set(item.fields) <= KNOWN[label]:
                    problems.append(f"{label} {item.subject_id}: event {item.seq} records unknown fields {item.fields}")
                elif row is None:
                    problems.append(f"{label} {item.subject_id}: gone (its content was recorded by event {item.seq})")
                elif digest({name: row[name] for name in item.fields}) != item.sha256:
                    problems.append(
                        f"{label} {item.subject_id}: {', '.join(item.fields)} changed without an audit event "
                        f"(last recorded by event {item.seq})"
                    )
    return ContentReport(checked, tuple(problems), tuple(unknown))
