"""Reply addresses: the signed token in ``reply+<token>@<domain>`` and the handlers that place a reply.

Outgoing email that can be answered (a thread message, a request for consent to copy) carries a reply address
made here. When mail comes in, intake reads the token back and hands the reply to the handler registered for
the token's kind. Intake never imports the apps that own the handlers, and those apps never import intake:
both meet here, one layer below them.

A token names the council, a kind (a short word, such as ``thread`` or ``consent``), one object id and the
person the message was sent to. It ends in an HMAC of those four under the site's secret key, so it cannot be
forged or moved to another person, object or council. Tokens are lower case, because some mail servers fold
the case of the local part.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings

_KINDS = re.compile(r"^[a-z]{2,12}$")
_TOKEN = re.compile(r"^(\d{1,12})-([a-z]{2,12})-(\d{1,15})-(\d{1,12})-([a-z2-7]{20})$")
_MAC_CHARS = 20  # 100 bits of base32


@dataclass(frozen=True)
class ReplyToken:
    council_id: int
    kind: str
    object_id: int
    person_id: int


@dataclass(frozen=True)
class InboundFile:
    """An attachment that intake has already checked (type sniffed, size and count within limits)."""

    name: str
    content_type: str
    data: bytes
    sha256: str


@dataclass(frozen=True)
class InboundReply:
    """A reply matched to its token and its sender, ready for the owning app to place."""

    token: ReplyToken
    sender_address: str
    subject: str
    text: str  # plain text; taken from the HTML part, sanitised, only where no plain part exists
    message_id: str
    attachments: tuple[InboundFile, ...] = field(default=())


@dataclass(frozen=True)
class Placed:
    """Where a reply went, for intake's record and the Clerk's page."""

    description: str
    url: str = ""


Handler = Callable[[InboundReply], Placed]
_HANDLERS: dict[str, Handler] = {}


def _mac(council_id: int, kind: str, object_id: int, person_id: int) -> str:
    key = hashlib.sha256(("councildesk.replyto:" + settings.SECRET_KEY).encode()).digest()
    message = f"{council_id}:{kind}:{object_id}:{person_id}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.b32encode(digest).decode().lower()[:_MAC_CHARS]


def make_token(*, council_id: int, kind: str, object_id: int, person_id: int) -> str:
    if not _KINDS.match(kind):
        raise ValueError(f"a reply token kind is 2 to 12 lower-case letters, not {kind!r}")
    mac = _mac(council_id, kind, object_id, person_id)
    return f"{council_id}-{kind}-{object_id}-{person_id}-{mac}"


def read_token(token: str) -> ReplyToken | None:
    """The token's contents, or None when it is malformed or its MAC does not match (a forgery)."""
    found = _TOKEN.match(token.strip().lower())
    if not found:
        return None
    council_id, kind, object_id, person_id, mac = found.groups()
    expected = _mac(int(council_id), kind, int(object_id), int(person_id))
    if not hmac.compare_digest(mac, expected):
        return None
    return ReplyToken(int(council_id), kind, int(object_id), int(person_id))


def reply_domain() -> str:
    """``COUNCILDESK_REPLY_DOMAIN``, else the domain of the address the product sends from."""
    configured = getattr(settings, "COUNCILDESK_REPLY_DOMAIN", "")
    if configured:
        return str(configured)
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", "councildesk@localhost")
    return parseaddr(sender)[1].rpartition("@")[2] or "localhost"


def reply_address(*, council_id: int, kind: str, object_id: int, person_id: int) -> str:
    token = make_token(council_id=council_id, kind=kind, object_id=object_id, person_id=person_id)
    return f"reply+{token}@{reply_domain()}"


def token_in_address(address: str) -> ReplyToken | None:
    """The token in ``reply+<token>@domain`` (any domain: the MAC decides), or None."""
    local = parseaddr(address)[1].rpartition("@")[0].lower()
    if not local.startswith("reply+"):
        return None
    return read_token(local.removeprefix("reply+"))


def handles(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that places a reply of this kind. One handler per kind."""
    if not _KINDS.match(kind):
        raise ValueError(f"a reply token kind is 2 to 12 lower-case letters, not {kind!r}")

    def decorate(fn: Handler) -> Handler:
        if kind in _HANDLERS and _HANDLERS[kind] is not fn:
            raise ValueError(f"two handlers for replies of kind {kind!r}")
        _HANDLERS[kind] = fn
        return fn

    return decorate


def handler_for(kind: str) -> Handler | None:
    return _HANDLERS.get(kind)
