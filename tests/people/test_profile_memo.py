"""The gate decodes and parses a council's stored profile once per process, keyed by the stored text (issue 14): the
next request shares the decoded data and the parsed profile, and a changed profile is parsed afresh, never stale."""

from __future__ import annotations

from councildesk.councils.models import Council
from councildesk.councils.profiles import Profile
from councildesk.people.access import access_scope, membership_for
from tests import factories


def test_the_next_request_shares_the_parsed_profile(sandon):
    clerk = factories.person_with_role(sandon, sandon.profile.roles.head_of_paid_service)
    with access_scope():
        first = membership_for(clerk, sandon.slug).council
    with access_scope():
        second = membership_for(clerk, sandon.slug).council
    assert first is not second
    assert second.profile is first.profile
    assert second.profile == Profile.model_validate(second.profile_data)
    # The decoded JSON is shared too (decoded once, not per request), and is what the database holds.
    assert second.profile_data is first.profile_data
    assert second.profile_data == Council.objects.get(pk=sandon.pk).profile_data


def test_a_changed_profile_is_parsed_again(sandon):
    clerk = factories.person_with_role(sandon, sandon.profile.roles.head_of_paid_service)
    with access_scope():
        before = membership_for(clerk, sandon.slug).council.profile
    data = dict(sandon.profile_data)
    data["name"] = "Sandon and Burston Parish Council (renamed)"
    Council.objects.filter(pk=sandon.pk).update(profile_data=data)
    with access_scope():
        after = membership_for(clerk, sandon.slug).council.profile
    assert before.name != after.name == "Sandon and Burston Parish Council (renamed)"
