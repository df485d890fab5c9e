"""Issue 13 for enquiries: numbers per council, follow-up and reopening within the profile's window, a refusal that
keeps what was typed, the timeline and lists, and the API's list 404."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client

from councildesk.api.tokens import token_issue
from councildesk.audit.verification import verify_council
from councildesk.core.errors import NotFound, ProtocolViolation
from councildesk.councils.profiles import ProfileInvalid, load_profile
from councildesk.enquiries import handling, reopening
from councildesk.enquiries.models import Enquiry
from councildesk.enquiries.services import enquiry_raise
from tests.enquiries.conftest import LONDON, cast_for

PROFILES = Path(__file__).resolve().parents[2] / "profiles"


def raised(cast, key="k", subject="Pond"):
    return enquiry_raise(
        actor=cast.councillor, council=cast.council, subject=subject, details="Bench broken", submission_key=key
    )


def answered(cast, key="k"):
    e = raised(cast, key)
    handling.enquiry_assign(actor=cast.head, council=cast.council, pk=e.pk, assignee=cast.officer)
    return handling.enquiry_answer(actor=cast.officer, council=cast.council, pk=e.pk, answer="Fixed on Friday.")


def web(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def test_enquiry_numbers_run_per_council(sandon_cast):
    other = cast_for("mayor-town")
    first, second = raised(sandon_cast, "a"), raised(sandon_cast, "b")
    elsewhere = raised(other, "a")
    assert (first.ref, second.ref, elsewhere.ref) == ("E1", "E2", "E1")
    page = web(sandon_cast.councillor).get(f"/c/{sandon_cast.council.slug}/enquiries/").content.decode()
    assert "E2: Pond" in page
    assert f"E{second.pk + 100}" not in page


def test_follow_up_and_reopen_within_the_window_restart_the_clock(sandon_cast, frozen):
    c = sandon_cast
    e = answered(c)
    assert e.within_target is True
    reopening.enquiry_follow_up(actor=c.councillor, council=c.council, pk=e.pk, text="Which Friday?")
    e.refresh_from_db()
    assert e.status == "answered"
    assert e.notes.filter(kind="followed up").exists()
    # Tuesday 8 December: 5 working days after Monday 30 November is Monday 7 December, so the window has closed.
    frozen.set(dt.datetime(2026, 12, 4, 10, 0, tzinfo=LONDON))
    e = reopening.enquiry_reopen(actor=c.councillor, council=c.council, pk=e.pk, reason="Still broken.")
    assert (e.status, e.clock_start, e.closed_at, e.answer) == ("assigned", dt.date(2026, 12, 4), None, "")
    assert e.response_due > dt.date(2026, 12, 4)
    assert e.next_notice_on is not None
    handling.enquiry_answer(actor=c.officer, council=c.council, pk=e.pk, answer="Replaced today.")
    frozen.set(dt.datetime(2026, 12, 14, 10, 0, tzinfo=LONDON))
    with pytest.raises(ProtocolViolation) as exc:
        reopening.enquiry_reopen(actor=c.councillor, council=c.council, pk=e.pk, reason="Again.")
    assert "within 5 working days" in exc.value.reason
    assert "4 December 2026" in exc.value.reason
    assert exc.value.citations
    assert verify_council(c.council).ok


def test_only_the_raiser_follows_up(sandon_cast):
    c = sandon_cast
    e = answered(c)
    with pytest.raises(ProtocolViolation) as exc:
        reopening.enquiry_follow_up(actor=c.head, council=c.council, pk=e.pk, text="Me too.")
    assert "Only the councillor who raised E1" in exc.value.reason
    with pytest.raises(NotFound):  # another councillor cannot even see it
        reopening.enquiry_reopen(actor=c.other_councillor, council=c.council, pk=e.pk, reason="Me too.")
    response = web(c.head).post(f"/c/{c.council.slug}/enquiries/{e.pk}/do/follow_up/", {"follow_up-text": "Me too."})
    assert response.status_code == 400
    assert "Only the councillor who raised E1" in response.content.decode()


def test_the_reopen_window_is_a_checked_profile_setting(tmp_path):
    text = (PROFILES / "sandon-burston.toml").read_text(encoding="utf-8")
    table = '[enquiries.reopen_window]\nvalue = 0\nunit = "working_days"\n\n'
    path = tmp_path / "council.toml"
    path.write_text(text.replace("[complaints]", table + "[complaints]", 1), encoding="utf-8")
    with pytest.raises(ProfileInvalid) as info:
        load_profile(path)
    assert [p.path for p in info.value.problems] == ["enquiries.reopen_window.value"]
    path.write_text(text.replace("[complaints]", table.replace("0", "10") + "[complaints]", 1), encoding="utf-8")
    assert load_profile(path).enquiries.reopen_window.value == 10


def test_a_refusal_keeps_the_text_and_offers_the_head_officer(sandon_cast):
    c = sandon_cast
    url = f"/c/{c.council.slug}/enquiries/new/"
    form = {
        "category": "information",
        "subject": "Verges on Mill Lane",
        "details": "Please cut them before the fete",
        "submission_key": "k1",
        "addressed_to": str(c.officer.pk),
    }
    response = web(c.councillor).post(url, form)
    text = response.content.decode()
    assert response.status_code == 403
    assert "Please cut them before the fete" in text
    assert 'value="Verges on Mill Lane"' in text
    head = c.council.profile.head_officer_title()
    assert f"Send it to the {head} instead" in text
    assert 'aria-label="Menu"' in text
    carried = {**form, "addressed_to": ""}
    sent = web(c.councillor).post(url, carried, follow=True)
    e = Enquiry.objects.get()
    assert (e.route, e.subject, e.addressed_to) == ("head_officer", "Verges on Mill Lane", None)
    assert "E1 sent" in sent.content.decode()


def test_timeline_lists_and_pickers(sandon_cast):
    c = sandon_cast
    e = raised(c)
    handling.enquiry_set_priority(actor=c.head, council=c.council, pk=e.pk, priority=2)
    page = web(c.head).get(f"/c/{c.council.slug}/enquiries/{e.pk}/").content.decode()
    assert "Priority changed" in page
    assert "from normal to urgent" in page
    assert '<option value="" selected>Choose an officer</option>' in page
    assert "closures:" not in page
    assert "Counted on England bank holidays" in page
    handling.enquiry_answer(actor=c.head, council=c.council, pk=e.pk, answer="Done.")
    raised(c, "k2", subject="Streetlight")
    listing = web(c.councillor).get(f"/c/{c.council.slug}/enquiries/?show=answered&q=pond").content.decode()
    assert "E1: Pond" in listing
    assert "Streetlight" not in listing
    assert "within target" in listing


def test_the_api_list_404_names_the_scopes_you_may_use(sandon_cast):
    c = sandon_cast
    _, key = token_issue(actor=c.head, name="t", days=30)
    response = Client().get(
        f"/api/v1/councils/{c.council.slug}/enquiries?scope=mine", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 404
    assert "scope=queue" in response.json()["message"]


def test_the_api_docs_work_offline(db):
    page = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page
