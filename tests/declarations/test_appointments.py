"""Appointment panels: set up for the council as a whole with published merit criteria; each panel member declares
no canvassing and no close friend or relative among the candidates; a declared connection with an internal
candidate bars the seat; information goes to every candidate; scores are justified against the criteria."""

from __future__ import annotations

import pytest

from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.declarations import services
from councildesk.declarations.models import InformationRelease, PanelSeat
from tests.complaints.conftest import build

pytestmark = pytest.mark.django_db


def _appointment(town):
    return services.appointment_create(
        actor=town.head, council=town.council, post="Deputy Town Clerk", criteria="CiLCA\nExperience\n\nCiLCA"
    )


@pytest.mark.rule("EMPLOYMENT_COUNCIL_AS_WHOLE_IS_EMPLOYER")
def test_no_individual_member_sets_up_an_appointment():
    town = build("mayor-town")
    with pytest.raises(ProtocolViolation) as refused:
        services.appointment_create(actor=town.chair, council=town.council, post="Clerk", criteria="Merit")
    assert [c.clause for c in refused.value.citations] == ["5.1"]


@pytest.mark.rule("EMPLOYMENT_APPOINTMENT_ON_MERIT")
def test_merit_criteria_are_published_and_every_score_is_justified_against_one():
    town = build("mayor-town")
    with pytest.raises(ValidationFailed):
        services.appointment_create(actor=town.head, council=town.council, post="Clerk", criteria="  \n")
    a = _appointment(town)
    assert a.criteria == ["CiLCA", "Experience"]
    cand = services.candidate_add(actor=town.head, council=town.council, pk=a.pk, name="A. Candidate")
    member = town.cllrs[0]
    services.seat_take(actor=member, council=town.council, pk=a.pk, no_canvassing=True, no_friend_or_relative=True)
    with pytest.raises(ProtocolViolation) as unjustified:
        services.score_record(
            actor=member,
            council=town.council,
            pk=a.pk,
            candidate_id=cand.pk,
            criterion="CiLCA",
            score=7,
            justification="",
        )
    assert [c.clause for c in unjustified.value.citations] == ["5.3(a); 5.3(d)"]
    with pytest.raises(ProtocolViolation):
        services.score_record(
            actor=member,
            council=town.council,
            pk=a.pk,
            candidate_id=cand.pk,
            criterion="Likeable",
            score=7,
            justification="x",
        )
    row = services.score_record(
        actor=member,
        council=town.council,
        pk=a.pk,
        candidate_id=cand.pk,
        criterion="CiLCA",
        score=7,
        justification="Holds CiLCA",
    )
    assert row.score == 7
    with pytest.raises(NotFound):  # not on the panel
        services.score_record(
            actor=town.cllrs[1],
            council=town.council,
            pk=a.pk,
            candidate_id=cand.pk,
            criterion="CiLCA",
            score=1,
            justification="x",
        )


@pytest.mark.rule("EMPLOYMENT_APPOINTMENT_NO_CANVASSING")
def test_a_seat_needs_the_no_canvassing_declaration_and_canvassing_can_be_reported():
    town = build("mayor-town")
    a = _appointment(town)
    with pytest.raises(ProtocolViolation) as refused:
        services.seat_take(
            actor=town.cllrs[0], council=town.council, pk=a.pk, no_canvassing=False, no_friend_or_relative=True
        )
    assert [c.clause for c in refused.value.citations] == ["5.3(b)"]
    assert not PanelSeat.objects.exists()
    report = services.canvassing_report(actor=town.cllrs[1], council=town.council, pk=a.pk, text="Asked to back X")
    assert report.pk


@pytest.mark.rule("EMPLOYMENT_APPOINTMENT_RECUSAL_FRIEND_OR_RELATIVE")
def test_no_seat_with_a_friend_or_relative_among_the_candidates_declared_or_in_the_register():
    town = build("mayor-town")
    a = _appointment(town)
    with pytest.raises(ProtocolViolation) as friend:
        services.seat_take(
            actor=town.cllrs[0], council=town.council, pk=a.pk, no_canvassing=True, no_friend_or_relative=False
        )
    assert [c.clause for c in friend.value.citations] == ["5.3(c)"]
    services.declaration_make(
        actor=town.officer,
        council=town.council,
        counterpart=town.cllrs[2],
        nature="family",
        details="",
        submission_key="d",
    )
    services.candidate_add(actor=town.head, council=town.council, pk=a.pk, name="", person=town.officer)
    with pytest.raises(ProtocolViolation) as connected:
        services.seat_take(
            actor=town.cllrs[2], council=town.council, pk=a.pk, no_canvassing=True, no_friend_or_relative=True
        )
    assert {c.clause for c in connected.value.citations} == {"5.3(c)", "4.4"}
    # and a connected member already seated stops a connected internal candidate being added
    b = _appointment(town)
    services.seat_take(
        actor=town.cllrs[2], council=town.council, pk=b.pk, no_canvassing=True, no_friend_or_relative=True
    )
    with pytest.raises(ProtocolViolation):
        services.candidate_add(actor=town.head, council=town.council, pk=b.pk, name="", person=town.officer)


@pytest.mark.rule("EMPLOYMENT_APPOINTMENT_EQUAL_INFORMATION")
def test_information_given_to_candidates_goes_to_every_candidate():
    town = build("mayor-town")
    a = _appointment(town)
    cands = [services.candidate_add(actor=town.head, council=town.council, pk=a.pk, name=n) for n in ("A", "B", "C")]
    services.seat_take(
        actor=town.cllrs[0], council=town.council, pk=a.pk, no_canvassing=True, no_friend_or_relative=True
    )
    release = services.information_release(actor=town.cllrs[0], council=town.council, pk=a.pk, text="Interview format")
    assert set(release.candidates.all()) == set(cands)
    with pytest.raises(NotFound):  # not on the panel
        services.information_release(actor=town.cllrs[1], council=town.council, pk=a.pk, text="Tip")
    assert InformationRelease.objects.count() == 1
