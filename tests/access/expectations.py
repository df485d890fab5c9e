"""What each URL answers to each persona in its own council and in another one.

Every URL pattern the project serves must have an entry here; test_matrix fails on any that does not.
Another council's objects answer 404, never 403: a probe must not learn that something exists.
"""

from __future__ import annotations

from collections.abc import Callable

from .personas import Persona

Expect = Callable[[Persona, str], int]  # (persona, "own" | "other") -> HTTP status


def council_page(p: Persona, scope: str) -> int:
    if p.username is None:
        return 302  # to the sign-in page
    if p.host_admin:
        return 200
    if scope == "other":
        return 404
    return 403 if p.expired else 200


def audit_page(p: Persona, scope: str) -> int:
    status = council_page(p, scope)
    if status == 200 and not p.audit_reader:
        return 404
    return status


def signed_in_page(p: Persona, scope: str) -> int:
    return 302 if p.username is None else 200


def public_page(p: Persona, scope: str) -> int:
    return 200


def redirect_page(p: Persona, scope: str) -> int:
    return 302


def login_page(p: Persona, scope: str) -> int:
    return 200 if p.username is None else 302


def logout_get(p: Persona, scope: str) -> int:
    return 405  # signing out is a POST


def api_council(p: Persona, scope: str) -> int:
    if p.username is None:
        return 401
    if p.host_admin:
        return 200
    if scope == "other":
        return 404
    return 403 if p.expired else 200


def api_audit(p: Persona, scope: str) -> int:
    status = api_council(p, scope)
    return 404 if status == 200 and not p.audit_reader else status


def api_signed_in(p: Persona, scope: str) -> int:
    return 401 if p.username is None else 200


def post_only(p: Persona, scope: str) -> int:
    return 405  # the matrix only GETs; these routes act on POST


def lockouts_page(p: Persona, scope: str) -> int:
    """The Clerk or head officer (for their council's people) and the host administrator unlock sign-ins."""
    if p.username is None:
        return 302
    return 200 if (p.head_officer or p.host_admin) else 404


def outbox_page(p: Persona, scope: str) -> int:
    status = council_page(p, scope)
    return 404 if status == 200 and not (p.head_officer or p.host_admin) else status


def api_outbox(p: Persona, scope: str) -> int:
    status = api_council(p, scope)
    return 404 if status == 200 and not (p.head_officer or p.host_admin) else status


PAGES: dict[str, Expect] = {
    "home": redirect_page,
    "councils": signed_in_page,
    "login": login_page,
    "logout": logout_get,
    "tokens": signed_in_page,
    # Sign-in and accounts (councildesk/accounts): the second step needs a pending sign-in, else it sends you on.
    "account": signed_in_page,
    "sign_in_verify": redirect_page,
    "second_factor_set_up": signed_in_page,
    "recovery_codes": post_only,
    "password_change": signed_in_page,
    "password_reset": public_page,
    "password_reset_confirm": public_page,
    "lockouts": lockouts_page,
    "second_factor_reset": lockouts_page,
    "sign_in_passkey": post_only,
    "passkey_add": signed_in_page,
    "passkey_remove": post_only,
    "deactivate": lockouts_page,
    "accessibility": public_page,
    "council_home": council_page,
    "people": council_page,
    "structure": council_page,
    "protocol": council_page,
    "clause": council_page,
    "rules": council_page,
    "protocol_coverage": council_page,
    "protocol_coverage_csv": council_page,
    "rule": council_page,
    "audit_status": audit_page,
    "notifications": council_page,
    "notifications_read_all": post_only,
    "notification_read": post_only,
    "outbox": outbox_page,
    "outbox_retry": post_only,
    "deadline_calculator": council_page,
    # The protocol's own life: the head officer keeps versions and sees acknowledgements; everyone else may ask,
    # acknowledge and compare (with councils they may see).
    "protocol_version_new": outbox_page,
    "protocol_version_publish": post_only,
    "protocol_acknowledge": council_page,
    "protocol_acknowledgements": outbox_page,
    "protocol_questions": council_page,
    "protocol_question_answer": post_only,
    "protocol_compare": council_page,
}


def not_found(p: Persona, scope: str) -> int:
    return 404


