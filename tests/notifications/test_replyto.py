"""Reply tokens: they round-trip, and a forged, moved or malformed token reads as None."""

from __future__ import annotations

import pytest

from councildesk.notifications import replyto


def test_token_round_trips_through_an_address() -> None:
    address = replyto.reply_address(council_id=3, kind="thread", object_id=41, person_id=7)
    assert address.startswith("reply+3-thread-41-7-")
    assert replyto.token_in_address(f"Cllr Someone <{address.upper()}>") == replyto.ReplyToken(3, "thread", 41, 7)


@pytest.mark.parametrize(
    "change", [(4, "thread", 41, 7), (3, "consent", 41, 7), (3, "thread", 42, 7), (3, "thread", 41, 8)]
)
def test_a_token_moved_to_another_council_kind_object_or_person_fails(change: tuple[int, str, int, int]) -> None:
    good = replyto.make_token(council_id=3, kind="thread", object_id=41, person_id=7)
    mac = good.rsplit("-", 1)[1]
    forged = "-".join(str(part) for part in change) + "-" + mac
    assert replyto.read_token(forged) is None
    assert replyto.read_token(good) is not None


@pytest.mark.parametrize(
    "text", ["", "reply", "3-thread-41-7", "3-thread-41-7-" + "a" * 19, "x-thread-1-1-" + "a" * 20]
)
def test_malformed_tokens_read_as_none(text: str) -> None:
    assert replyto.read_token(text) is None


def test_addresses_without_the_reply_prefix_carry_no_token() -> None:
    assert replyto.token_in_address("clerk@example.org") is None


def test_one_handler_per_kind() -> None:
    def first(reply: replyto.InboundReply) -> replyto.Placed:
        return replyto.Placed("first")

    def second(reply: replyto.InboundReply) -> replyto.Placed:
        return replyto.Placed("second")

    replyto.handles("testonly")(first)
    assert replyto.handler_for("testonly") is first
    with pytest.raises(ValueError, match="two handlers"):
        replyto.handles("testonly")(second)
    with pytest.raises(ValueError, match="lower-case letters"):
        replyto.make_token(council_id=1, kind="Bad-Kind", object_id=1, person_id=1)
