"""``reverse`` remembered: the service navigation reverses the same eight URLs on every council page (issue 14).

A URL reversed from a name and its arguments depends only on the URL configuration and the script prefix (no
URL is translated: ``USE_I18N`` is off), so the answer is kept under all of those. The URL configuration is keyed
by the setting and by the request's own (``set_urlconf``), so a test or a request that changes either gets its
own answers; a name that does not reverse is not kept and raises as before.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def reverse_remembered(name: str, *args: str | int) -> str:
    return _reverse(settings.ROOT_URLCONF, get_urlconf(), get_script_prefix(), name, args)


@lru_cache(maxsize=4096)
def _reverse(root: str, urlconf: object, prefix: str, name: str, args: tuple[str | int, ...]) -> str:
    return reverse(name, args=args)
