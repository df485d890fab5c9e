"""A deliverer process for the concurrency test: delivers small batches until nothing is due, then prints the
number it sent. Several of these run at once against one database and one SMTP server."""

from __future__ import annotations

import os
import sys


def main(limit: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from councildesk.core import clock
    from councildesk.notifications.delivery import deliver_due

    sent = 0
    while True:
        report = deliver_due(clock.now(), limit=limit)
        sent += report.sent
        if not report.attempted:
            break
    print(sent, flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
