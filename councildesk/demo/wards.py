"""Demo ward business for the Mayor Town (004), through the services: a consultation its North Ward members are
told of, a council public meeting for South Ward, a member's own public meeting, a member's visit to a school in
another ward, a consumables request, a ledger entry and an ICT acknowledgement. Running it again changes nothing."""

from __future__ import annotations

import datetime as dt

from councildesk.core import clock
from councildesk.councils.models import Council
from councildesk.people.models import Person, Ward
from councildesk.wards import services
from councildesk.wards.models import WardMatter

SLUG = "mayor-town"


def load_demo_wards() -> list[str]:
    council = Council.objects.filter(slug=SLUG).first()
    if council is None or WardMatter.objects.filter(council=council).exists():
        return []

    def who(key: str) -> Person:
        return Person.objects.get(username=f"mayortown.{key}")

    north = Ward.objects.get(council=council, name="North Ward")
    south = Ward.objects.get(council=council, name="South Ward")
    today = clock.today()
    services.matter_record(
        actor=who("officer"),
        council=council,
        title="Consultation on North Park opening hours",
        summary="The council proposes closing North Park at dusk all year. The consultation runs for six weeks.",
        trigger="consultation",
        ward_ids=[north.pk],
    )
    services.meeting_record(
        actor=who("officer"),
        council=council,
        title="Parking on Station Road",
        held_on=today + dt.timedelta(days=21),
        venue="Town Hall, Council Chamber",
        ward_ids=[south.pk],
    )
    services.meeting_record(
        actor=who("cllr"),
        council=council,
        title="The future of the South Ward library",
        held_on=today + dt.timedelta(days=28),
        venue="South Ward Community Centre",
        ward_ids=[south.pk],
        council_venue=True,
        officer_asked=True,
    )
    services.visit_arrange(
        actor=who("leader"),
        council=council,
        site="Southfields Primary School",
        site_kind="school",
        site_ward_id=south.pk,
        visit_on=today + dt.timedelta(days=10),
        purpose="To see the new crossing outside the school with the head teacher.",
        officer_in_charge_id=who("officer").pk,
        conduct_acknowledged=True,
    )
    services.resource_request(actor=who("cllr"), council=council, kind="consumables", details="Two reams of A4 paper")
    services.ledger_record(
        actor=who("clerk"),
        council=council,
        member_id=who("mayor").pk,
        kind="home_facility",
        description="Laptop and printer at home",
        provided_on=today - dt.timedelta(days=30),
    )
    services.ict_acknowledge(actor=who("mayor"), council=council)
    return [f"{SLUG}: a ward matter, two public meetings, a premises visit and members' resources"]
