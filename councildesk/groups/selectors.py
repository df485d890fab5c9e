"""Reads about political groups, each through one gate per object type. Something the viewer may not see answers
``NotFound`` exactly like a missing id, and lists hold only what the viewer may see: nothing of one group's advice,
requests or notes reaches another group by any page or route."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core.errors import NotFound
from councildesk.people.access import Membership
from councildesk.people.models import GroupMembership, Person, PoliticalGroup, active_on
from councildesk.people.selectors import role_holders

from . import rules
from .models import AttendanceRequest, GroupAdvice, GroupNote


def viewer_for(m: Membership) -> rules.Viewer:
    ids = active_on(GroupMembership.objects.all(), m.day).filter(person=m.person, group__council=m.council)
    return rules.Viewer(
        person_id=m.person.pk,
        kinds=m.kinds,
        group_ids=frozenset(ids.values_list("group_id", flat=True)),
    )


@dataclass(frozen=True)
class GroupEntry:
    group: PoliticalGroup
    leaders: list[Person]
    members: list[Person]


@implements(R.GROUPS_REGISTER_OF_POLITICAL_GROUPS)
def groups_register_for(m: Membership) -> list[GroupEntry]:
    """The council's political groups today, each with its leader(s) and members (001 6.1; 002 1.9, 6.1)."""
    current = active_on(GroupMembership.objects.filter(group__council=m.council), m.day).select_related("person")
    by_group: dict[int, list[GroupMembership]] = {}
    for row in current:
        by_group.setdefault(row.group_id, []).append(row)
    return [
        GroupEntry(
            group=g,
            leaders=[r.person for r in by_group.get(g.pk, []) if r.is_leader],
            members=[r.person for r in by_group.get(g.pk, []) if not r.is_leader],
        )
        for g in PoliticalGroup.objects.filter(council=m.council).order_by("name")
    ]


def group_get_for(m: Membership, group_id: int | str | None) -> PoliticalGroup:
    """A group of this council; one of another council is not found."""
    try:
        return PoliticalGroup.objects.get(council=m.council, pk=int(group_id or 0))
    except (PoliticalGroup.DoesNotExist, ValueError, TypeError):
        raise NotFound("That political group") from None


def my_groups(m: Membership) -> list[PoliticalGroup]:
    return list(PoliticalGroup.objects.filter(pk__in=viewer_for(m).group_ids).order_by("name"))


def advising_officers(m: Membership) -> list[Person]:
    return role_holders(m.council, rules.ADVISING_OFFICER_KINDS, m.day)


# ---- advice -------------------------------------------------------------------------------------------------------


def advice_visible(m: Membership) -> QuerySet[GroupAdvice]:
    v = viewer_for(m)
    rows = GroupAdvice.objects.filter(council=m.council)
    if v.is_officer:
        return rows
    return rows.filter(Q(group_id__in=v.group_ids) | Q(officer_id=v.person_id) | Q(recorded_by_id=v.person_id))


def advice_list_for(m: Membership) -> list[GroupAdvice]:
    return list(advice_visible(m).select_related("group", "officer")[:200])


def advice_notices_for(m: Membership) -> list[GroupAdvice]:
    """Where the protocol says other groups are told (001 6.4; 003 8.3): the fact of advice to other groups, for a
    member of a group. Callers render only the group, matter, date and officer, never the content."""
    if not m.council.profile.features.notify_other_groups:
        return []
    v = viewer_for(m)
    if not v.group_ids:
        return []
    return list(
        GroupAdvice.objects.filter(council=m.council)
        .exclude(group_id__in=v.group_ids)
        .select_related("group", "officer")
        .only("pk", "matter", "given_on", "kind", "group__name", "officer__first_name", "officer__last_name")[:200]
    )


def advice_get_for(m: Membership, advice_id: int) -> GroupAdvice:
    advice = advice_visible(m).select_related("group", "officer", "recorded_by").filter(pk=advice_id).first()
    if advice is None:
        raise NotFound("That advice")
    return advice


