"""``chain.canonical``'s bytes made by orjson, for the values where orjson is proved to give exactly those bytes.

orjson (ADR 0022) decodes and encodes JSON several times faster than the standard library. Its compact, key-sorted
output equals ``chain.canonical``'s for strings (every code point: tests/audit/test_fast_canonical.py), integers
within 64 bits, booleans, null and nested objects and arrays of those, with keys in the same (code point) order.
It differs for fractions (``1e-05`` against ``0.00001``) and fails for integers beyond 64 bits, and its decoder
turns an integer beyond 64 bits into a fraction. So a value holding any fraction after decoding is left alone
(``None``), as is anything orjson refuses: the caller then judges that event the general way, with the standard
library, and the verdict is the one the standard library alone gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

_loads = orjson.loads
_dumps = orjson.dumps
_SORTED = orjson.OPT_SORT_KEYS
_SCALARS = frozenset({str, int, bool, type(None)})
_CONTAINERS = frozenset({dict, list})


def plain(value: Any) -> bool:
    """Whether ``value`` (as decoded from JSON) holds only strings, integers, booleans, nulls, objects and arrays."""
    kind = type(value)
    if kind is dict:
        items = value.values()
    elif kind is list:
        items = value
    else:
        return kind in _SCALARS
    kinds = set(map(type, items))
    if kinds <= _SCALARS:
        return True
    if not kinds <= _SCALARS | _CONTAINERS:
        return False
    return all(plain(item) for item in items if type(item) in _CONTAINERS)


def loads(text: str) -> Any:
    """``text`` decoded when the result is ``plain``; ``None`` when it is not, or orjson cannot decode it.

    (JSON ``null`` itself decodes to ``None`` too; callers here only decode objects and arrays, where that
    ambiguity does not arise, and treat ``None`` as "judge this the general way".)
    """
    try:
        value = _loads(text)
        if type(value) is dict and set(map(type, value.values())) <= _SCALARS:  # the usual event data, inline
            return value
        return value if plain(value) else None
    except (orjson.JSONDecodeError, RecursionError):  # nesting deeper than Python recurses: the general way
        return None


def dumps(value: Mapping[str, Any]) -> bytes | None:
    """The canonical bytes of a ``plain`` mapping, or ``None`` when orjson cannot encode it (an integer beyond 64
    bits, nesting deeper than orjson allows)."""
    try:
        return _dumps(value, option=_SORTED)
    except orjson.JSONEncodeError:
        return None
