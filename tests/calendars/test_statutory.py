"""Statutory clocks on known dates: FOI and EIR count UK-wide working days, FOISA Scotland's, SAR a calendar month."""

from __future__ import annotations

import datetime as dt

from councildesk.calendars.statutory import (
    REGIME_DESCRIPTIONS,
    REGIME_LABELS,
    REGIME_STATUTES,
    Regime,
    regimes_for,
    statutory_deadline,
)
from councildesk.calendars.working_days import REGIONS, Calendar

D = dt.date


def test_foi_over_christmas_skips_every_uk_bank_holiday_including_scotlands_observed_new_year():
    due = statutory_deadline(Regime.FOI, D(2026, 12, 21), "england")
    assert due.due == D(2027, 1, 22)
    assert due.label() == "due Fri 22 Jan 2027 (20 working days)"
    assert due.calendar == Calendar.uk_wide().fingerprint
    reasons = {s.day: s.reason for s in due.skipped}
    assert reasons[D(2027, 1, 4)] == "Bank holiday (Scotland): New Year Holiday (observed)"
    assert reasons[D(2026, 12, 25)] == "Bank holiday (UK-wide): Christmas Day"


def test_foi_is_the_same_for_every_nation_and_ignores_the_councils_own_calendar():
    dates = {statutory_deadline(Regime.FOI, D(2026, 12, 21), n).due for n in REGIONS}
    assert dates == {D(2027, 1, 22)}


def test_foisa_counts_only_scottish_holidays_so_st_patricks_day_does_not_stop_it():
    assert statutory_deadline(Regime.FOISA, D(2026, 2, 17), "scotland").due == D(2026, 3, 17)
    assert statutory_deadline(Regime.FOI, D(2026, 2, 17), "england").due == D(2026, 3, 18)


def test_foisa_runs_through_easter_monday_which_is_not_a_scottish_bank_holiday():
    foisa = statutory_deadline(Regime.FOISA, D(2026, 4, 2), "scotland")
    assert foisa.due == D(2026, 5, 1)
    assert foisa.calendar.startswith("scotland|closures:0:")
    assert statutory_deadline(Regime.FOI, D(2026, 4, 2), "scotland").due == D(2026, 5, 5)  # Easter and May Day


def test_eir_is_twenty_working_days_and_extended_is_forty():
    assert statutory_deadline(Regime.EIR, D(2026, 12, 21), "england").due == D(2027, 1, 22)
    extended = statutory_deadline(Regime.EIR_EXTENDED, D(2026, 12, 21), "england")
    assert extended.due == D(2027, 2, 19)
    assert extended.value == 40


def test_sar_on_31_january_runs_to_the_end_of_february_then_the_next_working_day():
    due = statutory_deadline(Regime.SAR, D(2027, 1, 31), "england")
    assert due.due == D(2027, 3, 1)  # 28 Feb 2027 is a Sunday
    assert due.label() == "due Mon 1 Mar (1 calendar month)"
    assert statutory_deadline(Regime.SAR, D(2028, 1, 31), "england").due == D(2028, 2, 29)


def test_sar_moves_past_easter_using_the_councils_nation():
    assert statutory_deadline(Regime.SAR, D(2026, 3, 3), "england").due == D(2026, 4, 7)
    assert statutory_deadline(Regime.SAR, D(2026, 3, 3), "scotland").due == D(2026, 4, 6)


def test_scottish_councils_answer_under_foisa_and_others_under_the_foi_act():
    assert regimes_for("scotland")[0] is Regime.FOISA
    assert Regime.FOI not in regimes_for("scotland")
    assert regimes_for("wales") == (Regime.FOI, Regime.EIR, Regime.EIR_EXTENDED, Regime.SAR)


def test_every_regime_has_a_label_a_statute_and_a_description():
    assert set(REGIME_LABELS) == set(REGIME_STATUTES) == set(REGIME_DESCRIPTIONS) == set(Regime)
    assert REGIME_STATUTES[Regime.FOI] == "FOIA 2000 s.10"
    assert REGIME_STATUTES[Regime.SAR] == "UK GDPR Art. 12(3)"
    assert Regime("eir_extended") is Regime.EIR_EXTENDED
