"""Advice to political groups: the register, the content-free notice to every other group, the facts-and-options
check, the same matter, the officer's verification, and bad input."""

from __future__ import annotations

import pytest

from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.groups import rules, selectors, services
from councildesk.groups.models import GroupAdvice
from councildesk.notifications.models import Notification, OutboxEmail
from councildesk.people.access import membership_for
from tests import factories

SECRET = "The reserve stands at £12,345 and the auditor queried item 7."


def _advise(w, group="A", facts=SECRET, **kw):
    return services.advice_record(
        actor=w.head, council=w.council, group_id=w.groups[group].pk, matter="Play area", facts=facts, **kw
    )


@pytest.mark.rule("GROUPS_ADVICE_NOTIFY_OTHER_GROUPS")
@pytest.mark.parametrize("slug", ["cottingham", "west-northants-town"])
def test_every_other_group_is_told_that_advice_was_given_but_not_what(db, slug):
    from tests.groups.conftest import World

    w = World(slug)
    advice = _advise(w)
    told = Notification.objects.filter(kind="group_advice_given")
    assert {n.recipient for n in told} == {w.leaders["B"], w.leaders["C"]}
    for n in told:
        assert "Play area" in n.body
        assert "12,345" not in n.body + n.subject
    for email in OutboxEmail.objects.all():
        assert "12,345" not in str(email.__dict__)
    event = AuditEvent.objects.get(action="group_advice.recorded", subject_id=str(advice.pk))
    assert "12,345" not in str(event.data)


@pytest.mark.rule("GROUPS_ADVICE_NOTIFY_OTHER_GROUPS")
@pytest.mark.parametrize("slug", ["district-annex", "mayor-town"])
def test_no_notice_where_the_protocol_keeps_one_groups_business_from_another(db, slug):
    from tests.groups.conftest import World

    w = World(slug)
    _advise(w)
    assert not Notification.objects.filter(kind="group_advice_given").exists()
    m = membership_for(w.leaders["B"], slug)
    assert selectors.advice_notices_for(m) == []


@pytest.mark.rule("GROUPS_DISCUSSIONS_CONFIDENTIAL")
def test_another_groups_member_cannot_read_the_advice_by_any_route(cottingham):
    w = cottingham
    advice = _advise(w)
    for person in (w.leaders["B"], w.members["C"], w.loner):
        m = membership_for(person, w.council.slug)
        assert advice not in selectors.advice_list_for(m)
        with pytest.raises(NotFound):
            selectors.advice_get_for(m, advice.pk)
        notices = selectors.advice_notices_for(m)
        if person is not w.loner:
            assert [n.pk for n in notices] == [advice.pk]
    for person in (w.leaders["A"], w.members["A"], w.officer, w.head):
        assert selectors.advice_get_for(membership_for(person, w.council.slug), advice.pk) == advice


@pytest.mark.rule("GROUPS_ADVICE_FACTS_AND_OPTIONS_NO_RECOMMENDATIONS")
def test_a_recommendation_is_flagged_with_the_clause_and_an_override_is_recorded(cottingham):
    w = cottingham
    with pytest.raises(rules.AdviceFlagged) as caught:
        _advise(w, facts="We recommend option 2; you should vote for it.")
    assert [c.clause for c in caught.value.citations] == ["6.3"]
    assert "we recommend" in caught.value.reason
    assert not GroupAdvice.objects.exists()
    advice = _advise(w, facts="We recommend option 2.", override_reason="Quoting the committee's own report title.")
    assert advice.flags == ["we recommend"]
    event = AuditEvent.objects.get(action="group_advice.recorded")
    assert event.data["overridden"] is True


@pytest.mark.rule("GROUPS_OFFICER_INPUT_LIMITED_TO_COUNCIL_BUSINESS")
def test_a_personal_opinion_is_flagged_in_the_district_with_its_clause(district_world):
    w = district_world
    with pytest.raises(rules.AdviceFlagged) as caught:
        _advise(w, facts="Personally, I think the scheme is poor.")
    assert [c.clause for c in caught.value.citations] == ["7.5"]
    _advise(w, facts="We recommend option 2.")  # 002 has no facts-and-options clause: a recommendation passes


def test_the_check_finds_phrases_not_fragments(all_councils):
    profile = all_councils["cottingham"].profile
    assert rules.advice_flags(profile, "The unrecommended route") == []
    assert [f.phrase for f in rules.advice_flags(profile, "Politically, this is risky")] == ["politically"]


@pytest.mark.rule("GROUPS_SUBSTANTIALLY_SAME_ADVICE")
def test_the_officer_is_shown_earlier_advice_on_the_same_matter(mayor_world):
    w = mayor_world
    first = _advise(w, group="A")
    m = membership_for(w.officer, w.council.slug)
    assert selectors.earlier_advice_on(m, "  play AREA! ", exclude_group_id=w.groups["B"].pk) == [first]
    assert selectors.earlier_advice_on(membership_for(w.leaders["B"], w.council.slug), "Play area") == []


@pytest.mark.rule("GROUPS_OFFICER_VERIFIES_ATTRIBUTED_ADVICE")
def test_the_officer_is_asked_to_verify_and_can_correct_the_record(mayor_world):
    w = mayor_world
    advice = _advise(w, officer_id=w.officer.pk)
    assert Notification.objects.filter(kind="group_advice_verify", recipient=w.officer).exists()
    with pytest.raises(NotFound):
        services.advice_verify(actor=w.head, council=w.council, advice_id=advice.pk)
    services.advice_verify(actor=w.officer, council=w.council, advice_id=advice.pk, correction="It was £12,000.")
    advice.refresh_from_db()
    assert advice.verified_at is not None
    assert advice.correction == "It was £12,000."


@pytest.mark.rule("GROUPS_REGISTER_OF_POLITICAL_GROUPS")
def test_the_register_lists_groups_with_their_leaders(cottingham):
    w = cottingham
    entries = selectors.groups_register_for(membership_for(w.loner, w.council.slug))
    assert [(e.group.name, e.leaders) for e in entries] == [
        ("Group A", [w.leaders["A"]]),
        ("Group B", [w.leaders["B"]]),
        ("Group C", [w.leaders["C"]]),
    ]


def test_advice_for_a_council_without_groups_is_refused_plainly(sandon):
    clerk = factories.person_with_role(sandon, "clerk")
    with pytest.raises(ValidationFailed, match="no provision for political groups"):
        services.advice_record(actor=clerk, council=sandon, group_id=1, matter="x", facts="y")


def test_advice_for_another_councils_group_is_refused_and_nothing_is_written(cottingham, district_world):
    with pytest.raises(ValidationFailed) as caught:
        services.advice_record(
            actor=cottingham.head,
            council=cottingham.council,
            group_id=district_world.groups["A"].pk,
            matter="Play area",
            facts="Facts.",
        )
    assert "group" in caught.value.problems
    assert not GroupAdvice.objects.exists()


def test_only_officers_record_advice(cottingham):
    with pytest.raises(NotFound):
        _advise_as(cottingham, cottingham.leaders["A"])


def _advise_as(w, actor):
    return services.advice_record(actor=actor, council=w.council, group_id=w.groups["A"].pk, matter="m", facts="f")
