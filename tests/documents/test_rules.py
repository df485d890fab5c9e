"""The pure access rules, property-tested: who may open what, what a need cannot unlock, who sees a request."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from councildesk.documents import rules
from councildesk.documents.models import Basis, Classification, Need

KINDS = ["councillor", "chair", "mayor", "clerk", "officer", "chief_executive", "monitoring_officer", "host_admin"]
ACCESS_RULES = [rules.NON_MEMBERS, rules.PRIVATE_REQUESTS, rules.PERSONAL_DATA, rules.CONFIDENTIAL_ADVICE]

policies = st.builds(
    rules.Policy,
    head_officer_kind=st.sampled_from(["clerk", "chief_executive"]),
    decider_kind=st.sampled_from(["clerk", "chief_executive", "officer"]),
    consult_kinds=st.sampled_from([(), ("monitoring_officer",)]),
    disputes_kind=st.sampled_from(["clerk", "chief_executive"]),
    adopted=st.frozensets(st.sampled_from(ACCESS_RULES)),
    political_groups=st.booleans(),
    disclose_requests_across_groups=st.booleans(),
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


def plain_member(policy: rules.Policy, viewer: rules.Viewer) -> bool:
    return not rules.is_handler(policy, viewer)


def test_the_rules_module_is_pure():
    tree = ast.parse(Path(rules.__file__).read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert imported <= {"__future__", "dataclasses"}


def test_the_rules_use_the_models_values():
    assert set(rules.CLASSIFICATIONS) == set(Classification.values)
    assert set(rules.NEEDS) == set(Need.values)
    assert {
        rules.BASIS_PUBLIC,
        rules.BASIS_COMMITTEE_MEMBER,
        rules.BASIS_OFFICER,
        rules.BASIS_NEED_TO_KNOW,
        rules.BASIS_ONWARD,
    } == set(Basis.values)


@given(policies, viewers, docs)
def test_handlers_open_everything_and_nobody_else_opens_a_restricted_paper_without_a_seat_or_grant(p, v, d):
    basis = rules.open_basis(p, v, d)
    if rules.is_handler(p, v):
        assert basis == rules.BASIS_OFFICER
        return
    on_committee = d.committee_id is not None and d.committee_id in v.committee_ids
    if d.personal_data:
        assert basis is None, "third parties' personal data always needs a specific justification"
    elif d.classification == rules.PUBLIC:
        assert basis == rules.BASIS_PUBLIC
    elif on_committee:
        assert basis == rules.BASIS_COMMITTEE_MEMBER
    else:
        assert basis is None


@given(policies, viewers, docs, st.sampled_from([rules.BASIS_NEED_TO_KNOW, rules.BASIS_ONWARD]))
def test_a_grant_never_takes_access_away_and_gives_it_unless_barred(p, v, d, grant_basis):
    without = rules.open_basis(p, v, d)
    with_grant = rules.open_basis(p, v, d, grant_basis=grant_basis)
    on_committee = d.committee_id is not None and d.committee_id in v.committee_ids
    if without is not None:
        assert with_grant == without
    elif p.non_members_barred and d.classification in rules.SENSITIVE and not on_committee:
        assert with_grant is None, "004 10.3(b): not even a grant opens confidential or exempt papers to non-members"
    else:
        assert with_grant == grant_basis


@given(policies, viewers, docs, st.integers(1, 3))
def test_a_committee_seat_never_takes_access_away(p, v, d, committee):
    more = rules.Viewer(v.person_id, v.kinds, v.committee_ids | {committee}, v.group_ids)
    if rules.open_basis(p, v, d) is not None:
        assert rules.open_basis(p, more, d) is not None


@given(policies, members, docs, st.sampled_from(rules.NEEDS), st.booleans())
def test_what_a_need_cannot_unlock(p, v, d, need, justified):
    barriers = {b.rule_id for b in rules.grant_barriers(p, v, d, need, personal_data_justified=justified)}
    on_committee = d.committee_id is not None and d.committee_id in v.committee_ids
    barred = p.non_members_barred and d.classification in rules.SENSITIVE and not on_committee
    assert (rules.NON_MEMBERS in barriers) == barred
    third_party = need == rules.CONSTITUENT and (d.classification != rules.PUBLIC or d.personal_data)
    assert (rules.THIRD_PARTY in barriers) == third_party
    assert (rules.PERSONAL_DATA in barriers) == (d.personal_data and not justified)


@given(policies, viewers, st.integers(1, 5), st.booleans(), st.none() | st.integers(1, 2))
def test_who_sees_a_request(p, v, requester, confidential, group):
    req = rules.RequestFacts(requester, confidential, group)
    visible = rules.request_visible(p, v, req)
    if v.person_id == requester or rules.is_handler(p, v):
        assert visible
        return
    if p.requests_private or confidential or not v.is_member:
        assert not visible
    if visible and p.political_groups and not p.disclose_requests_across_groups:
        assert (group in v.group_ids) if group is not None else not v.group_ids


@given(policies, viewers, st.integers(1, 5), st.booleans())
def test_nobody_decides_their_own_request(p, v, requester, review):
    if rules.may_decide(p, v, review=review, requester_id=requester):
        assert v.person_id != requester
        assert (p.disputes_kind if review else p.decider_kind) in v.kinds


@given(policies, docs)
def test_consultations_include_the_profiles_consultees(p, d):
    needed = rules.required_consultations(p, d)
    assert set(p.consult_kinds) <= set(needed)
    if not d.personal_data:
        assert set(needed) == set(p.consult_kinds)
