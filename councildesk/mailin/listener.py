"""``councildesk mail-receive``: the LMTP (or SMTP) listener the council's mail server hands mail to.

A message is answered 250 only after its raw bytes are committed (``services.receive``); when the database cannot
take it the answer is 451, a temporary failure, so the sending server keeps it and tries again. A message over
``COUNCILDESK_MAIL_MAX_BYTES`` gets 552 from aiosmtpd before anything is stored. The raw bytes and the placing (or
quarantine, with its audit event) commit together, once; a failure while placing rolls back only the placing, so the
message is still stored, ``received``, for the sweep, and is not the sender's problem. Nothing in a message can stop
the listener: aiosmtpd answers a bad command with an error and goes on, and every database call runs in one worker
thread, outside the event loop, one at a time.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.conf import settings
from django.db import DatabaseError, close_old_connections

from councildesk.tenancy import rls

from . import services
from .models import InboundEmail

log = logging.getLogger(__name__)


def _ingest(raw: bytes, envelope_from: str, envelope_to: list[str]) -> None:
    close_old_connections()
    # Mail intake spans councils: a message is stored before its council is known, then placed by its address
    # (ADR 0015 names this bypass).
    with rls.bypass("mail intake: a message's council is found from its address"):
        services.receive(raw, via=InboundEmail.Via.LISTENER, envelope_from=envelope_from, envelope_to=envelope_to)


class IntakeHandler:
    """aiosmtpd handler: store, place, then answer."""

    def __init__(self, *, lmtp: bool) -> None:
        self.lmtp = lmtp
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mail-receive-db")

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        recipients = [str(r) for r in envelope.rcpt_tos]
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self.executor, _ingest, raw, str(envelope.mail_from or ""), recipients)
        except DatabaseError:
            log.exception("an incoming message could not be stored; asking the sender to try again")
            return self._answer("451 4.3.0 The message could not be stored now; try again later", recipients)
        except Exception:
            log.exception("an incoming message could not be taken in; asking the sender to try again")
            return self._answer("451 4.3.0 The message could not be taken in now; try again later", recipients)
        return self._answer("250 2.0.0 Message stored", recipients)

    def _answer(self, line: str, recipients: list[str]) -> str:
        # LMTP answers DATA once per recipient (RFC 2033); every recipient shares the one stored message.
        return "\r\n".join([line] * max(len(recipients), 1)) if self.lmtp else line


class IntakeController(Controller):
    def __init__(self, *, host: str, port: int, lmtp: bool, max_bytes: int) -> None:
        self.lmtp = lmtp
        super().__init__(
            IntakeHandler(lmtp=lmtp),
            hostname=host,
            port=port,
            data_size_limit=max_bytes,
            enable_SMTPUTF8=True,
            decode_data=False,
            ident="councildesk mail-receive",
        )

    def factory(self) -> Any:
        server_class = LMTP if self.lmtp else SMTP
        return server_class(self.handler, **self.SMTP_kwargs)


def controller(
    *, host: str = "127.0.0.1", port: int = 8025, smtp: bool = False, max_bytes: int | None = None
) -> IntakeController:
    limit = max_bytes if max_bytes is not None else int(settings.COUNCILDESK_MAIL_MAX_BYTES)
    return IntakeController(host=host, port=port, lmtp=not smtp, max_bytes=limit)
