"""Passkeys (WebAuthn) as a second factor, through py_webauthn (ADR 0019): the two ceremonies and the writes.

Registration (from the signed-in account page) and authentication (at sign-in, after the password) each start
with options holding a fresh random challenge, which the caller keeps in the session and hands back once: a
challenge is never accepted twice, so a replayed assertion fails. py_webauthn checks the challenge, the origin,
the relying party id, the signature with the stored public key, and that the authenticator's counter moved on.
Every registration, use and removal is audited in the same transaction, in each of the person's councils.

The relying party is the site the browser sees: its id is the request's host name (Django has already checked it
against ALLOWED_HOSTS) and the origin its scheme and host, so the demo on any port and a site behind a proxy
(``SECURE_PROXY_SSL_HEADER``) both work without a setting.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url, parse_authentication_credential_json
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidJSONStructure, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AttestationConveyancePreference,
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from councildesk.core import clock
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.people.models import Person

from . import events
from .models import Passkey, RecoveryCode, SetUpDue
from .services import _new_recovery_codes, _record

log = logging.getLogger("councildesk.signin")
RP_NAME = "councildesk"
TIMEOUT_MS = 120_000
MAX_PASSKEYS = 10
_TRANSPORTS = {t.value for t in AuthenticatorTransport}


@dataclass(frozen=True)
class RelyingParty:
    id: str
    origin: str


def relying_party(request: HttpRequest) -> RelyingParty:
    host = request.get_host()  # validated against ALLOWED_HOSTS
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return RelyingParty(id=name.strip("[]"), origin=f"{request.scheme}://{host}")


def _descriptors(person: Person) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(
            id=bytes(key.credential_id),
            transports=[AuthenticatorTransport(t) for t in key.transports if t in _TRANSPORTS],
        )
        for key in Passkey.objects.filter(person=person)
    ]


def passkeys_of(person: Person) -> list[Passkey]:
    return list(Passkey.objects.filter(person=person))


# -- registration ------------------------------------------------------------------------------------------


def registration_options(person: Person, rp: RelyingParty) -> tuple[str, bytes]:
    """Options for ``navigator.credentials.create`` as JSON, and the challenge to keep in the session."""
    options = generate_registration_options(
        rp_id=rp.id,
        rp_name=RP_NAME,
        user_id=f"councildesk-person-{person.pk}".encode(),
        user_name=person.username,
        user_display_name=person.get_full_name() or person.username,
        exclude_credentials=_descriptors(person),  # the same authenticator is not registered twice
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        attestation=AttestationConveyancePreference.NONE,
        timeout=TIMEOUT_MS,
    )
    return options_to_json(options), options.challenge


def passkey_register(
    *, actor: Person, name: str, credential: str, challenge: bytes | None, rp: RelyingParty
) -> tuple[Passkey, list[str]]:
    """Verify a registration response and store the passkey. Returns it, with new recovery codes when the person
    had none (a passkey can be lost like a phone)."""
    name = " ".join(name.split())
    if not name or len(name) > 60:
        raise ValidationFailed("Give the passkey a name of up to 60 characters.", {"name": "required"})
    if challenge is None:
        raise ValidationFailed("The time to add the passkey ran out. Try again.", {"credential": "no challenge"})
    if not credential:
        raise ValidationFailed(
            "Your browser did not create a passkey. Try again, or use another browser.", {"credential": "missing"}
        )
    try:
        verified = verify_registration_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=rp.id, expected_origin=rp.origin
        )
    except (InvalidRegistrationResponse, InvalidJSONStructure, ValueError, KeyError, TypeError) as exc:
        log.info("passkey registration refused for %s: %s", actor.username, exc)
        raise ValidationFailed("The passkey could not be checked. Try again.", {"credential": "not verified"}) from exc
    transports = _transports_of(credential)
    with transaction.atomic():
        if Passkey.objects.filter(person=actor).count() >= MAX_PASSKEYS:
            raise ValidationFailed(f"You can have up to {MAX_PASSKEYS} passkeys.", {"name": "too many"})
        if Passkey.objects.filter(credential_id=verified.credential_id).exists():
            raise ValidationFailed("That passkey is already added.", {"credential": "already registered"})
        key = Passkey.objects.create(
            person=actor,
            name=name,
            credential_id=verified.credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            transports=transports,
            created_at=clock.now(),
        )
        SetUpDue.objects.filter(person=actor).delete()
        codes: list[str] = []
        if not RecoveryCode.objects.filter(person=actor, used_at=None).exists():
            codes = _new_recovery_codes(actor)
        _record(
            actor,
            actor,
            events.PASSKEY_ADDED,
            {"name": name, "credential": _short(verified.credential_id), "recovery_codes": str(len(codes))},
        )
    return key, codes


def _transports_of(credential: str) -> list[str]:
    try:
        found = json.loads(credential).get("response", {}).get("transports", [])
    except (ValueError, AttributeError):
        return []
    return [t for t in found if isinstance(t, str) and t in _TRANSPORTS][:6]


def _short(credential_id: bytes) -> str:
    return bytes_to_base64url(credential_id)[:16]


def passkey_remove(*, actor: Person, passkey_id: int) -> Passkey:
    with transaction.atomic():
        key = Passkey.objects.select_for_update().filter(pk=passkey_id, person=actor).first()
        if key is None:
            raise NotFound("That passkey")
        credential = _short(bytes(key.credential_id))
        key.delete()
        _record(actor, actor, events.PASSKEY_REMOVED, {"name": key.name, "credential": credential})
    return key


# -- authentication ----------------------------------------------------------------------------------------


def authentication_options(person: Person, rp: RelyingParty) -> tuple[str, bytes]:
    """Options for ``navigator.credentials.get`` naming the person's passkeys, and the challenge to keep."""
    options = generate_authentication_options(
        rp_id=rp.id,
        allow_credentials=_descriptors(person),
        user_verification=UserVerificationRequirement.PREFERRED,
        timeout=TIMEOUT_MS,
    )
    return options_to_json(options), options.challenge


def passkey_verify(
    *, person: Person, credential: str, challenge: bytes | None, rp: RelyingParty, address: str | None
) -> Passkey | None:
    """Check an assertion at sign-in against the person's own passkeys. The passkey used, or None (audited as a
    failed second factor). The caller has already removed ``challenge`` from the session, so it works once."""
    if challenge is not None:
        try:
            return _accept_assertion(person, credential, challenge, rp, address)
        except (InvalidAuthenticationResponse, InvalidJSONStructure, ValueError, KeyError, TypeError) as exc:
            log.info("passkey refused for %s: %s", person.username, exc)
    with transaction.atomic():
        _record(person, None, events.SECOND_FACTOR_FAILED, {"address": address or "", "method": "passkey"})
    return None


def _accept_assertion(
    person: Person, credential: str, challenge: bytes, rp: RelyingParty, address: str | None
) -> Passkey:
    parsed = parse_authentication_credential_json(credential)
    with transaction.atomic():
        key = Passkey.objects.select_for_update().filter(person=person, credential_id=parsed.raw_id).first()
        if key is None:
            raise ValueError("not one of this person's passkeys")
        verified = verify_authentication_response(
            credential=parsed,
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=rp.origin,
            credential_public_key=bytes(key.public_key),
            credential_current_sign_count=key.sign_count,
        )
        key.sign_count = verified.new_sign_count
        key.last_used_at = clock.now()
        key.save(update_fields=["sign_count", "last_used_at"])
        _record(person, person, events.PASSKEY_USED, {"name": key.name, "address": address or ""})
    return key
