"""``councildesk mail-receive [--host H] [--port P] [--smtp]``: listen for incoming email from the council's mail
server, LMTP by default, on 127.0.0.1:8025 unless told otherwise. Each message is stored before it is accepted
(250), refused for now (451) when the database cannot take it, and refused (552) over COUNCILDESK_MAIL_MAX_BYTES.
Stop it with Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from councildesk.mailin.listener import controller


class Command(BaseCommand):
    help = "Receive incoming email over LMTP (default) or SMTP and place it, or hold it for the Clerk."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1).")
        parser.add_argument("--port", type=int, default=8025, help="Port to listen on (default 8025).")
        parser.add_argument("--smtp", action="store_true", help="Speak SMTP instead of LMTP.")

    def handle(self, *args: Any, host: str, port: int, smtp: bool, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        server = controller(host=host, port=port, smtp=smtp)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        server.start()
        self.stdout.write(f"councildesk mail-receive: {'SMTP' if smtp else 'LMTP'} on {host}:{port}", ending="\n")
        self.stdout.flush()
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
