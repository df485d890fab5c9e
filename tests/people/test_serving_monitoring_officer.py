"""A notice "to the Monitoring Officer" of a town served by its principal council's Monitoring Officer
(``MonitoringArrangement``, as in the demo: the district serves the Mayor town) reaches that officer, who can
then open what it points to; exactly the people the access gate treats as the town's Monitoring Officer."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.complaints import rules as complaint_rules
from councildesk.complaints import services as complaints
from councildesk.complaints.models import Handler
from councildesk.core import clock
from councildesk.core.errors import NotFound
from councildesk.declarations import services as declarations
from councildesk.notifications.models import Notification
from councildesk.people import services
from councildesk.people.access import membership_for
from councildesk.people.kinds import MONITORING_OFFICER
from councildesk.people.models import MonitoringArrangement
from councildesk.people.selectors import role_holders
from tests.complaints.conftest import START, build
from tests.factories import council as make_council
from tests.factories import person_with_role

pytestmark = pytest.mark.django_db


def served_town():
    """The Mayor town without a Monitoring Officer of its own, served by the district's."""
    town = build("mayor-town", with_mo=False)
    district = make_council("district-annex")
    mo = person_with_role(district, MONITORING_OFFICER)
    services.monitoring_arrangement_record(actor=None, council=town.council, principal=district, start=START)
    return town, district, mo


def test_the_serving_monitoring_officer_is_the_towns_monitoring_officer():
    town, district, mo = served_town()
    day = clock.today()
    assert role_holders(town.council, [MONITORING_OFFICER], day) == [mo]
    assert MONITORING_OFFICER in membership_for(mo, town.council.slug).kinds
    # Asked for other roles, or about the district itself, nothing changes.
    assert mo not in role_holders(town.council, ["clerk", "officer"], day)
    assert role_holders(district, [MONITORING_OFFICER], day) == [mo]


def test_an_ended_arrangement_or_a_role_of_their_own_there_leaves_the_gate_and_the_notices_agreeing():
    town, _, mo = served_town()
    day = clock.today()
    MonitoringArrangement.objects.filter(council=town.council).update(end=day - dt.timedelta(days=1))
    assert role_holders(town.council, [MONITORING_OFFICER], day) == []
    with pytest.raises(NotFound):
        membership_for(mo, town.council.slug)
    MonitoringArrangement.objects.filter(council=town.council).update(end=None)
    # Someone who also sits on the town council as a councillor is treated by the gate as that councillor, not
    # as its Monitoring Officer; the notices follow the gate.
    services.role_grant(actor=None, council=town.council, person=mo, kind="councillor", start=START)
    assert MONITORING_OFFICER not in membership_for(mo, town.council.slug, day=day).kinds
    assert role_holders(town.council, [MONITORING_OFFICER], day) == []


@pytest.mark.rule("DECLARATIONS_OFFICER_CONNECTION_TO_MONITORING_OFFICER")
def test_a_declaration_at_the_town_reaches_the_serving_monitoring_officer_who_can_open_it():
    town, _, mo = served_town()
    row, _ = declarations.declaration_make(
        actor=town.officer,
        council=town.council,
        counterpart=town.chair,
        nature="family",
        details="",
        submission_key="k",
    )
    note = Notification.objects.get(recipient=mo, kind="declaration")
    assert note.url.endswith(f"/declarations/{row.pk}/") or str(row.pk) in note.url
    assert str(mo) in row.sent_to


@pytest.mark.rule("COMPLAINTS_CODE_OF_CONDUCT_TO_MONITORING_OFFICER")
def test_a_code_of_conduct_allegation_at_the_town_goes_to_the_serving_monitoring_officer():
    town, _, mo = served_town()
    c, _ = complaints.complaint_raise(
        actor=town.cllrs[0],
        council=town.council,
        kind=complaint_rules.CODE_OF_CONDUCT,
        subject=town.cllrs[1],
        summary="Rude at the meeting",
        details="On Tuesday they shouted at me.",
        submission_key="k1",
    )
    assert set(Handler.objects.filter(complaint=c, active=True).values_list("person_id", flat=True)) == {mo.pk}
    assert Notification.objects.filter(recipient=mo, kind="complaint").exists()
    assert complaints.complaint_open(actor=mo, council=town.council, pk=c.pk).pk == c.pk
