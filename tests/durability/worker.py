"""A writer process for the durability tests: creates wards through the audited service, one transaction each,
and prints each ward's name only after its transaction committed (an acknowledged write)."""

from __future__ import annotations

import os
import sys


def main(council_slug: str, prefix: str, count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from councildesk.councils.models import Council
    from councildesk.people.services import ward_create

    council = Council.objects.get(slug=council_slug)
    for n in range(count):
        name = f"{prefix}-{n}"
        ward_create(actor=None, council=council, name=name)  # commits before it returns
        print(name, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
