"""Reading an incoming email, defensively, as pure functions: no Django, no clock, no database.

``parse`` turns the raw bytes into what intake needs (the sender, the visible recipients, the subject on one line,
the body as plain text, the attachments as bytes) or raises ``Malformed`` with a plain-English reason. It never
trusts a header: each is decoded on its own and a header that cannot be read is treated as absent. The plain-text
part is preferred; where a message has only HTML, the HTML is cleaned by nh3 (ADR 0018) and turned into text, so
nothing a browser would run is kept. ``auth_failure`` reads the receiving server's Authentication-Results.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email import policy
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser, BytesParser
from email.utils import getaddresses

import nh3

MAX_DEPTH = 20  # nested multiparts deeper than this are how a parser-exhaustion attack looks
MAX_PARTS = 500
MAX_TEXT_CHARS = 200_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_LINE_BREAKS = re.compile(r"[\r\n\t\x00-\x1f\x7f\u2028\u2029\x85]+")
_BLOCK_END = re.compile(r"<(?:br|/p|/div|/li|/tr|/h[1-6]|/blockquote)\s*/?>", re.I)
_TAG = re.compile(r"<[^>]*>")
_RESULT = re.compile(r"\b(spf|dkim|dmarc)\s*=\s*([a-z]+)", re.I)
_SLUG = re.compile(r"[-a-z0-9_]+")
_BLOCK_TAGS = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


class Malformed(Exception):
    """The message cannot be read safely. ``reason`` is written for the Clerk."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str  # as the sender declared it; core.uploads decides what it really is
    data: bytes


@dataclass(frozen=True)
class ParsedEmail:
    message_id: str
    senders: tuple[str, ...]  # the From addresses, lower case (a valid message has exactly one)
    to: tuple[str, ...]  # lower case
    cc: tuple[str, ...]
    delivered_to: tuple[str, ...]  # Delivered-To and X-Original-To, as a receiving server records the envelope
    subject: str
    text: str
    from_html: bool
    attachments: tuple[Attachment, ...]
    auth_failure: str  # "" when the receiving server recorded no failure

    @property
    def sender(self) -> str:
        return self.senders[0] if len(self.senders) == 1 else ""

    @property
    def visible_recipients(self) -> tuple[str, ...]:
        return self.to + self.cc


def one_line(value: str, limit: int = 500) -> str:
    """A header value safe to show and to put in a header again: no line breaks or control characters."""
    return _LINE_BREAKS.sub(" ", value).strip()[:limit]


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _decoded(value: str) -> str:
    try:
        return str(make_header(decode_header(value)))
    except (LookupError, UnicodeError, ValueError, TypeError, AssertionError, IndexError):
        return value


# The headers intake reads; the others (Received, DKIM-Signature, ...) are kept in the raw bytes, not decoded.
_READ = frozenset(
    {"from", "to", "cc", "subject", "message-id", "delivered-to", "x-original-to", "authentication-results"}
)
_RECOGNISABLE = ("from", "to", "subject", "date", "message-id")


def _headers(message: Message) -> tuple[dict[str, list[str]], bool]:
    """The headers intake reads, as decoded text by lower-case name, and whether the message has any recognisable
    email header at all. Never raises: an unreadable value is kept raw."""
    found: dict[str, list[str]] = {}
    recognisable = False
    for name, value in message.raw_items():
        key = str(name).strip().lower()
        recognisable = recognisable or key in _RECOGNISABLE
        if key in _READ:
            text = value if isinstance(value, str) else str(value)
            found.setdefault(key, []).append(_decoded(text))
    return found, recognisable


