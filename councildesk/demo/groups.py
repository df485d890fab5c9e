"""Demo political-group business, through the services: in each council whose demo has groups, the head officer's
advice to the first group, that group's request for an officer at its meeting (decided by the profile's decider)
and a confidential note of the discussion. Running it again changes nothing."""

from __future__ import annotations

import datetime as dt

from councildesk.core import clock
from councildesk.councils.models import Council
from councildesk.groups import rules, services
from councildesk.groups.models import GroupAdvice
from councildesk.people.models import Person, PoliticalGroup

from .roster import COUNCILS

# Which officer attends each council's demo meeting (002: an officer the Chief Executive nominates; 004: the Town
# Clerk himself, no non-members being present; 003: the Town Clerk, whom the group invites and who decides).
_ATTENDING = {"district-annex": "officer", "mayor-town": "clerk", "west-northants-town": "clerk"}


def load_demo_groups() -> list[str]:
    lines: list[str] = []
    for spec in COUNCILS:
        if not spec.groups or spec.slug not in _ATTENDING:
            continue
        council = Council.objects.get(slug=spec.slug)
        group = PoliticalGroup.objects.get(council=council, name=spec.groups[0][0])
        if GroupAdvice.objects.filter(council=council, group=group).exists():
            continue
        head = Person.objects.get(username=f"{spec.prefix}.{spec.people[0].key}")
        leader = Person.objects.get(username=f"{spec.prefix}.{spec.groups[0][1]}")
        attending = Person.objects.get(username=f"{spec.prefix}.{_ATTENDING[spec.slug]}")
        services.advice_record(
            actor=head,
            council=council,
            group_id=group.pk,
            matter="Town centre car parking charges",
            facts="Income last year was £41,200 against costs of £37,900. The current tariff was set in 2022.",
            options="Keep the tariff; raise it by 10%; introduce a free first hour.",
        )
        profile = council.profile
        officer_decides = rules.attendance_decider_kind(profile) == "officer"
        row = services.attendance_request(
            actor=leader,
            council=council,
            group_id=group.pk,
            matter="Town centre car parking charges",
            meeting_on=clock.today() + dt.timedelta(days=14),
            attendees=f"Members of {group.name} only",
            invited_officer_id=attending.pk if officer_decides else None,
        )
        decider = attending if officer_decides else head
        services.attendance_decide(
            actor=decider, council=council, attendance_id=row.pk, accept=True, attending_officer_id=attending.pk
        )
        services.note_write(
            actor=leader,
            council=council,
            attendance_id=row.pk,
            body="The group discussed the three tariff options and will put questions at the next committee.",
        )
        lines.append(f"{council.slug}: advice, an officer's attendance and a note for {group.name}")
    return lines
