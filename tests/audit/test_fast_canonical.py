"""orjson's canonical bytes (ADR 0022) are used only where they are byte for byte the standard library's."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from councildesk.audit import chain, fast_canonical, reading

EVENT = {
    "seq": 7,
    "council": "sandon-burston",
    "occurred_at": "2026-12-04T09:30:00.000001+00:00",
    "actor": "Ann Clerk <ann.clerk>",
    "actor_id": 3,
    "action": "enquiry.answered",
    "subject_type": "enquiries.enquiry",
    "subject_id": "12",
}
EVERY_CHARACTER = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
TRICKY_TEXT = [chr(code) for code in range(0x80)] + [
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U00010000",
    "😀",
    "£ and é",
    "Église",
    '"\\/',
    "",
]


def _event(data: object, rule_ids: object = ()) -> dict[str, object]:
    return {**EVENT, "data": data, "rule_ids": list(rule_ids)}  # type: ignore[call-overload]


def test_every_character_is_written_as_the_standard_encoder_writes_it():
    assert fast_canonical.dumps({"text": EVERY_CHARACTER}) == chain.encode({"text": EVERY_CHARACTER}).encode()
    for text in TRICKY_TEXT:  # one by one too, so a failure names the character
        assert fast_canonical.dumps({"t": text}) == chain.encode({"t": text}).encode(), repr(text)


def test_keys_are_sorted_by_code_point_as_the_standard_encoder_sorts_them():
    # UTF-16 order would put the astral key before U+FFFF; byte order of Latin-1 would differ from code points.
    keys = ["\uffff", "\U00010000", "é", "z", "Z", "\u2028", "", "a\x00", "a", "ÿ", "Ā", "😀", "\ufeff"]
    data = {key: index for index, key in enumerate(keys)}
    assert fast_canonical.dumps(data) == chain.encode(data).encode()
    assert fast_canonical.dumps(_event(data)) == chain.canonical(_event(data))


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": {}, "b": [], "c": [[], [{}]], "d": {"e": {"f": [1, "x", None, True, False]}}},
        {"n": 2**63 - 1, "m": -(2**63), "u": 2**64 - 1, "z": 0, "neg": -1},
        {"none": None, "yes": True, "no": False},
        {"content_sha256": {"fields": ["details", "subject"], "sha256": "3f" * 32, "model": "x.y", "id": "42"}},
    ],
    ids=["empty-object", "empty-array", "nested", "64-bit-integers", "literals", "content-digest"],
)
def test_plain_values_give_the_standard_bytes(value):
    assert fast_canonical.dumps({"v": value}) == chain.encode({"v": value}).encode()
    assert fast_canonical.dumps(_event(value, ["B", "A"])) == chain.canonical(_event(value, ["B", "A"]))


def test_integers_beyond_64_bits_are_not_encoded_by_orjson():
    assert fast_canonical.dumps({"n": 2**64}) is None
    assert fast_canonical.dumps({"n": -(2**63) - 1}) is None


@pytest.mark.parametrize(
    "text",
    [
        '{"n": 0.00001}',  # orjson writes 0.00001 where the standard library writes 1e-05
        '{"n": 1.50}',
        '{"a": {"b": [1, 2.5]}}',
        '{"n": 18446744073709551616}',  # orjson decodes an integer beyond 64 bits as a fraction
        '{"n": -9223372036854775809}',
        '{"n": 123456789012345678901234567890}',
        "[0.1]",
        "1.0",
        '{"n": NaN}',
        '{"s": "\\ud800"}',  # a lone surrogate
        '{"a": 1',
        "null",
    ],
)
def test_fractions_big_integers_and_what_orjson_refuses_are_left_to_the_standard_library(text):
    assert fast_canonical.loads(text) is None


def test_plain_values_decode_as_the_standard_library_decodes_them():
    text = '{"b": [1, {"c": null}], "a": "\\u001f\\n\\u2028 £", "n": 18446744073709551615, "t": true}'
    assert fast_canonical.loads(text) == json.loads(text)
    assert not fast_canonical.plain({"a": [{"b": 1.0}]})
    assert fast_canonical.plain({"a": [{"b": 1}], "c": []})


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def _as_postgresql_returns(event: dict[str, object], data_text: str, rules_text: str) -> tuple[object, ...]:
    return (
        event["seq"],
        event["occurred_at"],
        event["actor"],
        event["actor_id"],
        event["action"],
        event["subject_type"],
        event["subject_id"],
        data_text,
        rules_text,
        "0" * 64,
        "0" * 64,
    )


@settings(max_examples=300, deadline=None)
@given(data=_JSON, rules=st.lists(st.text(), max_size=3), spaced=st.booleans())
def test_the_reader_offers_either_the_standard_bytes_or_none(data, rules, spaced):
    """Whatever the stored JSON holds, the bytes offered for the whole-batch check are the standard library's
    canonical bytes of the event as the general reader decodes it, or nothing."""
    separators = (", ", ": ") if spaced else (",", ":")
    texts = json.dumps(data, ensure_ascii=False, separators=separators), json.dumps(rules, separators=separators)
    if any(0xD800 <= ord(c) <= 0xDFFF for c in texts[0] + texts[1]):
        return  # text with lone surrogates cannot come back from the database
    row = _as_postgresql_returns(EVENT | {"data": data}, *texts)
    offered = reading._encoded(EVENT["council"], [row])[0]
    if offered is not None:
        assert offered == chain.canonical(reading._row(EVENT["council"], row))
    if data is not None and fast_canonical.plain(data) and -(2**63) <= _widest(data) < 2**64:
        assert offered is not None  # a plain value is offered, so orjson is really used


def _widest(value: object) -> int:
    """The integer furthest from zero in ``value`` (0 if none), to tell which values orjson can encode."""
    if isinstance(value, bool) or not isinstance(value, int | list | dict):
        return 0
    if isinstance(value, int):
        return value
    items = value.values() if isinstance(value, dict) else value
    return max((_widest(item) for item in items), key=abs, default=0)


def test_the_reader_leaves_an_unusual_stamp_or_rule_list_to_the_general_walk():
    event = EVENT | {"data": {}}
    good = _as_postgresql_returns(event, "{}", '["A"]')
    assert reading._encoded(EVENT["council"], [good]) == [chain.canonical(reading._row(EVENT["council"], good))]
    not_a_list = (*good[:8], '{"A": 1}', *good[9:])
    odd_stamp = (*good[:1], "2026-12-04 09:30:00.000001+00", *good[2:])
    null_data = (*good[:7], "null", *good[8:])
    assert reading._encoded(EVENT["council"], [not_a_list, odd_stamp, null_data]) == [None, None, None]
