"""The deadline calculator page: the due date, the calendar, and every skipped day with its reason."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from councildesk.core import clock

from .conftest import reshape

URL = "/c/sandon-burston/deadlines/"


def _rows(html: str) -> list[tuple[str, str]]:
    body = html.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', body, re.S)
    return list(zip(cells[::2], cells[1::2], strict=True))


def test_foi_over_christmas_lists_every_skipped_day_and_its_reason(signed_in):
    response = signed_in.get(URL, {"regime": "foi", "received": "2026-12-21"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "due Fri 22 Jan 2027 (20 working days)" in html
    assert "Friday 22 January 2027" in html
    assert "FOIA 2000 s.10" in html
    assert "Bank holidays anywhere in the UK" in html
    assert "england+wales+scotland+northern_ireland|closures:0:" in html
    rows = _rows(html)
    assert rows[:5] == [
        ("Fri 25 Dec 2026", "Bank holiday (UK-wide): Christmas Day"),
        ("Sat 26 Dec 2026", "Saturday"),
        ("Sun 27 Dec 2026", "Sunday"),
        ("Mon 28 Dec 2026", "Bank holiday (UK-wide): Boxing Day (observed)"),
        ("Fri 1 Jan 2027", "Bank holiday (UK-wide): New Year&#x27;s Day"),
    ]
    assert ("Mon 4 Jan 2027", "Bank holiday (Scotland): New Year Holiday (observed)") in rows
    assert len(rows) == 12
    assert "12 days skipped" in html


def test_the_empty_form_offers_the_regimes_and_todays_date(signed_in, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 5, 6))
    response = signed_in.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2026-05-06"' in html
    assert 'type="date"' in html
    for key in ("foi", "eir", "eir_extended", "sar"):
        assert f'value="{key}"' in html
    assert 'value="foisa"' not in html  # an English council answers under the FOI Act
    assert "(optional)" not in html  # both questions must be answered
    assert "There is a problem" not in html
    assert "govuk-table" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"regime": "nonsense", "received": "2026-12-21"}, "Choose one of the listed request types or targets"),
        ({"regime": "foi", "received": "21/12/2026"}, "Enter the date it was received as a real date"),
        ({"regime": "foi", "received": "2026-02-30"}, "Enter the date it was received as a real date"),
        ({"regime": "foi", "received": "1989-12-31"}, "between 1 January 1990 and 31 December 2100"),
        ({"regime": "foi", "received": "2101-01-01"}, "between 1 January 1990 and 31 December 2100"),
        ({"regime": "", "received": ""}, "Choose what to calculate"),
        ({"regime": "<script>", "received": "9" * 500}, "Enter the date it was received as a real date"),
    ],
)
def test_bad_input_gets_an_error_summary_never_a_server_error(signed_in, query, message):
    response = signed_in.get(URL, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'class="govuk-error-summary"' in html
    assert message in html
    assert "<script>" not in html
    assert "govuk-table" not in html


def test_the_councils_own_targets_show_their_clause_or_say_the_council_set_them(signed_in, sandon):
    reshape(
        sandon,
        targets={
            "enquiry_acknowledgement": {"value": 2, "unit": "working_days"},
            "enquiry_response": {"value": 7, "unit": "calendar_days", "clause": "3.5"},
        },
        closure_days=["2026-12-29", "2026-12-30"],
    )
    html = signed_in.get(URL).content.decode()
    assert "Answering a councillor&#x27;s enquiry: 7 calendar days (clause 3.5)" in html
    assert "set by the council, not in the protocol text" in html
    assert 'value="complaint_response"' not in html  # not set, so not offered

    ack = signed_in.get(URL, {"regime": "enquiry_acknowledgement", "received": "2026-12-24"}).content.decode()
    assert "due Mon 4 Jan 2027 (2 working days)" in ack  # 31 Dec is day 1, 1 Jan a holiday
    assert "England bank holidays + 2 council closure days" in ack
    assert ("Tue 29 Dec 2026", "Council closure day") in _rows(ack)

    week = signed_in.get(URL, {"regime": "enquiry_response", "received": "2026-12-21"}).content.decode()
    assert "due Mon 28 Dec (7 calendar days)" in week
    assert "Calendar days count as they fall" in week
    assert "every day counts and the date is never moved" in week


def test_a_scottish_council_times_requests_under_foisa(signed_in, sandon):
    reshape(sandon, nation="scotland")
    html = signed_in.get(URL, {"regime": "foisa", "received": "2026-11-27"}).content.decode()
    assert "FOISA 2002 s.10" in html
    assert ("Mon 30 Nov 2026", "Bank holiday (Scotland): Saint Andrew&#x27;s Day") in _rows(html)
    assert signed_in.get(URL, {"regime": "foi", "received": "2026-11-27"}).status_code == 400


def test_the_council_home_page_links_to_the_calculator(signed_in):
    assert URL in signed_in.get("/c/sandon-burston/").content.decode()
