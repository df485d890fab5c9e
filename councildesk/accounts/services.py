"""Writes for signing in: each is audited in the councils where the person holds (or held) a role.

Sign-in events have no council of their own. They are recorded in every council where the person has ever held
a role, because each council's Monitoring Officer and Clerk should see who reaches their papers, and a sign-in
reaches all of them. A username that matches nobody, or a host administrator with no role anywhere, has no
council to record under: django-axes keeps those attempts (AccessAttempt, AccessFailureLog, AccessLog) and the
server log names them (ADR 0014).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from binascii import unhexlify
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from councildesk.audit import events as audit_events
from councildesk.audit.services import record
from councildesk.core import clock
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.councils.models import Council
from councildesk.notifications.models import OutboxEmail
from councildesk.notifications.services import notify
from councildesk.people.access import membership_for, memberships_of
from councildesk.people.models import Person
from councildesk.people.services import _check_password

from . import events
from .models import Passkey, RecoveryCode, SetUpDue
from .policy import has_second_factor
from .sessions import end_sessions

log = logging.getLogger("councildesk.signin")
RECOVERY_CODE_COUNT = 10


# -- recording ---------------------------------------------------------------------------------------------


def councils_of(person: Person) -> QuerySet[Council]:
    return Council.objects.filter(roles__person=person).distinct().order_by("slug")


def _record(person: Person, actor: Person | None, action: str, data: dict[str, Any]) -> None:
    """Record ``action`` about ``person`` in each of their councils. Runs in the caller's transaction."""
    councils = list(councils_of(person))
    for council in councils:
        record(council=council, actor=actor, action=action, subject=person, data=data)
    if not councils:
        log.info("%s %s %s", action, person.username, data)


def revoke_api_tokens(person: Person, *, reason: str) -> int:
    """Revoke every live API token of ``person`` (a reset credential or a deactivated account), each audited like
    a revocation by its owner. Runs in the caller's transaction. Through the person's reverse relation, so the
    accounts app needs nothing from the api app (they are sibling interfaces)."""
    now = clock.now()
    live = list(person.api_tokens.select_for_update().filter(revoked_at=None, expires_at__gt=now))
    for token in live:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        for council in councils_of(person):
            record(
                council=council,
                actor=None,
                action=audit_events.API_TOKEN_REVOKED,
                subject=token,
                data={"name": token.name, "prefix": token.prefix, "reason": reason},
            )
    return len(live)


def sign_in_succeeded(*, person: Person, address: str | None, method: str) -> None:
    with transaction.atomic():
        _record(person, person, events.SIGNED_IN, {"address": address or "", "second_factor": method})


def sign_in_failed(*, username: str, address: str | None, reason: str) -> None:
    """A wrong password, a refused address, or a wrong code. Audited when the username names someone."""
    person = Person.objects.filter(username=username).first()
    if person is None:
        log.info("sign-in failed for unknown username from %s: %s", address, reason)
        return
    with transaction.atomic():
        _record(person, None, events.SIGN_IN_FAILED, {"address": address or "", "reason": reason})


def record_lockout(sender: object, request: object = None, username: str = "", ip_address: str = "", **_: Any) -> None:
    """django-axes's ``user_locked_out`` signal: the username+address pair reached the limit.

    axes sends it again for every try refused during the lockout (without counting a failure): those are
    audited as failed sign-ins by the view, so only the try that locks is recorded here."""
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    person = Person.objects.filter(username=username).first() if username else None
    if person is None:
        log.warning("sign-in locked for unknown username %r from %s", username, ip_address)
        return
    with transaction.atomic():
        _record(person, None, events.LOCKED_OUT, {"address": ip_address or "", "until_minutes": _minutes()})


def _minutes() -> str:
    return str(settings.COUNCILDESK_SIGNIN_LOCKOUT_MINUTES)


# -- unlocking ---------------------------------------------------------------------------------------------


def unlockable_usernames(actor: Person) -> set[str] | None:
    """Whose lockouts the actor may see and clear: None for everyone (host administrator), else the people who
    hold or held a role in a council where the actor is the head officer (the Clerk or Chief Executive)."""
    if actor.is_host_admin:
        return None
    councils = head_councils(actor)
    return set(Person.objects.filter(roles__council__in=councils).values_list("username", flat=True).distinct())


def can_unlock(actor: Person) -> bool:
    names = unlockable_usernames(actor)
    return names is None or bool(names)


