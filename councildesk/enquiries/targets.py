"""The council's own enquiry targets: the head officer confirms or changes them, with the meeting that agreed them.

No seed states a 2-working-day acknowledgement or a 10-working-day response: the profiles carry those numbers as
defaults, and until the council confirms them every page, notice and API field says they are "a default awaiting
the council's confirmation" (issue 15 defect 11). A target the protocol's own text sets (002 3.5: one week) is
not the council's to change on a settings page; it changes when the protocol is revised.

Each confirmation is a new ``ConfirmedTarget`` row (never edited); the newest of each kind is in force, and each
enquiry keeps a link to the confirmation its clock was started with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from django.db import connection, transaction

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock, fixedsql
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council
from councildesk.councils.profiles.schema import Target
from councildesk.people.access import membership_for
from councildesk.people.models import Person

from .common import checked_text, long_date
from .models import ConfirmedTarget, Enquiry
from .permissions import manages_queue
from .rules import councillor_reply_clock

Kind = ConfirmedTarget.Kind
AWAITING = "a default awaiting the council's confirmation"
MAX_VALUE = 366


@dataclass(frozen=True)
class Effective:
    """One target as it applies today: its number, and where that number comes from."""

    kind: str
    value: int
    unit: str
    clause: str | None  # the protocol's own clause, when its text sets the number
    confirmed: ConfirmedTarget | None  # the council's confirmation, when it has confirmed or changed it

    @property
    def label(self) -> str:
        return Kind(self.kind).label

    @property
    def unit_label(self) -> str:
        return ConfirmedTarget.Unit(self.unit).label

    @property
    def editable(self) -> bool:
        """Whether the council may confirm or change it here: not when the protocol's text sets it."""
        return not self.clause

    @property
    def source(self) -> str:
        return source_text(self.clause, self.confirmed)


def source_text(clause: str | None, confirmed: ConfirmedTarget | None) -> str:
    """'set by clause 3.5', 'confirmed by the council on 4 December 2026 (minute 12/26)', or the awaiting label."""
    if clause:
        return f"set by clause {clause}"
    if confirmed is not None:
        return f"confirmed by the council on {long_date(confirmed.agreed_on)} (minute {confirmed.minute})"
    return AWAITING


def _profile_targets(council: Council) -> dict[str, Target | None]:
    t = council.profile.targets
    return {
        Kind.ACKNOWLEDGEMENT: t.enquiry_acknowledgement,
        Kind.RESPONSE: t.enquiry_response,
        # No reply clock where the protocol puts no reply duty on councillors (000, 001, 003).
        Kind.REPLY: t.councillor_response if councillor_reply_clock(council.profile) else None,
    }


def confirmations(council: Council) -> dict[str, ConfirmedTarget]:
    """The confirmation in force for each kind the council has confirmed: the newest row of each kind."""
    current: dict[str, ConfirmedTarget] = {}
    build = fixedsql.loader(ConfirmedTarget)
    with connection.cursor() as cursor:  # every raise asks this: fixed SQL (issue 14)
        cursor.execute(_confirmations_sql(connection.vendor), [council.pk])
        for values in cursor.fetchall():
            row = build(values)
            current.setdefault(row.kind, row)
    return current


@cache
def _confirmations_sql(vendor: str) -> str:
    table = connection.ops.quote_name(ConfirmedTarget._meta.db_table)
    # Only names from the model's metadata are formatted in; the council is a parameter.
    return (
        f"SELECT {fixedsql.columns(ConfirmedTarget, 't')} FROM {table} t "  # noqa: S608
        'WHERE t."council_id" = %s ORDER BY t."kind", t."id" DESC'
    )


def effective(council: Council) -> dict[str, Effective]:
    """Every target that applies in this council, by kind; a kind with no target at all is absent."""
    confirmed = confirmations(council)
    out: dict[str, Effective] = {}
    for kind, target in _profile_targets(council).items():
        if target is None:
            continue
        row = None if target.clause else confirmed.get(kind)
        if row is not None:
            out[kind] = Effective(kind, row.value, row.unit, None, row)
        else:
            out[kind] = Effective(kind, target.value, target.unit, target.clause, None)
    return out


