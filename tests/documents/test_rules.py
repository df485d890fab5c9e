"""The pure access rules, property-tested: who may open what, what a need cannot unlock, who sees a request, and
the need-to-know request's transition table."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councildesk.catalogue.ids import R
from councildesk.core.errors import Conflict
from councildesk.documents import rules
from councildesk.documents.models import AccessRequest, Basis, Classification, Need

KINDS = ["councillor", "chair", "mayor", "clerk", "officer", "chief_executive", "monitoring_officer", "host_admin"]
ACCESS_RULES = [
    R.ACCESS_NON_MEMBER_CONDITIONS,
    R.ACCESS_REQUESTS_PRIVATE_TO_REQUESTER,
    R.ACCESS_THIRD_PARTY_PERSONAL_DATA,
    R.ACCESS_CONFIDENTIAL_ADVICE_ON_REQUEST,
    R.ACCESS_THIRD_PARTY_REQUEST_CONDITIONS,
    R.ACCESS_INTEREST_ADVICE,
    R.ACCESS_COMMITTEE_MEMBER_PRESUMED,
    R.ACCESS_ONWARD_DISCLOSURE_TO_COUNCILLORS,
    R.ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE,
]

policies = st.builds(
    rules.Policy,
    head_officer_kind=st.sampled_from(["clerk", "chief_executive"]),
    decider_kind=st.sampled_from(["clerk", "chief_executive", "officer"]),
    consult_kinds=st.sampled_from([(), ("monitoring_officer",)]),
    disputes_kind=st.sampled_from(["clerk", "chief_executive"]),
    adopted=st.frozensets(st.sampled_from(ACCESS_RULES)),
)
viewers = st.builds(
    rules.Viewer,
    person_id=st.integers(1, 5),
    kinds=st.frozensets(st.sampled_from(KINDS), min_size=1, max_size=3),
    committee_ids=st.frozensets(st.integers(1, 3), max_size=2),
    group_ids=st.frozensets(st.integers(1, 2), max_size=1),
)
docs = st.builds(
    rules.DocFacts,
    classification=st.sampled_from(rules.CLASSIFICATIONS),
    committee_id=st.none() | st.integers(1, 3),
    personal_data=st.booleans(),
)
members = viewers.filter(lambda v: v.is_member)


def test_the_rules_module_is_pure():
    tree = ast.parse(Path(rules.__file__).read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert imported <= {
        "__future__",
        "dataclasses",
        "councildesk.catalogue.ids",
        "councildesk.catalogue.registry",
        "councildesk.core.errors",
        "councildesk.people.kinds",
    }


def test_the_rules_use_the_models_values():
    assert set(rules.CLASSIFICATIONS) == set(Classification.values)
    assert set(rules.NEEDS) == set(Need.values)
    assert set(rules.REQUEST_STATES) == set(AccessRequest.Status.values)
    assert {
        rules.BASIS_PUBLIC,
        rules.BASIS_COMMITTEE_MEMBER,
        rules.BASIS_OFFICER,
        rules.BASIS_NEED_TO_KNOW,
        rules.BASIS_ONWARD,
    } == set(Basis.values)


@pytest.mark.rule("ACCESS_COMMITTEE_MEMBER_PRESUMED")
@given(policies, viewers, docs)
def test_handlers_open_everything_and_nobody_else_opens_a_restricted_paper_without_a_seat_or_grant(p, v, d):
    basis = rules.open_basis(p, v, d)
    if rules.is_handler(p, v):
        assert basis == rules.BASIS_OFFICER
        return
    if d.personal_data:
        assert basis is None, "third parties' personal data opens only on a decided request"
    elif d.classification == rules.PUBLIC:
        assert basis == rules.BASIS_PUBLIC
    elif rules.on_committee(v, d):
        assert basis == rules.BASIS_COMMITTEE_MEMBER
    else:
        assert basis is None


@given(policies, viewers, docs, st.sampled_from([rules.BASIS_NEED_TO_KNOW, rules.BASIS_ONWARD]))
def test_a_grant_never_takes_access_away_and_gives_it_unless_barred(p, v, d, grant_basis):
    without = rules.open_basis(p, v, d)
    with_grant = rules.open_basis(p, v, d, grant_basis=grant_basis)
    if without is not None:
        assert with_grant == without
    elif p.non_members_barred and d.classification in rules.SENSITIVE and not rules.on_committee(v, d):
        assert with_grant is None, "004 10.3(b): not even a grant opens confidential or exempt papers to non-members"
    else:
        assert with_grant == grant_basis


@given(policies, viewers, docs, st.integers(1, 3))
def test_a_committee_seat_never_takes_access_away(p, v, d, committee):
    more = rules.Viewer(v.person_id, v.kinds, v.committee_ids | {committee}, v.group_ids)
    if rules.open_basis(p, v, d) is not None:
        assert rules.open_basis(p, more, d) is not None


@pytest.mark.rule("ACCESS_NON_MEMBER_CONDITIONS")
@pytest.mark.rule("ACCESS_THIRD_PARTY_REQUEST_CONDITIONS")
@given(policies, members, docs, st.sampled_from(rules.NEEDS), st.booleans())
def test_what_a_need_cannot_unlock_and_only_where_the_rule_is_adopted(p, v, d, need, justified):
    barriers = {b.rule_id for b in rules.grant_barriers(p, v, d, need, personal_data_justified=justified)}
    assert barriers <= p.adopted, "a barrier applies only where its rule is adopted"
    barred = p.non_members_barred and d.classification in rules.SENSITIVE and not rules.on_committee(v, d)
    assert (R.ACCESS_NON_MEMBER_CONDITIONS in barriers) == barred
    third_party = need == rules.CONSTITUENT and (d.classification != rules.PUBLIC or d.personal_data)
    assert (R.ACCESS_THIRD_PARTY_REQUEST_CONDITIONS in barriers) == (
        third_party and p.adopts(R.ACCESS_THIRD_PARTY_REQUEST_CONDITIONS)
    )
    assert (R.ACCESS_THIRD_PARTY_PERSONAL_DATA in barriers) == (
        d.personal_data and not justified and p.personal_data_justification
    )


@pytest.mark.rule("ACCESS_REQUESTS_PRIVATE_TO_REQUESTER")
@given(policies, viewers, st.integers(1, 5))
def test_only_the_requester_and_the_handlers_see_a_request_in_every_council(p, v, requester):
    visible = rules.request_visible(p, v, rules.RequestFacts(requester))
    assert visible == (v.person_id == requester or bool(v.kinds & p.handler_kinds))


@given(policies)
def test_the_monitoring_officer_handles_papers_only_where_the_profile_names_them(p):
    mo = rules.Viewer(9, frozenset({"monitoring_officer"}), frozenset())
    named = "monitoring_officer" in {p.decider_kind, p.disputes_kind, p.head_officer_kind, *p.consult_kinds}
    assert rules.is_handler(p, mo) == named
    assert rules.may_view_log(p, mo) == named


@pytest.mark.rule("ACCESS_NEED_TO_KNOW_DECIDER")
@given(policies, viewers, st.integers(1, 5), st.booleans())
def test_nobody_decides_their_own_request(p, v, requester, review):
    if rules.may_decide(p, v, review=review, requester_id=requester):
        assert v.person_id != requester
        assert (p.disputes_kind if review else p.decider_kind) in v.kinds


@pytest.mark.rule("ACCESS_INTEREST_ADVICE")
@pytest.mark.rule("ACCESS_THIRD_PARTY_PERSONAL_DATA")
@pytest.mark.rule("ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE")
@given(policies, docs, st.booleans())
def test_consultations_include_the_profiles_consultees_and_the_head_officers_advice(p, d, interest):
    needed = rules.required_consultations(p, d, interest=interest)
    assert set(p.consult_kinds) <= set(needed)
    advice = (
        (d.personal_data and p.personal_data_advice)
        or (interest and p.adopts(R.ACCESS_INTEREST_ADVICE))
        or (d.classification == rules.CONFIDENTIAL and p.adopts(R.ACCESS_CONFIDENCE_NEEDS_AUTHORISED_RELEASE))
    )
    if advice and p.decider_kind != p.head_officer_kind:
        assert p.head_officer_kind in needed
    else:
        assert set(needed) == set(p.consult_kinds)


@pytest.mark.rule("ACCESS_ONWARD_DISCLOSURE_TO_COUNCILLORS")
@given(policies, viewers)
def test_onward_disclosure_only_where_the_protocol_provides_for_it(p, v):
    if rules.may_disclose_onward(p, v):
        assert p.adopts(R.ACCESS_ONWARD_DISCLOSURE_TO_COUNCILLORS)
        assert p.decider_kind in v.kinds


# The transition table: property tests over every pair of states and every path.
states = st.sampled_from(rules.REQUEST_STATES)


@given(states, states)
def test_a_change_not_in_the_table_is_refused_with_a_named_error(current, target):
    if (current, target) in rules.REQUEST_TRANSITIONS:
        assert rules.transition(current, target) == rules.REQUEST_TRANSITIONS[(current, target)]
    else:
        with pytest.raises(rules.RequestTransitionRefused) as err:
            rules.transition(current, target)
        assert isinstance(err.value, Conflict)
        assert (err.value.current, err.value.target) == (current, target)


@given(st.lists(states, max_size=8))
def test_every_path_the_table_allows_starts_awaiting_and_is_decided_before_challenged(path):
    current = rules.AWAITING_DECISION
    decided = False
    for target in path:
        try:
            action = rules.transition(current, target)
        except rules.RequestTransitionRefused:
            continue
        if action == rules.CHALLENGE:
            assert decided, "only a decided request can be challenged"
        if action in (rules.DECIDE, rules.REVIEW):
            decided = True
            assert target in (rules.GRANTED, rules.REFUSED)
        current = target
    assert all(t != rules.AWAITING_DECISION for (_, t) in rules.REQUEST_TRANSITIONS), "nothing returns to awaiting"
