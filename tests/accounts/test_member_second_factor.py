"""A council may require its members to use a second factor (``sign_in.councillor_second_factor``): checked by
check-profile, enforced at sign-in for current members of that council only, and explained on the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from councildesk.accounts.policy import councils_requiring_members, second_factor_required
from councildesk.councils.profiles import ProfileInvalid, load_profile
from councildesk.people.models import Role
from tests import factories

from .conftest import code_for, enrol, sign_in

pytestmark = pytest.mark.django_db


def _require_members(council, on: bool = True) -> None:
    council.profile_data = {**council.profile_data, "sign_in": {"councillor_second_factor": on}}
    council.save(update_fields=["profile_data"])
    council.__dict__.pop("profile", None)


def test_check_profile_accepts_the_setting_and_names_a_bad_value(tmp_path):
    text = (settings.COUNCILDESK_PROFILES_DIR / "cottingham.toml").read_text(encoding="utf-8")
    head, clauses = text.split("[clauses]", 1)
    good = tmp_path / "good.toml"
    good.write_text(f"{head}[sign_in]\ncouncillor_second_factor = true\n\n[clauses]{clauses}", encoding="utf-8")
    assert load_profile(good).sign_in.councillor_second_factor is True
    assert load_profile(settings.COUNCILDESK_PROFILES_DIR / "cottingham.toml").sign_in.councillor_second_factor is False
    bad = tmp_path / "bad.toml"
    bad.write_text(f'{head}[sign_in]\ncouncillor_second_factor = "yes please"\nanyone = 1\n\n[clauses]{clauses}')
    with pytest.raises(ProfileInvalid) as caught:
        load_profile(bad)
    problems = "\n".join(str(p) for p in caught.value.problems)
    assert "sign_in.councillor_second_factor" in problems
    assert "sign_in.anyone: unknown key" in problems


def test_members_of_a_council_that_requires_it_must_set_one_up(sandon, cllr):
    district = factories.council("district-annex")
    elsewhere = factories.person_with_role(district, "councillor")
    assert not second_factor_required(cllr)
    _require_members(sandon)
    assert second_factor_required(cllr)
    assert councils_requiring_members(cllr) == [sandon.name]
    assert not second_factor_required(elsewhere)  # another council's setting does not reach its members

    client = Client()
    response = sign_in(client, cllr.username)
    assert response["Location"] == "/accounts/second-factor/"
    assert "_auth_user_id" not in client.session
    page = client.get("/accounts/second-factor/").content.decode()
    assert f"{sandon.name} asks every member to use one." in page
    key = client.session["councildesk.accounts.setup_key"]
    assert client.post("/accounts/second-factor/", {"code": code_for(key)}).status_code == 200
    assert "_auth_user_id" in client.session


def test_an_ended_membership_no_longer_requires_it(sandon, cllr):
    _require_members(sandon)
    Role.objects.filter(person=cllr).update(end=dt.date(2020, 1, 1), start=dt.date(2019, 1, 1))
    assert not second_factor_required(cllr)


def test_turning_it_off_leaves_an_enrolled_member_asked_for_the_code(sandon, cllr):
    _require_members(sandon, on=False)
    enrol(cllr)
    client = Client()
    assert sign_in(client, cllr.username)["Location"] == "/accounts/login/verify/"


def test_a_member_without_the_setting_signs_in_with_the_password_alone(sandon, cllr):
    client = Client()
    assert sign_in(client, cllr.username)["Location"] != "/accounts/second-factor/"
    assert "_auth_user_id" in client.session
    account = client.get("/accounts/").content.decode()
    assert "optional for your role" in account