def for_direction(council: Council, direction: str) -> tuple[Effective | None, Effective | None]:
    """(acknowledgement, response) targets for a new enquiry in this direction."""
    now = effective(council)
    if direction == Enquiry.Direction.TO_COUNCILLOR:
        return None, now.get(Kind.REPLY)
    return now.get(Kind.ACKNOWLEDGEMENT), now.get(Kind.RESPONSE)


def enquiry_source(council: Council, e: Enquiry, *, ack: bool = False) -> str:
    """Where this enquiry's own target came from, as it was when its clock started."""
    value = e.ack_value if ack else e.response_value
    if value is None:
        return "no target set"
    confirmed = e.ack_confirmed if ack else e.response_confirmed
    t = _profile_targets(council)
    kind = (
        Kind.ACKNOWLEDGEMENT if ack else Kind.REPLY if e.direction == Enquiry.Direction.TO_COUNCILLOR else Kind.RESPONSE
    )
    target = t.get(kind)
    return source_text(target.clause if target and confirmed is None else None, confirmed)


def is_confirmed(e: Enquiry, council: Council, *, ack: bool = False) -> bool:
    """Whether the enquiry's target is not a bare default: confirmed by the council, or set by the protocol."""
    return enquiry_source(council, e, ack=ack) != AWAITING


@implements(R.ENQUIRY_RESPONSE_TARGET)
def targets_confirm(
    *,
    actor: Person,
    council: Council,
    values: Mapping[str, tuple[int, str]],
    agreed_on: dt.date,
    minute: str,
) -> list[ConfirmedTarget]:
    """The head officer records the targets a meeting of the council confirmed or changed, with its minute.

    ``values`` maps a kind ("acknowledgement", "response", "reply") to (value, unit). New enquiries use them from
    now on; enquiries already raised keep the targets their clock started with.
    """
    m = membership_for(actor, council.slug)
    profile = council.profile
    if not manages_queue(m):
        raise NotFound("That page")
    now = effective(council)
    problems: dict[str, str] = {}
    for kind, (value, unit) in values.items():
        if kind not in now:
            problems[f"{kind}_value"] = "This council has no such target"
        elif not isinstance(value, int) or not 1 <= value <= MAX_VALUE:
            problems[f"{kind}_value"] = f"Enter a whole number of days from 1 to {MAX_VALUE}"
        elif unit not in ConfirmedTarget.Unit.values:
            problems[f"{kind}_unit"] = "Choose working days or calendar days"
    if not values:
        problems["minute"] = "There is no target to confirm"
    if agreed_on > clock.today():
        problems["agreed_on"] = "The meeting date must be today or in the past"
    if problems:
        raise ValidationFailed("Check the targets and the meeting.", problems)
    fixed = [k for k in values if not now[k].editable]
    if fixed:
        raise ProtocolViolation(
            reason=(
                f"The {Kind(fixed[0]).label.lower()} target is set by the protocol itself (clause "
                f"{now[fixed[0]].clause}); it changes when the council revises its protocol, not here."
            ),
            citations=profile.cite(R.ENQUIRY_RESPONSE_TARGET),
        )
    minute = checked_text(minute, "minute", "minute reference", 100)
    with transaction.atomic():
        rows = [
            ConfirmedTarget.objects.create(
                council=council,
                kind=kind,
                value=value,
                unit=unit,
                agreed_on=agreed_on,
                minute=minute,
                confirmed_by=actor,
                confirmed_at=clock.now(),
            )
            for kind, (value, unit) in values.items()
        ]
        record(
            council=council,
            actor=actor,
            action="enquiry.targets_confirmed",
            subject=("enquiry_targets", council.slug),
            data={
                "targets": {
                    r.kind: {
                        "value": r.value,
                        "unit": r.unit,
                        "was": {"value": now[r.kind].value, "unit": now[r.kind].unit, "source": now[r.kind].source},
                    }
                    for r in rows
                },
                "agreed_on": agreed_on.isoformat(),
                "minute": minute,
            },
            rule_ids=[R.ENQUIRY_RESPONSE_TARGET],
        )
    return rows
