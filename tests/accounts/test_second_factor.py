"""The second factor: required for officers and the host administrator, optional for councillors; set up with a
QR code in the sign-in itself; verified after the password; recovery codes that work once."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client

from councildesk.accounts import events
from councildesk.accounts.policy import second_factor_required
from councildesk.accounts.views import PENDING
from councildesk.audit.models import AuditEvent
from councildesk.demo.loader import DEMO_TOTP_KEY
from councildesk.people import services as people
from tests import factories

from .conftest import code_for, enrol, sign_in

pytestmark = pytest.mark.django_db


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_who_must_use_a_second_factor(sandon, cottingham):
    assert second_factor_required(factories.person_with_role(sandon, "clerk"))
    assert second_factor_required(factories.person_with_role(sandon, "officer"))
    assert second_factor_required(factories.person_with_role(cottingham, "monitoring_officer"))
    assert second_factor_required(factories.PersonFactory(is_host_admin=True))
    councillor = factories.person_with_role(sandon, "councillor")
    assert not second_factor_required(councillor)
    committee = people.committee_create(actor=None, council=sandon, name="Staffing", kind="personnel")
    people.committee_seat_add(actor=None, committee=committee, person=councillor, seat="member", start=sandon_day())
    assert second_factor_required(councillor)


def sandon_day():
    import datetime as dt

    return dt.date(2023, 5, 8)


@pytest.fixture
def cottingham(db):
    return factories.council("cottingham")


def test_an_officer_without_an_app_sets_one_up_before_the_sign_in_completes(client, sandon, clerk):
    response = sign_in(client, clerk.username)
    assert response["Location"] == "/accounts/second-factor/"
    assert not _signed_in(client)
    assert client.get(f"/c/{sandon.slug}/").status_code == 302  # half-way is not signed in
    page = client.get("/accounts/second-factor/")
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html  # the QR code
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    key = client.session["councildesk.accounts.setup_key"]
    import base64

    assert base64.b32encode(bytes.fromhex(key)).decode().rstrip("=") == secret.rstrip("=")
    wrong = client.post("/accounts/second-factor/", {"code": "000000" if code_for(key) != "000000" else "111111"})
    assert 'href="#id_code"' in wrong.content.decode()
    done = client.post("/accounts/second-factor/", {"code": code_for(key)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([0-9a-f]{5}-[0-9a-f]{5})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert _signed_in(client)
    assert AuditEvent.objects.filter(council=sandon, action=events.SECOND_FACTOR_SET_UP).count() == 1
    assert AuditEvent.objects.filter(council=sandon, action=events.SIGNED_IN).get().data["second_factor"] == "app"


def test_an_enrolled_person_enters_a_code_after_the_password_and_a_code_works_once(sandon, clerk):
    key = enrol(clerk)
    client = Client()
    assert sign_in(client, clerk.username)["Location"] == "/accounts/login/verify/"
    assert not _signed_in(client)
    wrong = client.post("/accounts/login/verify/", {"code": "12345"})
    assert "The code is not right" in wrong.content.decode()
    assert AuditEvent.objects.filter(council=sandon, action=events.SECOND_FACTOR_FAILED).count() == 1
    code = code_for(key)
    time.sleep(1.1)  # django-otp throttles a device for a growing delay after each wrong code
    assert client.post("/accounts/login/verify/", {"code": code}).status_code == 302
    assert _signed_in(client)
    again = Client()
    sign_in(again, clerk.username)
    replay = again.post("/accounts/login/verify/", {"code": code})
    assert replay.status_code == 200
    assert not _signed_in(again)


def test_a_recovery_code_signs_in_once(sandon, clerk):
    client = Client()
    sign_in(client, clerk.username)
    key = client.get("/accounts/second-factor/") and client.session["councildesk.accounts.setup_key"]
    done = client.post("/accounts/second-factor/", {"code": code_for(key)})
    code = re.findall(r"<li><code>([0-9a-f]{5}-[0-9a-f]{5})</code></li>", done.content.decode())[0]
    first = Client()
    sign_in(first, clerk.username)
    assert first.post("/accounts/login/verify/", {"code": code.upper()}).status_code == 302
    assert AuditEvent.objects.filter(council=sandon, action=events.RECOVERY_CODE_USED).count() == 1
    second = Client()
    sign_in(second, clerk.username)
    assert second.post("/accounts/login/verify/", {"code": code}).status_code == 200
    assert not _signed_in(second)


def test_a_councillor_may_choose_a_second_factor_and_is_then_always_asked(client, sandon, cllr):
    assert sign_in(client, cllr.username)["Location"] == "/"
    client.get("/accounts/second-factor/")
    key = client.session["councildesk.accounts.setup_key"]
    client.post("/accounts/second-factor/", {"code": code_for(key)})
    assert sign_in(Client(), cllr.username)["Location"] == "/accounts/login/verify/"


def test_the_half_way_mark_runs_out(client, sandon, clerk):
    enrol(clerk)
    sign_in(client, clerk.username)
    session = client.session
    session[PENDING] = {**session[PENDING], "at": time.time() - 301}
    session.save()
    assert client.get("/accounts/login/verify/")["Location"] == "/accounts/login/"


def test_the_demo_key_is_published_and_usable(sandon, clerk):
    from councildesk.accounts.services import second_factor_install

    second_factor_install(person=clerk, key=DEMO_TOTP_KEY)
    client = Client()
    sign_in(client, clerk.username)
    assert client.post("/accounts/login/verify/", {"code": code_for(DEMO_TOTP_KEY)}).status_code == 302


def test_sign_in_page_and_second_step_show_no_signed_in_header(client, sandon, clerk):
    enrol(clerk)
    sign_in(client, clerk.username)
    assert "Sign out" not in client.get("/accounts/login/verify/").content.decode()