def unlock_account(*, actor: Person, username: str) -> Person:
    """Clear every failed attempt for ``username`` (from every address), so they can sign in again now."""
    allowed = unlockable_usernames(actor)
    person = Person.objects.filter(username=username).first()
    if person is None or (allowed is not None and username not in allowed):
        raise NotFound("That person")
    with transaction.atomic():
        cleared = AccessAttempt.objects.filter(username=username).delete()[0]
        _record(person, actor, events.UNLOCKED, {"username": username, "cleared": cleared})
    return person


def unlock_address(*, actor: Person, address: str) -> int:
    """Host administrator only: clear an address's failures. Audited for each person it had tried."""
    if not actor.is_host_admin:
        raise NotFound("That address")
    with transaction.atomic():
        rows = AccessAttempt.objects.filter(ip_address=address)
        usernames = set(rows.exclude(username=None).values_list("username", flat=True))
        cleared = rows.delete()[0]
        for person in Person.objects.filter(username__in=usernames):
            _record(person, actor, events.UNLOCKED, {"address": address, "cleared": cleared})
    if not usernames:
        log.info("host administrator %s cleared address %s (%s rows)", actor.username, address, cleared)
    return cleared


# -- the second factor -------------------------------------------------------------------------------------


def new_totp_key() -> str:
    return secrets.token_hex(20)


def totp_matches(key: str, code: str, *, after: int = -1) -> int | None:
    """The time step ``code`` is valid for under ``key`` (one step either side), or None."""
    code = "".join(code.split())
    if not code.isdigit() or len(code) != 6:
        return None
    totp = TOTP(unhexlify(key), step=30, digits=6)
    totp.time = clock.now().timestamp()
    if totp.verify(int(code), tolerance=1, min_t=after + 1):
        return totp.t()
    return None


def _recovery_digest(code: str) -> str:
    normal = "".join(code.lower().split()).replace("-", "")
    return hmac.new(settings.SECRET_KEY.encode(), f"recovery:{normal}".encode(), hashlib.sha256).hexdigest()


def _new_recovery_codes(person: Person) -> list[str]:
    RecoveryCode.objects.filter(person=person).delete()
    now = clock.now()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = secrets.token_hex(5)  # 40 bits, shown as two groups of five
        code = f"{raw[:5]}-{raw[5:]}"
        codes.append(code)
        RecoveryCode.objects.create(person=person, digest=_recovery_digest(code), created_at=now)
    return codes


def second_factor_set_up(*, person: Person, key: str, code: str) -> list[str]:
    """Confirm an authenticator app by a code from it; replaces any earlier one. Returns new recovery codes."""
    step = totp_matches(key, code)
    if step is None:
        raise ValidationFailed("Enter the 6-digit code your authenticator app shows now.", {"code": "does not match"})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=person).delete()
        TOTPDevice.objects.create(user=person, name="Authenticator app", key=key, confirmed=True, last_t=step)
        SetUpDue.objects.filter(person=person).delete()
        codes = _new_recovery_codes(person)
        _record(person, person, events.SECOND_FACTOR_SET_UP, {"recovery_codes": str(len(codes))})
    return codes


