"""What a page says once an enquiry is closed: the day it was answered and whether that was within target, in
the council's working days; and the sweep's notices name the council's own enquiry number."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from councildesk.api.tokens import token_issue
from councildesk.calendars.working_days import Calendar
from councildesk.enquiries import clock, handling, sweep
from councildesk.enquiries.models import Enquiry
from councildesk.enquiries.services import enquiry_raise
from councildesk.notifications.models import Notification

from .test_issue13 import web

ENGLAND = Calendar.for_nation("england")
FRI_4_DEC = dt.date(2026, 12, 4)


def test_within_target_on_the_due_day_and_before():
    for day in (FRI_4_DEC, dt.date(2026, 12, 1)):
        text = clock.outcome(closed_on=day, due=FRI_4_DEC, unit="working_days", declined=False, calendar=ENGLAND)
        assert text == f"Answered on {day.day} December 2026, within target"


def test_late_counts_the_councils_working_days():
    tue_8 = dt.date(2026, 12, 8)  # Mon 7 and Tue 8 are working days after Fri 4
    text = clock.outcome(closed_on=tue_8, due=FRI_4_DEC, unit="working_days", declined=False, calendar=ENGLAND)
    assert text == "Answered on 8 December 2026, 2 working days late"
    closed = Calendar.for_nation("england", closure_days=[dt.date(2026, 12, 7)])
    text = clock.outcome(closed_on=tue_8, due=FRI_4_DEC, unit="working_days", declined=False, calendar=closed)
    assert text.endswith(", 1 working day late")


def test_a_weekend_answer_after_a_friday_target_is_a_day_late_not_zero():
    sat = dt.date(2026, 12, 5)
    text = clock.outcome(closed_on=sat, due=FRI_4_DEC, unit="working_days", declined=False, calendar=ENGLAND)
    assert text == "Answered on 5 December 2026, 1 day late"


def test_calendar_day_targets_count_days_and_declines_say_so():
    text = clock.outcome(
        closed_on=dt.date(2026, 12, 7), due=FRI_4_DEC, unit="calendar_days", declined=True, calendar=ENGLAND
    )
    assert text == "Declined on 7 December 2026, 3 days late"
    no_target = clock.outcome(closed_on=FRI_4_DEC, due=None, unit="", declined=False, calendar=ENGLAND)
    assert no_target == "Answered on 4 December 2026"


def raised(cast, key="k", subject="Pond"):
    return enquiry_raise(
        actor=cast.councillor, council=cast.council, subject=subject, details="Bench broken", submission_key=key
    )


def test_an_answered_enquiry_shows_its_outcome_on_list_detail_and_api(sandon_cast, frozen):
    c = sandon_cast
    e = raised(c)  # Mon 30 Nov; response due Mon 14 Dec
    frozen.set(dt.datetime(2026, 12, 16, 11, 0, tzinfo=frozen.at.tzinfo))  # Wed 16 Dec: 2 working days late
    handling.enquiry_answer(actor=c.head, council=c.council, pk=e.pk, answer="Done.")
    e = Enquiry.objects.get(pk=e.pk)
    assert e.clock_label == "Answered on 16 December 2026, 2 working days late"
    slug = c.council.slug
    listing = web(c.councillor).get(f"/c/{slug}/enquiries/?show=answered").content.decode()
    assert "Answered on 16 December 2026, 2 working days late" in listing
    detail = web(c.councillor).get(f"/c/{slug}/enquiries/{e.pk}/").content.decode()
    assert "Answered on 16 December 2026, 2 working days late" in detail
    assert "The target was 14 December 2026" in detail
    assert "due Mon" not in detail
    _, key = token_issue(actor=c.councillor, name="t", days=30)
    api = Client().get(f"/api/v1/councils/{slug}/enquiries/{e.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert api["outcome"] == "Answered on 16 December 2026, 2 working days late"


def test_an_open_enquiry_shows_its_target_as_a_long_date(sandon_cast):
    c = sandon_cast
    e = raised(c)
    assert e.clock_label == "due 14 December 2026 (10 working days)"
    page = web(c.councillor).get(f"/c/{c.council.slug}/enquiries/").content.decode()
    assert "due 14 December 2026" in page


@pytest.mark.rule("ENQUIRY_RESPONSE_TARGET")
def test_the_sweeps_notices_name_the_councils_enquiry_number(sandon_cast, district_cast, frozen):
    d = district_cast
    for i in range(3):  # the district's E1-E3 take low primary keys
        raised(d, f"d{i}")
    c = sandon_cast
    e = raised(c)
    assert e.ref == "E1"
    assert e.pk != 1
    frozen.set(dt.datetime(2026, 12, 20, 9, 0, tzinfo=frozen.at.tzinfo))
    sweep.run(frozen.now())
    subjects = list(Notification.objects.filter(council=c.council).values_list("subject", flat=True))
    assert "E1 has not been acknowledged" in subjects
    assert any(s.startswith("Overdue: E1 was due 14 December 2026") for s in subjects)
    assert "E1 is overdue" in subjects
    assert not any(f"E{e.pk} " in s for s in subjects)