API: dict[str, Expect] = {
    "/api/v1/": not_found,  # Ninja's root answers nothing
    "/api/v1/openapi.json": public_page,
    "/api/v1/docs": public_page,
    "/api/v1/me": api_signed_in,
    "/api/v1/councils": api_signed_in,
    "/api/v1/councils/{slug}": api_council,
    "/api/v1/councils/{slug}/people": api_council,
    "/api/v1/councils/{slug}/committees": api_council,
    "/api/v1/councils/{slug}/wards": api_council,
    "/api/v1/councils/{slug}/groups": api_council,
    "/api/v1/councils/{slug}/clauses": api_council,
    "/api/v1/councils/{slug}/clause": api_council,
    "/api/v1/councils/{slug}/audit": api_audit,
    "/api/v1/councils/{slug}/notifications": api_council,
    "/api/v1/councils/{slug}/notifications/{notification_id}/read": post_only,
    "/api/v1/councils/{slug}/notifications/outbox": api_outbox,
    "/api/v1/councils/{slug}/notifications/outbox/{email_id}/retry": post_only,
    "/api/v1/councils/{slug}/deadlines": api_council,
    "/api/v1/councils/{slug}/deadlines/regimes": api_council,
}

# Enquiries keep their own table (by persona); merged here so the matrix sees every URL.
from .enquiry_expectations import ENQUIRY_API, ENQUIRY_PAGES  # noqa: E402

PAGES.update(ENQUIRY_PAGES)
API.update(ENQUIRY_API)

# Documents keep their own table (by persona); merged here so the matrix sees every URL.
from .document_expectations import DOCUMENT_API, DOCUMENT_PAGES  # noqa: E402

PAGES.update(DOCUMENT_PAGES)
API.update(DOCUMENT_API)

# Complaints keep their own table (by persona); merged here so the matrix sees every URL.
from .complaint_expectations import COMPLAINT_API, COMPLAINT_PAGES  # noqa: E402

PAGES.update(COMPLAINT_PAGES)
API.update(COMPLAINT_API)

# Declarations keep their own table (by persona); merged here so the matrix sees every URL.
from .declaration_expectations import DECLARATION_API, DECLARATION_PAGES  # noqa: E402

PAGES.update(DECLARATION_PAGES)
API.update(DECLARATION_API)

# Political groups keep their own table (by persona); merged here so the matrix sees every URL.
from .group_expectations import GROUP_API, GROUP_PAGES  # noqa: E402

PAGES.update(GROUP_PAGES)
API.update(GROUP_API)

# Press and media, and pre-election periods, keep their own table (by persona), merged here for the matrix.
from .media_expectations import MEDIA_API, MEDIA_PAGES  # noqa: E402

PAGES.update(MEDIA_PAGES)
API.update(MEDIA_API)

# Delegated decisions and the public transparency page keep their own table (by persona); merged here.
from .delegation_expectations import DELEGATION_API, DELEGATION_PAGES  # noqa: E402

PAGES.update(DELEGATION_PAGES)
API.update(DELEGATION_API)

# Payments, contracts and signatories.
from .finance_expectations import FINANCE_API, FINANCE_PAGES  # noqa: E402

PAGES.update(FINANCE_PAGES)
API.update(FINANCE_API)
# Wards, premises visits and members' resources keep their own table (by persona); merged here.
from .wards_expectations import WARDS_API, WARDS_PAGES  # noqa: E402

PAGES.update(WARDS_PAGES)
API.update(WARDS_API)
# The head officer's people pages and the Monitoring Officer's overview keep their own table; merged here.
from .objects import PARAMS  # noqa: E402
from .people_expectations import PEOPLE_PAGES, PEOPLE_PARAMS  # noqa: E402

PAGES.update(PEOPLE_PAGES)
PARAMS.update(PEOPLE_PARAMS)
# Correspondence and letters keep their own table (by persona); merged here.
from .correspondence_expectations import CORRESPONDENCE_API, CORRESPONDENCE_PAGES  # noqa: E402

PAGES.update(CORRESPONDENCE_PAGES)
API.update(CORRESPONDENCE_API)
# Incoming email held for the head officer keeps its own table (by persona); merged here.
from .mailin_expectations import MAILIN_API, MAILIN_PAGES  # noqa: E402

PAGES.update(MAILIN_PAGES)
API.update(MAILIN_API)