def second_factor_install(*, person: Person, key: str) -> None:
    """The demo's known authenticator secret (printed by ``councildesk demo``). By the system, audited."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=person).delete()
        TOTPDevice.objects.create(user=person, name="Demo authenticator", key=key, confirmed=True)
        _record(person, None, events.SECOND_FACTOR_SET_UP, {"demo": "known secret"})


def second_factor_verify(*, person: Person, code: str, address: str | None) -> str | None:
    """Check a code at sign-in: "app" for an authenticator code, "recovery" for a recovery code, or None.

    django-otp throttles wrong app codes per device (a growing delay) and refuses a code used before."""
    code = code.strip()
    device = TOTPDevice.objects.filter(user=person, confirmed=True).first()
    compact = "".join(code.split())
    if device is not None and compact.isdigit() and device.verify_token(compact):
        return "app"
    with transaction.atomic():
        spare = (
            RecoveryCode.objects.select_for_update()
            .filter(person=person, digest=_recovery_digest(code), used_at=None)
            .first()
        )
        if spare is not None:
            spare.used_at = clock.now()
            spare.save(update_fields=["used_at"])
            left = RecoveryCode.objects.filter(person=person, used_at=None).count()
            _record(person, person, events.RECOVERY_CODE_USED, {"address": address or "", "left": str(left)})
            return "recovery"
        _record(person, None, events.SECOND_FACTOR_FAILED, {"address": address or ""})
    return None


def head_councils(actor: Person) -> list[Council]:
    """The councils where the actor is the head officer today (the Clerk or Chief Executive)."""
    return [c for c in memberships_of(actor) if membership_for(actor, c.slug).is_head_officer]


def _person_to_manage(actor: Person, username: str) -> Person:
    """The person a second-factor reset or a deactivation names: one of the actor's people, or NotFound. A host
    administrator's account is the whole service's, so only another host administrator may reset or deactivate
    it, even where they also hold a role in the head officer's council (the product's rule: no protocol covers
    the hosting of the service)."""
    allowed = unlockable_usernames(actor)
    username = username.strip()
    person = Person.objects.filter(username=username).first() if username else None
    if person is None or (allowed is not None and person.username not in allowed):
        raise NotFound("That person")
    if person.is_host_admin and not actor.is_host_admin:
        raise ValidationFailed(
            f"{person.get_full_name() or person.username} is a host administrator: only another host administrator "
            "can change their account.",
            {"username": "host administrator"},
        )
    return person


def second_factor_reset(*, actor: Person, username: str, reason: str) -> Person:
    """A lost authenticator: remove the person's app and recovery codes, so they set one up again at their next
    sign-in. The host administrator, or the head officer of a council where the person holds or held a role; never
    one's own (another administrator must do it, so one stolen password cannot swap the second factor). Audited
    with the reason in each of the person's councils; the person is told in-app and by email."""
    person = _person_to_manage(actor, username)
    if person.pk == actor.pk:
        raise ValidationFailed(
            "You cannot reset your own second factor. Ask another administrator, or use a recovery code.",
            {"username": "own account"},
        )
    reason = " ".join(reason.split())
    if len(reason) < 5:
        raise ValidationFailed("Say why the second factor is being reset.", {"reason": "required"})
    with transaction.atomic():
        had_app = TOTPDevice.objects.filter(user=person).delete()[0] > 0
        passkeys = Passkey.objects.filter(person=person).delete()[0]
        RecoveryCode.objects.filter(person=person).delete()
        SetUpDue.objects.update_or_create(person=person, defaults={"reset_at": clock.now()})
        # Whoever holds the old factor may be signed in already: end every session and token of theirs.
        ended = end_sessions(person)
        revoked = revoke_api_tokens(person, reason="second factor reset")
        _record(
            person,
            actor,
            events.SECOND_FACTOR_RESET,
            {
                "reason": reason[:500],
                "had_app": str(had_app),
                "passkeys": str(passkeys),
                "sessions_ended": str(ended),
                "api_tokens_revoked": str(revoked),
            },
        )
        councils = list(councils_of(person))
        mine = [c for c in councils if c in head_councils(actor)] if not actor.is_host_admin else []
        council = (mine or councils)[0] if (mine or councils) else None
        if council is not None:
            notify(
                council=council,
                recipient=person,
                kind=events.SECOND_FACTOR_RESET,
                subject="Your councildesk authenticator app was reset",
                body=(
                    f"{actor.get_full_name() or actor.username} reset the second factor of your councildesk "
                    f"account {person.username}. The reason given: {reason}\n\n"
                    "Your old authenticator app, passkeys and recovery codes no longer work, you were signed out "
                    "everywhere, and your API tokens were revoked. The next time you sign in, you will be asked to "
                    "set up an authenticator app again.\n\n"
                    "If you did not ask for this, tell your council's Clerk or head officer now."
                ),
                url=reverse("account"),
            )
        else:
            log.info("second factor of %s reset by %s; no council to notify in", person.username, actor.username)
    return person


def recovery_codes_left(person: Person) -> int:
    return RecoveryCode.objects.filter(person=person, used_at=None).count()


def recovery_codes_replace(*, actor: Person) -> list[str]:
    if not has_second_factor(actor):
        raise ValidationFailed("Set up an authenticator app or a passkey first.")
    with transaction.atomic():
        codes = _new_recovery_codes(actor)
        _record(actor, actor, events.RECOVERY_CODES_REPLACED, {"recovery_codes": str(len(codes))})
    return codes


# -- passwords ---------------------------------------------------------------------------------------------


