"""The registry of implemented rules: which code enforces, routes, records, notifies or times each rule.

Code registers a rule where it acts on it, with ``@implements(R.X)`` on the function or class, or with
``register(R.X, where=...)`` beside a data table (decline grounds, routes). Registration happens at import; the
coverage report imports every registering module explicitly (``councildesk.coverage.sources``), and a test
checks that list against the source tree.

Each registration also records what happens where a council's protocol does not contain the rule (``silent``):

- ``"skip"``: the behaviour does not apply there. ``Profile.cite`` leaves the rule out.
- ``"baseline"``: it applies anyway, because the law or the product's own baseline requires it. Citations say
  plainly that this council's protocol is silent, and ``baseline`` says why the product still acts.

Pure: no Django, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

from .ids import RuleId

Silent = Literal["skip", "baseline"]
T = TypeVar("T")


class RegistryError(ValueError):
    """A rule registered twice with different answers to 'what if the protocol is silent'."""


@dataclass(frozen=True)
class Implementation:
    rule_id: RuleId
    where: str  # dotted path of the function, class or table
    silent: Silent
    baseline: str  # why the product acts where the protocol is silent ("" when silent == "skip")


_REGISTRY: dict[RuleId, list[Implementation]] = {}


def register(*rule_ids: RuleId, where: str, silent: Silent = "skip", baseline: str = "") -> None:
    """Record that ``where`` implements these rules."""
    if silent == "baseline" and not baseline:
        raise RegistryError(f"{where}: a baseline rule must say why the product applies it (baseline=...)")
    for rule_id in rule_ids:
        rule_id = RuleId(rule_id)
        entries = _REGISTRY.setdefault(rule_id, [])
        if any(e.silent != silent for e in entries):
            raise RegistryError(f"{rule_id} is registered as both {silent!r} and {entries[0].silent!r} ({where})")
        if all(e.where != where for e in entries):
            entries.append(Implementation(rule_id, where, silent, baseline))


def implements(*rule_ids: RuleId, silent: Silent = "skip", baseline: str = "") -> Callable[[T], T]:
    """Decorator form of ``register`` for a function or class: ``where`` is its module and qualified name."""

    def mark(obj: T) -> T:
        where = f"{getattr(obj, '__module__', '?')}.{getattr(obj, '__qualname__', repr(obj))}"
        register(*rule_ids, where=where, silent=silent, baseline=baseline)
        return obj

    return mark


def implementations() -> Mapping[RuleId, tuple[Implementation, ...]]:
    return {rule_id: tuple(entries) for rule_id, entries in _REGISTRY.items()}


def silent_policy(rule_id: str) -> tuple[Silent, str]:
    """What to do where a council's protocol lacks this rule; unregistered rules do not apply."""
    entries = _REGISTRY.get(RuleId(rule_id)) if rule_id in RuleId.__members__ else None
    if not entries:
        return "skip", ""
    return entries[0].silent, next((e.baseline for e in entries if e.baseline), "")
