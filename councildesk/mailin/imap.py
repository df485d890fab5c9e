"""The IMAP poller, a sweep job: fetch the unseen messages of one mailbox, store each, then mark it seen.

A message is marked ``\\Seen`` (or moved to ``COUNCILDESK_IMAP_MOVE_TO``) only after its raw bytes are committed,
so a crash between the two leaves it unseen and the next sweep fetches it again; the Message-ID makes that second
fetch a no-op. Fetching uses ``BODY.PEEK[]``, which does not set ``\\Seen`` by itself. The job does nothing while
``COUNCILDESK_IMAP_HOST`` is empty.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import imaplib
import logging
import ssl

from django.conf import settings
from django.db import DatabaseError

from . import services
from .models import InboundEmail

log = logging.getLogger(__name__)
BATCH = 200  # messages per sweep; the rest wait for the next one


def _connect() -> imaplib.IMAP4:
    host, port = settings.COUNCILDESK_IMAP_HOST, int(settings.COUNCILDESK_IMAP_PORT)
    if settings.COUNCILDESK_IMAP_TLS:
        return imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(), timeout=30)
    return imaplib.IMAP4(host, port, timeout=30)


def _mark_taken(client: imaplib.IMAP4, uid: str) -> None:
    folder = settings.COUNCILDESK_IMAP_MOVE_TO
    if folder:
        typ, _ = client.uid("MOVE", uid, folder)
        if typ == "OK":
            return
        client.uid("COPY", uid, folder)
        client.uid("STORE", uid, "+FLAGS", "(\\Seen \\Deleted)")
        client.expunge()
        return
    client.uid("STORE", uid, "+FLAGS", "(\\Seen)")


def poll(now: dt.datetime | None = None) -> int:
    """Store and place each unseen message; returns how many were taken. Idempotent by Message-ID."""
    if not settings.COUNCILDESK_IMAP_HOST:
        return 0
    client = _connect()
    taken = 0
    try:
        client.login(settings.COUNCILDESK_IMAP_USER, settings.COUNCILDESK_IMAP_PASSWORD)
        typ, _ = client.select(settings.COUNCILDESK_IMAP_MAILBOX)
        if typ != "OK":
            raise RuntimeError(f"the IMAP mailbox {settings.COUNCILDESK_IMAP_MAILBOX!r} cannot be opened")
        typ, found = client.uid("SEARCH", None, "UNSEEN")  # type: ignore[arg-type]
        uids = found[0].decode().split() if typ == "OK" and found and found[0] else []
        for uid in uids[:BATCH]:
            typ, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((part[1] for part in data or [] if isinstance(part, tuple)), None)
            if typ != "OK" or not isinstance(raw, bytes):
                log.warning("IMAP message %s could not be fetched; it stays unseen", uid)
                continue
            try:
                row, created = services.store(raw, via=InboundEmail.Via.IMAP)
            except DatabaseError:
                log.exception("IMAP message %s could not be stored; it stays unseen for the next sweep", uid)
                break
            _mark_taken(client, uid)
            taken += 1
            if created:
                try:
                    services.place(row.pk)
                except DatabaseError:
                    log.exception("email %s was stored but not placed; the sweep will try again", row.pk)
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return taken


def place_received(now: dt.datetime | None = None) -> int:
    return services.place_received()
