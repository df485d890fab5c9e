"""Onward disclosure (002 4.5): papers released to one councillor on need to know, passed by the decider to a
second councillor with an equal need. The first councillor is always told, without the second councillor's name
or request (002 4.2 keeps one councillor's requests from another). Only where the protocol provides for it;
elsewhere the second councillor makes their own request.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.notifications.services import notify
from councildesk.people.access import membership_for
from councildesk.people.models import Person

from . import rules
from .models import Grant, OnwardDisclosure
from .need_to_know import TEXT_MIN, cited
from .permissions import Access

FIRST_NOTICE = (
    "Papers first released to you on need to know were passed to another councillor with an equal need to know, "
    "as the protocol requires you to be told. Their name and request stay private to them."
)


def onward_disclose(
    *, actor: Person, source: Grant, recipient: Person, equal_need: bool, reasons: str
) -> OnwardDisclosure:
    """The second councillor's equal need is recorded, and the first councillor is told (both: the safer
    default NOTES.md reads 4.5 with)."""
    with transaction.atomic():
        council = source.council
        a = Access(membership_for(actor, council.slug))
        if not a.may_disclose_onward:
            raise NotFound("That page")
        src = (
            Grant.objects.select_related("document", "request", "person").filter(pk=source.pk, council=council).first()
        )
        today = a.m.day
        if src is None or src.revoked_at or (src.expires_on and src.expires_on < today):
            raise NotFound("That grant")
        if len(reasons.strip()) < TEXT_MIN:
            raise ValidationFailed("Say why the councillor needs the papers.", {"reasons": "Give the reasons."})
        try:
            their = Access(membership_for(recipient, council.slug))
        except NotFound as exc:
            raise ValidationFailed(
                "Choose a councillor of this council.", {"recipient": "Not a councillor here."}
            ) from exc
        if not their.viewer.is_member or recipient.pk == src.person_id:
            raise ValidationFailed("Choose another councillor of this council.", {"recipient": "Not eligible."})
        doc = src.document
        facts = rules.DocFacts(doc.classification, doc.committee_id, doc.personal_data)
        need = src.request.need if src.request else rules.COMMITTEE_WORK
        barriers = rules.grant_barriers(a.policy, their.viewer, facts, need, personal_data_justified=equal_need)
        if barriers:
            raise ProtocolViolation(
                reason=" ".join(b.reason for b in barriers),
                citations=cited(council, [b.rule_id for b in barriers]),
            )
        now = clock.now()
        grant = Grant.objects.create(
            council=council,
            document=doc,
            person=recipient,
            basis=rules.BASIS_ONWARD,
            source=src,
            purpose_limitation=src.purpose_limitation,
            expires_on=src.expires_on,
            created_at=now,
        )
        onward = OnwardDisclosure.objects.create(
            source=src,
            grant=grant,
            equal_need=equal_need,
            reasons=reasons.strip(),
            first_notified=True,
            disclosed_by=actor,
            created_at=now,
        )
        record(
            council=council,
            actor=actor,
            action=events.DOCUMENT_DISCLOSED_ONWARD,
            subject=doc,
            data={"from": src.person_id, "to": recipient.pk, "equal_need": equal_need, "grant": grant.pk},
            rule_ids=[
                c.rule_id
                for c in cited(
                    council,
                    [R.ACCESS_ONWARD_DISCLOSURE_TO_COUNCILLORS, R.ACCESS_PURPOSE_LIMITATION]
                    + (
                        [R.ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE]
                        if rules.releases_confidence(a.policy, facts)
                        else []
                    ),
                )
            ],
        )
        notify(
            council=council,
            recipient=src.person,
            kind="document.disclosed_onward",
            subject="Papers released to you on need to know were passed to another councillor",
            body=FIRST_NOTICE,
            url=reverse("documents", kwargs={"slug": council.slug}),
        )
        notify(
            council=council,
            recipient=recipient,
            kind="document.disclosed_onward",
            subject="Papers were released to you on need to know",
            body=f"You may use them only for this purpose: {src.purpose_limitation}",
            url=reverse("document", kwargs={"slug": council.slug, "doc_id": doc.pk}),
        )
        return onward
