"""Issue 14: the access gate resolves a person's memberships once per request, and forgets them on any change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councildesk.core import clock
from councildesk.core.errors import NotFound
from councildesk.people import services as people
from councildesk.people.access import RoleNotCurrent, access_scope, membership_for, memberships_of
from tests import factories


def _role_queries(ctx: CaptureQueriesContext) -> int:
    return sum('FROM "people_role"' in q["sql"] for q in ctx.captured_queries)


def test_within_one_scope_the_roles_are_read_once(sandon):
    clerk = factories.person_with_role(sandon, sandon.profile.roles.head_of_paid_service)
    with access_scope(), CaptureQueriesContext(connection) as ctx:
        first = membership_for(clerk, sandon.slug)
        again = membership_for(clerk, sandon.slug)
        councils = memberships_of(clerk)
    assert first.kinds == again.kinds
    assert [c.pk for c in councils] == [sandon.pk]
    assert _role_queries(ctx) == 1
    assert len(ctx.captured_queries) == 1  # the roles with their councils and the kinds from seats and groups


def test_the_council_comes_with_the_roles_not_by_slug_again(sandon):
    cllr = factories.person_with_role(sandon, "councillor")
    with CaptureQueriesContext(connection) as ctx:
        m = membership_for(cllr, sandon.slug)
    assert m.council.pk == sandon.pk
    assert not any('FROM "councils_council"' in q["sql"].split("INNER JOIN")[0] for q in ctx.captured_queries)


def test_a_role_ended_within_the_scope_is_seen_at_once(sandon):
    cllr = factories.person_with_role(sandon, "councillor")
    today = clock.today()
    with access_scope():
        assert membership_for(cllr, sandon.slug).is_member
        role = factories.role_of(cllr, sandon)
        people.role_end(actor=None, role=role, end=today - dt.timedelta(days=1))
        with pytest.raises(RoleNotCurrent):
            membership_for(cllr, sandon.slug)
        assert memberships_of(cllr) == []


def test_no_role_and_no_council_look_the_same(sandon, district):
    outsider = factories.person_with_role(district, "councillor")
    with access_scope():
        with pytest.raises(NotFound):
            membership_for(outsider, sandon.slug)
        with pytest.raises(NotFound):
            membership_for(outsider, "no-such-council")
        with pytest.raises(NotFound):  # the remembered refusal is raised again, the same way
            membership_for(outsider, sandon.slug)


def test_a_page_reads_the_roles_once_for_gate_services_and_menu(client, sandon):
    cllr = factories.person_with_role(sandon, "councillor")
    client.force_login(cllr)
    url = f"/c/{sandon.slug}/enquiries/"
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert _role_queries(ctx) == 1
