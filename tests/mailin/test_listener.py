"""``councildesk mail-receive``: LMTP and SMTP on a loopback port. A message is answered 250 only once stored;
a database failure is answered 451 (the sending server keeps it and retries); too large is 552; nonsense on the
wire never stops the listener."""

from __future__ import annotations

import smtplib
import socket

import pytest
from django.db import DatabaseError

from councildesk.enquiries.models import Enquiry
from councildesk.mailin import listener, services
from councildesk.mailin.models import InboundEmail
from tests.notifications.committed import committed_db  # noqa: F401  (fixture)

from .conftest import message

# The listener stores from its own thread, so writes must really commit; ``committed_db`` empties the tables
# afterwards in a way PostgreSQL's append-only audit triggers allow.
pytestmark = pytest.mark.usefixtures("committed_db")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def running(frozen):
    servers = []

    def start(*, smtp: bool = False, max_bytes: int | None = None) -> int:
        port = _free_port()
        server = listener.controller(host="127.0.0.1", port=port, smtp=smtp, max_bytes=max_bytes)
        server.start()
        servers.append(server)
        return port

    yield start
    for server in servers:
        server.stop()


def _lmtp(port: int) -> smtplib.LMTP:
    client = smtplib.LMTP("127.0.0.1", port)
    client.ehlo("mx.example.org")  # smtplib's LMTP sends LHLO for ehlo
    return client


def test_lmtp_stores_then_places_and_a_second_delivery_is_applied_once(running):
    from .conftest import cast_for

    cast = cast_for("sandon-burston")
    port = running()
    raw = message()
    for _ in range(2):
        with _lmtp(port) as client:
            refused = client.sendmail("cllr@example.org", ["sandon-burston@localhost"], raw)
            assert refused == {}
    row = InboundEmail.objects.get()
    assert row.status == InboundEmail.Status.PLACED
    assert bytes(row.raw).replace(b"\r\n", b"\n").startswith(raw)
    assert Enquiry.objects.get().raised_by == cast.councillor


def test_smtp_refuses_too_large_and_asks_for_a_retry_when_the_database_fails(running, monkeypatch):
    port = running(smtp=True, max_bytes=2000)
    with smtplib.SMTP("127.0.0.1", port) as client:
        with pytest.raises(smtplib.SMTPSenderRefused) as big:  # SIZE is announced, so MAIL FROM is refused
            client.sendmail("a@example.net", ["sandon-burston@localhost"], message(text="x" * 5000))
        assert big.value.smtp_code == 552

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(services.statements, "insert_raw", broken)
    with smtplib.SMTP("127.0.0.1", port) as client:
        with pytest.raises(smtplib.SMTPDataError) as retry:
            client.sendmail("a@example.net", ["sandon-burston@localhost"], message())
        assert retry.value.smtp_code == 451
    assert not InboundEmail.objects.exists()


def test_nonsense_on_the_wire_does_not_stop_the_listener(running):
    port = running()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw_socket:
        raw_socket.recv(1024)
        for line in (b"\xff\xfe\x00garbage\r\n", b"DATA\r\n", b"MAIL FROM:<<<>>>\r\n", b"A" * 5000 + b"\r\n"):
            raw_socket.sendall(line)
        raw_socket.recv(4096)
    with _lmtp(port) as client:
        client.sendmail("x@example.net", ["nobody@localhost"], b"not an email at all\r\n")
    row = InboundEmail.objects.get()
    assert row.status == InboundEmail.Status.QUARANTINED
    assert row.reason