def password_change(*, actor: Person, current: str, new: str, keep_session: str | None = None) -> int:
    """Change one's own password. Every other session of the actor ends on the server (``keep_session`` is the
    one making the change); API tokens stay, because the person is signed in and chose this (a reset does revoke
    them). Returns how many sessions ended."""
    if not actor.check_password(current):
        raise ValidationFailed("Your current password is not right.", {"current_password": "incorrect"})
    _check_password(new, actor)
    with transaction.atomic():
        actor.set_password(new)
        actor.save(update_fields=["password"])
        ended = end_sessions(actor, keep=keep_session)
        _record(actor, actor, events.PASSWORD_CHANGED, {"sessions_ended": str(ended)})
    return ended


def password_reset_request(*, email: str, address: str | None) -> int:
    """Email a reset link to each active person with this address, through the outbox. Returns how many.

    The page says the same whatever the answer, so it cannot be used to find out who has an account."""
    email = email.strip()
    sent = 0
    for person in Person.objects.filter(email__iexact=email, is_active=True) if email else []:
        council = councils_of(person).first()
        if council is None:  # the outbox belongs to a council; someone with no role anywhere gets nothing
            log.info("password reset asked for %s, who holds no role anywhere", person.username)
            continue
        uid = urlsafe_base64_encode(force_bytes(person.pk))
        token = default_token_generator.make_token(person)
        link = f"{settings.COUNCILDESK_BASE_URL.rstrip('/')}{reverse('password_reset_confirm')}?u={uid}&t={token}"
        hours = settings.COUNCILDESK_PASSWORD_RESET_HOURS
        now = clock.now()
        with transaction.atomic():
            OutboxEmail.objects.create(
                council=council,
                to_address=person.email,
                subject="Reset your councildesk password",
                body=(
                    f"Someone asked to reset the password of the councildesk account {person.username}.\n\n"
                    f"To choose a new password, open this link within {hours} hours. It works once:\n{link}\n\n"
                    "If it was not you, ignore this email: your password stays as it is."
                ),
                created_at=now,
                next_attempt_at=now,
            )
            _record(person, None, events.PASSWORD_RESET_REQUESTED, {"address": address or ""})
        sent += 1
    return sent


def password_reset_person(uid: str, token: str) -> Person | None:
    """The person a reset link is for, while the link is valid (unused, unexpired), else None."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
    except (ValueError, TypeError, OverflowError):
        return None
    person = Person.objects.filter(pk=pk, is_active=True).first()
    if person is None or not default_token_generator.check_token(person, token):
        return None
    return person


def password_reset_complete(*, uid: str, token: str, new: str) -> Person:
    """Set the new password. The link then stops working, because its token is tied to the old password."""
    person = password_reset_person(uid, token)
    if person is None:
        raise NotFound("That password reset link")
    _check_password(new, person)
    with transaction.atomic():
        person.set_password(new)
        person.save(update_fields=["password"])
        AccessAttempt.objects.filter(username=person.username).delete()  # a reset also lifts a lockout
        # A reset is how someone takes an account back: whoever had the old password loses its sessions and tokens.
        ended = end_sessions(person)
        revoked = revoke_api_tokens(person, reason="password reset")
        _record(
            person, person, events.PASSWORD_RESET, {"sessions_ended": str(ended), "api_tokens_revoked": str(revoked)}
        )
    return person


# -- deactivating ------------------------------------------------------------------------------------------


def person_deactivate(*, actor: Person, username: str, reason: str) -> Person:
    """Stop a person signing in (someone who left, or whose account is misused): inactive, every session ended,
    every API token revoked. The host administrator, or the head officer of a council where the person holds or
    held a role; never oneself. Their records and audit history stay (people are deactivated, never deleted)."""
    person = _person_to_manage(actor, username)
    if person.pk == actor.pk:
        raise ValidationFailed("You cannot deactivate your own account.", {"username": "own account"})
    if not person.is_active:
        raise ValidationFailed(f"{person.username} is already deactivated.", {"username": "already inactive"})
    reason = " ".join(reason.split())
    if len(reason) < 5:
        raise ValidationFailed("Say why the account is being deactivated.", {"reason": "required"})
    with transaction.atomic():
        ended = end_sessions(person)
        person.is_active = False
        person.save(update_fields=["is_active"])
        revoked = revoke_api_tokens(person, reason="account deactivated")
        _record(
            person,
            actor,
            events.DEACTIVATED,
            {"reason": reason[:500], "sessions_ended": str(ended), "api_tokens_revoked": str(revoked)},
        )
    return person
