"""Read a profile file and report every problem with its key path, e.g. ``deciders.need_to_know``."""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from councildesk.catalogue import rule_ids
from councildesk.catalogue.references import (
    NOT_ADOPTED,
    ReferenceSyntaxError,
    parse_reference,
    unresolved_reason,
)
from councildesk.core.errors import DomainError

from .schema import Profile

MAX_PROFILE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ProfileInvalid(DomainError):
    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: {len(problems)} problem(s) in the profile")


def _loc(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part in {"list[constrained-str]", "literal['not_adopted']"}:
            continue  # pydantic's union branch names are noise for the reader
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def _validation_problems(exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors():
        message = "unknown key (not part of the profile schema)" if err["type"] == "extra_forbidden" else err["msg"]
        problems.append(Problem(_loc(err["loc"]), message))
    return problems


def _rule_problems(profile: Profile) -> list[Problem]:
    known = rule_ids()
    problems = [
        Problem(f"clauses.{rid}", "unknown rule id (not in the rule catalogue)")
        for rid in sorted(set(profile.clauses) - known)
    ]
    problems += [
        Problem(f"clauses.{rid}", f'missing: map this rule to the council\'s clause, or to "{NOT_ADOPTED}"')
        for rid in sorted(known - set(profile.clauses))
    ]
    for rid, refs in sorted(profile.clauses.items()):
        if refs == NOT_ADOPTED:
            continue
        if not refs:
            problems.append(Problem(f"clauses.{rid}", f'give at least one clause reference, or "{NOT_ADOPTED}"'))
        for index, ref in enumerate(refs):
            try:
                parse_reference(ref)
            except ReferenceSyntaxError as exc:
                problems.append(Problem(f"clauses.{rid}[{index}]", str(exc)))
    return problems


def _cited(profile: Profile) -> list[tuple[str, str]]:
    """Every clause reference in the profile outside the rule map, with its key path."""
    cited = [(f"targets.{name}.clause", target.clause) for name, target in profile.targets if target and target.clause]
    cited += [(f"complaints.routes[{i}].clause", r.clause) for i, r in enumerate(profile.complaints.routes) if r.clause]
    return cited


def _consistency_problems(profile: Profile) -> list[Problem]:
    """Deciders and recipients must be roles this council has; cited clauses must be references."""
    problems = []
    deciders = profile.deciders
    named: list[tuple[str, str | None]] = [
        ("deciders.need_to_know", deciders.need_to_know),
        ("deciders.need_to_know_disputes", deciders.need_to_know_disputes),
        ("deciders.assign_work", deciders.assign_work),
        ("deciders.press_release_approval", deciders.press_release_approval),
        ("deciders.officer_attendance_at_groups", deciders.officer_attendance_at_groups),
        ("deciders.protocol_interpretation", deciders.protocol_interpretation),
        *((f"deciders.need_to_know_consult[{i}]", k) for i, k in enumerate(deciders.need_to_know_consult)),
        *(
            (f"complaints.routes[{i}].first_recipient", r.first_recipient)
            for i, r in enumerate(profile.complaints.routes)
        ),
        *((f"complaints.routes[{i}].formal_route", r.formal_route) for i, r in enumerate(profile.complaints.routes)),
        ("enquiries.escalation", None if (e := profile.enquiries.escalation) == "head_officer" else e),
    ]
    for path, kind in named:
        if kind is not None and not profile.has_role(kind):
            problems.append(Problem(path, f"{kind!r} is not a role this council has (give it a title in roles.titles)"))
    for path, ref in _cited(profile):
        try:
            parse_reference(ref)
        except ReferenceSyntaxError as exc:
            problems.append(Problem(path, str(exc)))
    return problems


def clause_problems(profile: Profile, units: Mapping[str, Collection[str]]) -> list[Problem]:
    """Clause references that do not exist in the council's imported protocol document."""
    problems = []
    for rid, refs in sorted(profile.clauses.items()):
        if refs == NOT_ADOPTED:
            continue
        for index, ref in enumerate(refs):
            if reason := unresolved_reason(ref, units):
                problems.append(Problem(f"clauses.{rid}[{index}]", reason))
    problems += [Problem(path, reason) for path, ref in _cited(profile) if (reason := unresolved_reason(ref, units))]
    return problems


def parse_profile(text: str, *, source: str = "<profile>") -> Profile:
    """Validate profile text. Raises ``ProfileInvalid`` listing every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileInvalid(source, [Problem("", f"not valid TOML: {exc}")]) from None
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        problems = _validation_problems(exc)
        if isinstance(data.get("clauses"), dict):
            problems += [p for p in _rule_problems_raw(data["clauses"]) if p not in problems]
        raise ProfileInvalid(source, problems) from None
    if problems := _rule_problems(profile) + _consistency_problems(profile):
        raise ProfileInvalid(source, problems)
    return profile


def _rule_problems_raw(clauses: dict[str, object]) -> list[Problem]:
    known = rule_ids()
    unknown = [
        Problem(f"clauses.{r}", "unknown rule id (not in the rule catalogue)") for r in sorted(set(clauses) - known)
    ]
    missing = [
        Problem(f"clauses.{r}", f'missing: map this rule to the council\'s clause, or to "{NOT_ADOPTED}"')
        for r in sorted(known - set(clauses))
    ]
    return unknown + missing


def load_profile(path: Path) -> Profile:
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileInvalid(source, [Problem("", f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > MAX_PROFILE_BYTES:
        raise ProfileInvalid(source, [Problem("", f"the file is larger than {MAX_PROFILE_BYTES} bytes")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileInvalid(source, [Problem("", "the file is not UTF-8 text")]) from None
    return parse_profile(text, source=source)
