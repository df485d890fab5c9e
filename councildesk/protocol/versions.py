"""The protocol's versions: seeded from the profile's history, recorded by the head officer, and in force.

A version goes live only with the minute reference of the meeting that approved it (000 version table; 002 9.2;
004 1.2). Each write is gate -> rule -> write -> audit event, in one transaction.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council
from councildesk.people.access import membership_for
from councildesk.people.models import Person

from .models import ProtocolVersion
from .permissions import can_keep_protocol

REVIEW_LEAD_DAYS = 60  # the first review reminder goes out this many days before the review date


def version_in_force(council: Council, day: dt.date | None = None) -> ProtocolVersion | None:
    """The newest approved version whose approval date has come (000 v3 is not in force before 5 May 2026)."""
    day = day or clock.today()
    return (
        ProtocolVersion.objects.filter(
            council=council, status=ProtocolVersion.Status.LIVE, approved__isnull=False, approved__lte=day
        )
        .order_by("-approved", "-id")
        .first()
    )


def versions_of(council: Council) -> list[ProtocolVersion]:
    return list(ProtocolVersion.objects.filter(council=council).order_by("approved", "id"))


def _schedule_review(council: Council) -> None:
    """Only the newest approved version carries review reminders; older ones never remind."""
    newest = (
        ProtocolVersion.objects.filter(council=council, status=ProtocolVersion.Status.LIVE, approved__isnull=False)
        .order_by("-approved", "-id")
        .first()
    )
    older = ProtocolVersion.objects.filter(council=council, review_notice_on__isnull=False)
    if newest is not None:
        older = older.exclude(pk=newest.pk)
    older.update(review_notice_on=None)
    if newest is not None and newest.next_review and newest.review_notices_sent < 2:
        first = newest.next_review - dt.timedelta(days=REVIEW_LEAD_DAYS)
        newest.review_notice_on = newest.next_review if newest.review_notices_sent else first
        newest.save(update_fields=["review_notice_on"])


@implements(
    R.PROTOCOL_VERSION_HISTORY,
    R.PROTOCOL_ADOPTION_RECORDED,
    silent="baseline",
    baseline="councildesk keeps every council's version history so that everyone knows which text is in force",
)
def versions_seed_from_profile(council: Council) -> int:
    """Record the versions the profile lists (the council's own document), once. Returns how many were added."""
    made = 0
    with transaction.atomic():
        existing = set(ProtocolVersion.objects.filter(council=council).values_list("version", flat=True))
        for v in council.profile.protocol.versions:
            if v.version in existing:
                continue
            version = ProtocolVersion.objects.create(
                council=council,
                version=v.version,
                status=ProtocolVersion.Status.LIVE if v.approved else ProtocolVersion.Status.DRAFT,
                source=ProtocolVersion.Source.PROFILE,
                approved=v.approved,
                minute_ref=v.minute_ref or "",
                change=v.change or "",
                next_review=v.next_review,
                note=v.note or "",
                recorded_at=clock.now(),
            )
            record(
                council=council,
                actor=None,
                action=events.PROTOCOL_VERSION_RECORDED,
                subject=version,
                data={"version": v.version, "source": "profile", "status": version.status},
                rule_ids=[R.PROTOCOL_VERSION_HISTORY],
            )
            made += 1
        if made:
            _schedule_review(council)
    return made


def _gate(actor: Person, council: Council) -> None:
    m = membership_for(actor, council.slug)
    if not can_keep_protocol(m):
        raise NotFound("That page")


def _check(
    council: Council, *, approved: dt.date | None, minute_ref: str, next_review: dt.date | None, go_live: bool
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if approved and approved > clock.today():
        problems["approved"] = "The approval date must be today or in the past"
    if approved and next_review and next_review <= approved:
        problems["next_review"] = "The next review date must be after the approval date"
    if go_live and not approved:
        problems["approved"] = "Enter the date the council approved this version"
    return problems


@implements(
    R.PROTOCOL_REVISION_BY_FORMAL_APPROVAL,
    silent="baseline",
    baseline="a council changes its policies by resolution, so a new version needs the minute that approved it",
)
def _require_minute(council: Council, minute_ref: str) -> None:
    if not minute_ref.strip():
        raise ProtocolViolation(
            reason=(
                "A version can go live only with the minute reference of the meeting that approved it. "
                "Enter the minute reference, or save the version as a draft."
            ),
            citations=council.profile.cite(R.PROTOCOL_REVISION_BY_FORMAL_APPROVAL),
        )


@transaction.atomic
def version_record(
    *,
    actor: Person,
    council: Council,
    version: str,
    approved: dt.date | None,
    minute_ref: str,
    change: str,
    next_review: dt.date | None,
    go_live: bool,
) -> ProtocolVersion:
    """The head officer records a new version: a draft, or live when it carries its approving minute."""
    _gate(actor, council)
    version, minute_ref = version.strip(), minute_ref.strip()
    problems = _check(council, approved=approved, minute_ref=minute_ref, next_review=next_review, go_live=go_live)
    if not version:
        problems["version"] = "Enter the version's name or number"
    elif ProtocolVersion.objects.filter(council=council, version=version).exists():
        problems["version"] = f"Version {version} is already recorded; give the new version another name"
    if problems:
        raise ValidationFailed("The version could not be recorded.", problems)
    if go_live:
        _require_minute(council, minute_ref)
    with transaction.atomic():
        row = ProtocolVersion.objects.create(
            council=council,
            version=version,
            status=ProtocolVersion.Status.LIVE if go_live else ProtocolVersion.Status.DRAFT,
            source=ProtocolVersion.Source.RECORDED,
            approved=approved,
            minute_ref=minute_ref,
            change=change.strip(),
            next_review=next_review,
            recorded_at=clock.now(),
            recorded_by=actor,
        )
        record(
            council=council,
            actor=actor,
            action=events.PROTOCOL_VERSION_RECORDED,
            subject=row,
            data={
                "version": version,
                "status": row.status,
                "approved": approved.isoformat() if approved else None,
                "minute_ref": minute_ref,
                "next_review": next_review.isoformat() if next_review else None,
            },
            rule_ids=[R.PROTOCOL_VERSION_HISTORY, R.PROTOCOL_REVISION_BY_FORMAL_APPROVAL],
        )
        if go_live:
            _schedule_review(council)
    return row


@transaction.atomic
def version_publish(
    *, actor: Person, council: Council, version_id: int, approved: dt.date | None, minute_ref: str
) -> ProtocolVersion:
    """A draft goes live once the meeting that approved it is minuted."""
    _gate(actor, council)
    minute_ref = minute_ref.strip()
    row = ProtocolVersion.objects.filter(council=council, pk=version_id).first()
    if row is None:
        raise NotFound("That version")
    problems = _check(council, approved=approved, minute_ref=minute_ref, next_review=row.next_review, go_live=True)
    if row.status == ProtocolVersion.Status.LIVE:
        problems["version"] = f"Version {row.version} is already approved"
    if problems:
        raise ValidationFailed("The version could not go live.", problems)
    _require_minute(council, minute_ref)
    with transaction.atomic():
        row = ProtocolVersion.objects.select_for_update().get(pk=row.pk)
        row.status, row.approved, row.minute_ref = ProtocolVersion.Status.LIVE, approved, minute_ref
        row.save(update_fields=["status", "approved", "minute_ref"])
        record(
            council=council,
            actor=actor,
            action=events.PROTOCOL_VERSION_PUBLISHED,
            subject=row,
            data={
                "version": row.version,
                "approved": approved.isoformat() if approved else None,
                "minute_ref": minute_ref,
            },
            rule_ids=[R.PROTOCOL_REVISION_BY_FORMAL_APPROVAL],
        )
        _schedule_review(council)
    return row
