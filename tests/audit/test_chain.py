"""The pure hash chain: any edit, deletion, insertion or reordering is detected (property tests)."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from councildesk.audit import chain

payloads = st.dictionaries(
    st.text(max_size=8), st.one_of(st.integers(), st.text(max_size=20), st.booleans()), max_size=4
)


def build(datas: list[dict]) -> list[dict]:
    events, prev = [], chain.GENESIS
    for seq, data in enumerate(datas, start=1):
        event = {
            "seq": seq,
            "council": "c",
            "occurred_at": f"2026-01-01T00:00:{seq % 60:02d}",
            "actor": "a",
            "actor_id": 7,
            "action": "thing.done",
            "subject_type": "x",
            "subject_id": str(seq),
            "data": data,
            "rule_ids": [],
            "prev_hash": prev,
        }
        event["hash"] = prev = chain.link_hash(prev, event)
        events.append(event)
    return events


chains = st.lists(payloads, min_size=1, max_size=12).map(build)


@settings(deadline=None)  # pure CPU: a loaded CI machine must not fail it on time
@given(chains)
def test_an_untouched_chain_verifies(events):
    verdict = chain.verify(events, expected_count=len(events), expected_head=events[-1]["hash"])
    assert verdict.ok
    assert verdict.checked == len(events)


@settings(deadline=None)  # pure CPU: a loaded CI machine must not fail it on time
@given(chains, st.data())
def test_any_edit_is_detected(events, data):
    tampered = copy.deepcopy(events)
    index = data.draw(st.integers(0, len(events) - 1))
    field = data.draw(st.sampled_from(["actor", "actor_id", "action", "subject_id", "data", "occurred_at", "rule_ids"]))
    tampered[index][field] = {"changed": True} if field == "data" else (["X"] if field == "rule_ids" else "changed")
    verdict = chain.verify(tampered, expected_count=len(events), expected_head=events[-1]["hash"])
    assert not verdict.ok
    assert verdict.first_bad_seq == index + 1


@settings(deadline=None)  # pure CPU: a loaded CI machine must not fail it on time
@given(chains, st.data())
def test_any_deletion_is_detected(events, data):
    index = data.draw(st.integers(0, len(events) - 1))
    tampered = events[:index] + events[index + 1 :]
    assert not chain.verify(tampered, expected_count=len(events), expected_head=events[-1]["hash"]).ok


@settings(deadline=None)  # pure CPU: a loaded CI machine must not fail it on time
@given(chains, payloads, st.data())
def test_any_insertion_is_detected(events, extra, data):
    index = data.draw(st.integers(0, len(events)))
    forged = build([extra])[0]
    tampered = [*events[:index], forged, *events[index:]]
    assert not chain.verify(tampered, expected_count=len(events), expected_head=events[-1]["hash"]).ok


@settings(deadline=None)  # pure CPU: a loaded CI machine must not fail it on time
@given(chains.filter(lambda e: len(e) >= 2), st.data())
def test_any_reordering_is_detected(events, data):
    i = data.draw(st.integers(0, len(events) - 2))
    j = data.draw(st.integers(i + 1, len(events) - 1))
    tampered = list(events)
    tampered[i], tampered[j] = tampered[j], tampered[i]
    verdict = chain.verify(tampered, expected_count=len(events), expected_head=events[-1]["hash"])
    assert not verdict.ok
    assert verdict.first_bad_seq == tampered[i]["seq"]


@settings(deadline=None)  # pure CPU: a loaded CI machine must not fail it on time
@given(chains)
def test_a_rehashed_forgery_is_caught_by_the_head_record(events):
    """Rewriting the whole chain consistently still disagrees with the head the council recorded."""
    forged = build([{"forged": True}] + [e["data"] for e in events[1:]])
    assert not chain.verify(forged, expected_count=len(events), expected_head=events[-1]["hash"]).ok


def test_the_canonical_form_is_stable_and_documented():
    event = build([{"b": 1, "a": "é"}])[0]
    assert (
        chain.canonical(event)
        == (
            '{"action":"thing.done","actor":"a","actor_id":7,"council":"c","data":{"a":"é","b":1},'
            '"occurred_at":"2026-01-01T00:00:01","rule_ids":[],"seq":1,"subject_id":"1","subject_type":"x"}'
        ).encode()
    )


def _as_batches(events: list[dict], size: int) -> list[chain.Batch]:
    return [
        chain.Batch(
            [e["seq"] for e in part],
            [e["prev_hash"] for e in part],
            [e["hash"] for e in part],
            [chain.canonical(e) for e in part],
            lambda part=part: part,
        )
        for part in (events[at : at + size] for at in range(0, len(events), size))
    ]


@settings(deadline=None)  # pure CPU: a loaded CI machine must not fail it on time
@given(chains, st.integers(1, 5), st.data())
def test_batches_give_the_walks_verdict_for_any_edit_of_a_hash(events, size, data):
    """Checked a batch at a time, a chain gives the verdict of the walk, even when a hash and the link after it
    are edited together (to another hash, to upper case, to something that is not hex, or not text, at all)."""
    tampered = copy.deepcopy(events)
    index = data.draw(st.integers(0, len(events) - 1))
    value = data.draw(
        st.sampled_from(["0" * 64, events[index]["hash"].upper(), "z" * 64, "ab", events[0]["hash"], None, b"0" * 64])
    )
    tampered[index]["hash"] = value
    if index + 1 < len(tampered):
        tampered[index + 1]["prev_hash"] = value
    head = {"expected_count": len(events), "expected_head": tampered[-1]["hash"]}
    assert chain.verify_batches(_as_batches(tampered, size), **head) == chain.verify(tampered, **head)
    assert chain.verify_batches(_as_batches(events, size), **head) == chain.verify(events, **head)