@implements(R.GROUPS_SUBSTANTIALLY_SAME_ADVICE)
def earlier_advice_on(m: Membership, matter: str, *, exclude_group_id: int | None = None) -> list[GroupAdvice]:
    """Advice already given on the same matter to other groups, shown to the officer before advising again so each
    group gets substantially the same advice (004 8.11). Officers only."""
    if not viewer_for(m).is_officer or not matter.strip():
        return []
    rows = GroupAdvice.objects.filter(council=m.council, matter_key=rules.matter_key(matter))
    if exclude_group_id is not None:
        rows = rows.exclude(group_id=exclude_group_id)
    return list(rows.select_related("group", "officer")[:20])


# ---- attendance and notes -------------------------------------------------------------------------------------------


def attendance_visible(m: Membership) -> QuerySet[AttendanceRequest]:
    v = viewer_for(m)
    rows = AttendanceRequest.objects.filter(council=m.council)
    if v.is_officer:
        return rows
    return rows.filter(Q(group_id__in=v.group_ids) | Q(requested_by_id=v.person_id))


def attendance_list_for(m: Membership) -> list[AttendanceRequest]:
    return list(attendance_visible(m).select_related("group", "invited_officer", "attending_officer")[:200])


def attendance_get_for(m: Membership, attendance_id: int) -> AttendanceRequest:
    row = (
        attendance_visible(m)
        .select_related("group", "requested_by", "invited_officer", "attending_officer", "decided_by")
        .filter(pk=attendance_id)
        .first()
    )
    if row is None:
        raise NotFound("That request")
    return row


def present_officer_ids(attendance: AttendanceRequest) -> frozenset[int]:
    """The officers present at the meeting: the one who attended (once the request was accepted)."""
    if attendance.status == AttendanceRequest.Status.ACCEPTED and attendance.attending_officer_id:
        return frozenset({attendance.attending_officer_id})
    return frozenset()


def may_see_notes(m: Membership, attendance: AttendanceRequest) -> bool:
    return rules.may_see_notes(
        viewer_for(m), group_id=attendance.group_id, present_officer_ids=present_officer_ids(attendance)
    )


def notes_for(m: Membership, attendance: AttendanceRequest) -> list[GroupNote]:
    if not may_see_notes(m, attendance):
        return []
    return list(attendance.notes.select_related("written_by"))


def note_get_for(m: Membership, note_id: int) -> GroupNote:
    note = (
        GroupNote.objects.filter(council=m.council, pk=note_id)
        .select_related("attendance", "group", "written_by")
        .first()
    )
    if note is None or not may_see_notes(m, note.attendance):
        raise NotFound("That note")
    return note


def service_by_group(m: Membership, since: dt.date) -> list[tuple[PoliticalGroup, rules.GroupService]]:
    """Officer support to each group since a date, for the head officer only (anyone else: NotFound)."""
    if not m.is_head_officer:
        raise NotFound("That page")
    groups = list(PoliticalGroup.objects.filter(council=m.council).order_by("name"))
    advice = (
        GroupAdvice.objects.filter(council=m.council, given_on__gte=since)
        .values("group_id", "kind")
        .annotate(n=Count("id"))
    )
    visits = (
        AttendanceRequest.objects.filter(council=m.council, meeting_on__gte=since)
        .values("group_id", "status")
        .annotate(n=Count("id"), minutes=Sum("minutes_stayed"))
    )
    counts: dict[tuple[int, str], int] = {(r["group_id"], r["kind"]): r["n"] for r in advice}
    stays: dict[tuple[int, str], tuple[int, int]] = {
        (r["group_id"], r["status"]): (r["n"], r["minutes"] or 0) for r in visits
    }
    accepted = AttendanceRequest.Status.ACCEPTED
    return [
        (
            g,
            rules.GroupService(
                group_id=g.pk,
                advice=counts.get((g.pk, GroupAdvice.Kind.ADVICE), 0),
                reports=counts.get((g.pk, GroupAdvice.Kind.REPORT), 0),
                meetings_attended=stays.get((g.pk, accepted), (0, 0))[0],
                requests_declined=stays.get((g.pk, AttendanceRequest.Status.DECLINED), (0, 0))[0],
                minutes_attended=stays.get((g.pk, accepted), (0, 0))[1],
            ),
        )
        for g in groups
    ]
