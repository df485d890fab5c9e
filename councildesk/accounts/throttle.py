"""How many failed sign-ins are too many, and from where. Reads django-axes's tables; writes nothing.

Three limits, so that no attacker can lock every user of a council out at once (ADR 0014):
- **account from one address** (django-axes, ``COUNCILDESK_SIGNIN_FAILURE_LIMIT``): the username+address pair is
  locked. Guessing from one address locks that address out of that account, and nobody else.
- **address** (``COUNCILDESK_SIGNIN_ADDRESS_LIMIT``): an address with that many failures, whatever the
  usernames, is refused. It stops one address spraying passwords across every account.
- **account from everywhere** (``COUNCILDESK_SIGNIN_ACCOUNT_LIMIT``): a soft limit against guessing from many
  addresses. It refuses only addresses the person has never signed in from, so the person still gets in from
  their usual place while it lasts.
All three end ``COUNCILDESK_SIGNIN_LOCKOUT_MINUTES`` after the last failure, or sooner when the Clerk (for their
council's people) or the host administrator unlocks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest

from councildesk.core import clock

ADDRESS = "address"
ACCOUNT = "account"


def client_address(request: HttpRequest) -> str | None:
    """The peer's address. ``serve`` rewrites it from X-Forwarded-For only for a trusted proxy, so it is not
    the client's to choose (django-axes would otherwise read forwarding headers itself)."""
    return request.META.get("REMOTE_ADDR") or None


def window_start() -> dt.datetime:
    return clock.now() - dt.timedelta(minutes=settings.COUNCILDESK_SIGNIN_LOCKOUT_MINUTES)


def _failures(**where: str | None) -> int:
    rows = AccessAttempt.objects.filter(attempt_time__gte=window_start(), **where)
    return int(rows.aggregate(n=Sum("failures_since_start"))["n"] or 0)


def known_address(username: str, address: str | None) -> bool:
    """Whether the person has signed in from this address before (django-axes's access log)."""
    return address is not None and AccessLog.objects.filter(username=username, ip_address=address).exists()


def refusal(username: str, address: str | None) -> str | None:
    """Why a sign-in from ``address`` as ``username`` is refused before the password is even checked, or None.

    The username+address lockout itself is django-axes's (in the authentication backend)."""
    if address is not None and _failures(ip_address=address) >= settings.COUNCILDESK_SIGNIN_ADDRESS_LIMIT:
        return ADDRESS
    if (
        username
        and _failures(username=username) >= settings.COUNCILDESK_SIGNIN_ACCOUNT_LIMIT
        and not known_address(username, address)
    ):
        return ACCOUNT
    return None


@dataclass(frozen=True)
class Lockout:
    username: str
    addresses: tuple[str, ...]
    failures: int
    last_failure: dt.datetime
    kind: str  # "account" (locked from some addresses) or "address"


def account_lockouts(usernames: set[str] | None = None) -> list[Lockout]:
    """Accounts locked from at least one address, or past the soft limit. ``usernames`` narrows the list."""
    rows = AccessAttempt.objects.filter(attempt_time__gte=window_start()).exclude(username=None)
    if usernames is not None:
        rows = rows.filter(username__in=usernames)
    by_user: dict[str, list[AccessAttempt]] = {}
    for row in rows.order_by("username", "ip_address"):
        by_user.setdefault(row.username or "", []).append(row)
    found = []
    for username, attempts in by_user.items():
        total = sum(a.failures_since_start for a in attempts)
        locked = tuple(
            a.ip_address or "unknown"
            for a in attempts
            if a.failures_since_start >= settings.COUNCILDESK_SIGNIN_FAILURE_LIMIT
        )
        if locked or total >= settings.COUNCILDESK_SIGNIN_ACCOUNT_LIMIT:
            last = max(a.attempt_time for a in attempts)
            found.append(Lockout(username, locked, total, last, ACCOUNT))
    return found


def address_lockouts() -> list[Lockout]:
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=window_start())
        .exclude(ip_address=None)
        .values("ip_address")
        .annotate(n=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(n__gte=settings.COUNCILDESK_SIGNIN_ADDRESS_LIMIT)
        .order_by("ip_address")
    )
    return [Lockout("", (r["ip_address"],), int(r["n"]), r["last"], ADDRESS) for r in rows]