def _addresses(values: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for _, address in getaddresses([one_line(v, 5000) for v in values]):
        address = address.strip().strip("<>").lower()
        if "@" in address and address not in out:
            out.append(address)
    return tuple(out)


def message_id_of(values: Sequence[str]) -> str:
    """The Message-ID without its angle brackets, on one line, at most 250 characters; "" when absent."""
    if not values:
        return ""
    value = one_line(values[0], 1000)
    found = re.search(r"<([^<>\s]+)>", value)
    return (found.group(1) if found else value.strip("<> "))[:250]


def auth_failure(values: Sequence[str]) -> str:
    """What failed in the receiving server's Authentication-Results, or "" when nothing did.

    Only the topmost header is read: it is the one our own receiving server added; lower ones came with the
    message and could have been written by the sender. DMARC decides where it was evaluated; otherwise a failed
    SPF check, or a failed DKIM signature with no passing one, is a failure.
    """
    if not values:
        return ""
    results: dict[str, set[str]] = {}
    for method, result in _RESULT.findall(values[0]):
        results.setdefault(method.lower(), set()).add(result.lower())
    failed = {"fail", "permerror"}
    if "dmarc" in results:
        return "dmarc=fail" if results["dmarc"] & failed else ""
    bad = []
    if results.get("spf", set()) & failed:
        bad.append("spf=fail")
    if results.get("dkim", set()) & failed and "pass" not in results.get("dkim", set()):
        bad.append("dkim=fail")
    return ", ".join(bad)


def _charset_text(data: bytes, declared: str | None) -> str:
    """Bytes to text: the declared charset when it is real and fits, else UTF-8, else Windows-1252."""
    candidates = []
    if declared:
        with contextlib.suppress(LookupError):
            candidates.append(codecs.lookup(declared).name)
    for name in [*candidates, "utf-8"]:
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("cp1252", errors="replace")


def html_to_text(markup: str) -> str:
    """HTML cleaned by nh3 (scripts, styles, event handlers and every attribute removed), then as plain text."""
    cleaned = nh3.clean(markup, tags=_BLOCK_TAGS, attributes={}, strip_comments=True)
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", cleaned)))
    return clean_text(text)


def clean_text(text: str) -> str:
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()[:MAX_TEXT_CHARS]


def _payload(part: Message) -> bytes:
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _filename(part: Message) -> str:
    try:
        name = part.get_filename()
    except (LookupError, UnicodeError, ValueError, TypeError, IndexError):
        name = None
    return one_line(_decoded(name), 200) if name else ""


def _walk(message: Message) -> tuple[str, str, list[Attachment]]:
    """The first plain-text body, the first HTML body, and the attachments, with depth and count limits."""
    plain = ""
    markup = ""
    attachments: list[Attachment] = []
    stack: list[tuple[Message, int]] = [(message, 0)]
    seen = 0
    while stack:
        part, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH:
            raise Malformed(f"The message nests its parts more than {MAX_DEPTH} deep, so it was not opened.")
        if seen > MAX_PARTS:
            raise Malformed(f"The message has more than {MAX_PARTS} parts, so it was not opened.")
        if part.is_multipart():
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend((child, depth + 1) for child in reversed(children) if isinstance(child, Message))
            continue
        content_type = part.get_content_type()
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        name = _filename(part)
        if not name and disposition != "attachment" and content_type in ("text/plain", "text/html"):
            text = _charset_text(_payload(part), part.get_content_charset())
            if content_type == "text/plain" and not plain:
                plain = text
            elif content_type == "text/html" and not markup:
                markup = text
            continue
        attachments.append(Attachment(name or "attachment", content_type, _payload(part)))
    return plain, markup, attachments


def largest_message(max_attachments_total: int) -> int:
    """The largest message worth opening: its attachments' total limit once base64 encoded, plus 1 MB of text."""
    return max_attachments_total * 4 // 3 + 1024 * 1024


def parse(raw: bytes, *, headers_only: bool = False) -> ParsedEmail:
    """The parts of the message intake uses; ``Malformed`` when it cannot be read safely.

    ``headers_only`` reads the header block and nothing else (for a message too large to open): no text and no
    attachments.
    """
    if not raw.strip():
        raise Malformed("The message is empty.")
    try:
        parser = BytesHeaderParser if headers_only else BytesParser
        message = parser(policy=policy.default).parsebytes(raw)
        headers, recognisable = _headers(message)
        if not recognisable:
            raise Malformed("The message has no recognisable email headers.")
        plain, markup, attachments = ("", "", []) if headers_only else _walk(message)
    except Malformed:
        raise
    except (RecursionError, MemoryError) as exc:
        raise Malformed("The message's structure is too deep or too large to read safely.") from exc
    except Exception as exc:
        raise Malformed(f"The message could not be read as email ({type(exc).__name__}).") from exc
    text = clean_text(plain) if plain.strip() else (html_to_text(markup) if markup else "")
    return ParsedEmail(
        message_id=message_id_of(headers.get("message-id", [])),
        senders=_addresses(headers.get("from", [])),
        to=_addresses(headers.get("to", [])),
        cc=_addresses(headers.get("cc", [])),
        delivered_to=_addresses(headers.get("delivered-to", []) + headers.get("x-original-to", [])),
        subject=one_line(headers.get("subject", [""])[0], 200),
        text=text,
        from_html=not plain.strip() and bool(markup),
        attachments=tuple(attachments),
        auth_failure=auth_failure(headers.get("authentication-results", [])),
    )


def quick_message_id(raw: bytes) -> str:
    """The Message-ID read from the header block alone (cheap, before the message is stored); "" when absent."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0][:200_000]
    found = re.search(rb"^message-id:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)", head, re.I | re.M)
    if not found:
        return ""
    return message_id_of([found.group(1).decode("ascii", errors="replace")])


def _intake_pairs(configured: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in configured.split(","):
        slug, sep, address = item.partition("=")
        if sep and "@" in address:
            pairs[slug.strip()] = address.strip().lower()
    return pairs


def intake_slugs(configured: str, domain: str, addresses: Iterable[str]) -> dict[str, str]:
    """Address -> the slug of the council whose intake address it would be, in the order given (the inverse of
    ``intake_addresses``, without the list of councils: whether that council exists is the caller's question).

    A configured address names its slug; otherwise ``<slug>@<domain>`` names ``slug``, unless that slug has a
    configured address of its own.
    """
    pairs = _intake_pairs(configured)
    by_address = {address: slug for slug, address in pairs.items()}
    domain = domain.lower()
    found: dict[str, str] = {}
    for address in addresses:
        address = address.lower()
        local, _, at = address.rpartition("@")
        if address in by_address:
            found[address] = by_address[address]
        elif at == domain and _SLUG.fullmatch(local) and local not in pairs:
            found[address] = local
    return found


def intake_addresses(configured: str, slugs: Iterable[str], domain: str) -> dict[str, str]:
    """Each council's intake address: ``slug=address`` pairs from the setting, else ``<slug>@<domain>``.

    ``configured`` is ``COUNCILDESK_MAIL_INTAKE``, for example ``sandon-burston=members@sandon.example``; pairs are
    separated by commas. Addresses compare in lower case.
    """
    pairs = _intake_pairs(configured)
    return {slug: pairs.get(slug, f"{slug}@{domain}".lower()) for slug in slugs}
