"""The IMAP poller against a real Dovecot (Debian's dovecot-imapd), started with a throwaway configuration on a
loopback port: plain authentication over loopback, a passwd-file user, a maildir in a temporary folder.

Without Dovecot the test is skipped with the reason; under CI (CI=true) it is required and fails instead.
"""

from __future__ import annotations

import imaplib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from councildesk.enquiries.models import Enquiry
from councildesk.mailin import imap
from councildesk.mailin.models import InboundEmail

from .conftest import message

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
PASSWORD = "throwaway-imap-password"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def dovecot(settings):
    if DOVECOT is None:
        reason = "Dovecot is not installed (apt-get install dovecot-imapd) so the IMAP poller test cannot run"
        if os.environ.get("CI"):
            pytest.fail(reason + " (required under CI)")
        pytest.skip(reason)
    # Not pytest's tmp_path: its parent is private to the test user, and Dovecot's auth process runs as another.
    base = Path(tempfile.mkdtemp(prefix="councildesk-dovecot-"))
    os.chmod(base, 0o755)  # noqa: S103  a throwaway folder; Dovecot's users must reach it
    root = base / "dovecot"
    for sub in ("run", "mail", "home"):
        (root / sub).mkdir(parents=True)
    uid, gid = (65534, 65534) if os.getuid() == 0 else (os.getuid(), os.getgid())
    if os.getuid() == 0:
        for path in (root / "mail", root / "home"):
            os.chown(path, uid, gid)
    port = _free_port()
    (root / "passwd").write_text(f"intake:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{root / 'home'}::\n")
    (root / "dovecot.conf").write_text(
        f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root / "run"}
state_dir = {root / "run"}
log_path = {root / "dovecot.log"}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = {min(uid, 500)}
mail_location = maildir:{root / "mail"}/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root / "passwd"}
}}
userdb {{
  driver = passwd-file
  args = {root / "passwd"}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""
    )
    if os.getuid() != 0:
        user = os.environ.get("USER", "nobody")
        extra = f"default_login_user = {user}\ndefault_internal_user = {user}\n"
        (root / "dovecot.conf").write_text(extra + (root / "dovecot.conf").read_text())
    conf = str(root / "dovecot.conf")
    # Dovecot forks into the background: its output goes to a file, or run() would wait on the daemon's pipes.
    with open(root / "start.log", "w") as out:
        started = subprocess.run([DOVECOT, "-c", conf], stdout=out, stderr=out, check=False, timeout=30)
    if started.returncode != 0:
        pytest.fail(f"Dovecot did not start: {(root / 'start.log').read_text()}")
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        settings.COUNCILDESK_IMAP_HOST = "127.0.0.1"
        settings.COUNCILDESK_IMAP_PORT = port
        settings.COUNCILDESK_IMAP_USER = "intake"
        settings.COUNCILDESK_IMAP_PASSWORD = PASSWORD
        settings.COUNCILDESK_IMAP_TLS = False
        settings.COUNCILDESK_IMAP_MAILBOX = "INBOX"
        yield port
    finally:
        subprocess.run(
            [DOVECOT, "-c", conf, "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=30
        )
        shutil.rmtree(base, ignore_errors=True)


def _client(port: int) -> imaplib.IMAP4:
    client = imaplib.IMAP4("127.0.0.1", port, timeout=10)
    client.login("intake", PASSWORD)
    return client


def test_the_poller_stores_unseen_mail_marks_it_seen_and_takes_a_duplicate_once(dovecot, sandon_cast):
    first = message(headers={"Delivered-To": "sandon-burston@localhost"}, message_id="<imap-1@example.org>")
    stranger = message(sender="stranger@example.net", message_id="<imap-2@example.org>")
    with _client(dovecot) as client:
        for raw in (first, stranger, first):  # the first message is delivered twice
            client.append("INBOX", "", imaplib.Time2Internaldate(time.time()), raw)
    assert imap.poll() == 3
    assert imap.poll() == 0  # everything is \\Seen now
    rows = {row.message_id: row for row in InboundEmail.objects.all()}
    assert set(rows) == {"imap-1@example.org", "imap-2@example.org"}
    assert rows["imap-1@example.org"].status == "placed"
    assert rows["imap-1@example.org"].via == "imap"
    assert rows["imap-2@example.org"].status == "quarantined"
    assert Enquiry.objects.count() == 1
    with _client(dovecot) as client:
        client.select("INBOX")
        typ, unseen = client.search(None, "UNSEEN")
        assert typ == "OK"
        assert unseen[0] == b""
