"""Every module that registers rules with ``@implements`` or ``register``, imported explicitly.

The registry fills as modules are imported. The coverage report must see all of it whatever has been imported
so far, so it calls ``load()``, which imports this list. A test fails when a module under ``councildesk/`` calls
``implements(`` or ``register(`` and is missing here: no module is ever loaded by a string.
"""

from __future__ import annotations

from types import ModuleType


def load() -> tuple[ModuleType, ...]:
    from councildesk.complaints import guidance as complaints_guidance
    from councildesk.complaints import referrals as complaints_referrals
    from councildesk.complaints import rules as complaints_rules
    from councildesk.complaints import services as complaints_services
    from councildesk.complaints import sweep as complaints_sweep
    from councildesk.correspondence import rules as correspondence_rules
    from councildesk.declarations import advice as declarations_advice
    from councildesk.declarations import interim as declarations_interim
    from councildesk.declarations import services as declarations_services
    from councildesk.delegation import explanations as delegation_explanations
    from councildesk.delegation import resolutions as delegation_resolutions
    from councildesk.delegation import services as delegation_services
    from councildesk.digest import compose as digest_compose
    from councildesk.documents import need_to_know as documents_need_to_know
    from councildesk.documents import request_views as documents_request_views
    from councildesk.documents import rules as documents_rules
    from councildesk.documents import statutory as documents_statutory
    from councildesk.enquiries import handling as enquiry_handling
    from councildesk.enquiries import rules as enquiry_rules
    from councildesk.enquiries import services as enquiry_services
    from councildesk.enquiries import sweep as enquiry_sweep
    from councildesk.enquiries import targets as enquiry_targets
    from councildesk.finance import services as finance_services
    from councildesk.groups import rules as groups_rules
    from councildesk.groups import selectors as groups_selectors
    from councildesk.groups import services as groups_services
    from councildesk.mailin import services as mailin_services
    from councildesk.media import rules as media_rules
    from councildesk.media import services as media_services
    from councildesk.people import access, services
    from councildesk.protocol import about as protocol_about
    from councildesk.protocol import acknowledgements as protocol_acknowledgements
    from councildesk.protocol import questions as protocol_questions
    from councildesk.protocol import sweep as protocol_sweep
    from councildesk.protocol import versions as protocol_versions
    from councildesk.wards import rules as wards_rules
    from councildesk.wards import services as wards_services

    return (
        digest_compose,
        correspondence_rules,
        documents_need_to_know,
        documents_request_views,
        documents_rules,
        documents_statutory,
        groups_rules,
        groups_selectors,
        groups_services,
        mailin_services,
        media_rules,
        media_services,
        enquiry_handling,
        enquiry_rules,
        enquiry_services,
        enquiry_sweep,
        enquiry_targets,
        protocol_about,
        protocol_acknowledgements,
        protocol_questions,
        protocol_sweep,
        protocol_versions,
        access,
        services,
        complaints_guidance,
        complaints_referrals,
        complaints_rules,
        complaints_services,
        complaints_sweep,
        declarations_advice,
        declarations_interim,
        declarations_services,
        delegation_explanations,
        delegation_resolutions,
        delegation_services,
        finance_services,
        wards_rules,
        wards_services,
    )
