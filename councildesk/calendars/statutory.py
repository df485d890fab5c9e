"""Statutory response deadlines: FOI, FOISA, EIR and subject access requests.

Pure. A statutory clock ignores council closure days: only weekends and the bank holidays the statute names
stop it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from .working_days import REGIONS, Calendar, Deadline, Region, Unit, deadline


class Regime(StrEnum):
    FOI = "foi"
    FOISA = "foisa"
    EIR = "eir"
    EIR_EXTENDED = "eir_extended"
    SAR = "sar"


@dataclass(frozen=True)
class RegimeRule:
    label: str
    statute: str
    description: str
    value: int
    unit: Unit


_UK_WIDE = Calendar.uk_wide()
_NATIONS: Mapping[Region, Calendar] = MappingProxyType({r: Calendar.for_nation(r) for r in REGIONS})

RULES: Mapping[Regime, RegimeRule] = MappingProxyType(
    {
        Regime.FOI: RegimeRule(
            "Freedom of Information request",
            "FOIA 2000 s.10",
            "Answer promptly and by the 20th working day after receipt. A working day is not a weekend or a bank "
            "holiday in any part of the UK (s.10(6)).",
            20,
            "working_days",
        ),
        Regime.FOISA: RegimeRule(
            "Freedom of Information (Scotland) request",
            "FOISA 2002 s.10",
            "Answer promptly and by the 20th working day after receipt. Only Scotland's bank holidays stop the "
            "clock (s.73).",
            20,
            "working_days",
        ),
        Regime.EIR: RegimeRule(
            "Environmental information request",
            "EIR 2004 reg 5(2)",
            "Make the information available as soon as possible and by the 20th working day after receipt, "
            "counting working days as the FOI Act does.",
            20,
            "working_days",
        ),
        Regime.EIR_EXTENDED: RegimeRule(
            "Environmental information request, extended",
            "EIR 2004 reg 7(1)",
            "Up to 40 working days after receipt, where the request is so complex and voluminous that 20 are not "
            "enough; the requester must be told within the first 20.",
            40,
            "working_days",
        ),
        Regime.SAR: RegimeRule(
            "Subject access request",
            "UK GDPR Art. 12(3)",
            "Respond without undue delay and within one calendar month of receipt: the same date next month, or "
            "that month's last day if it is shorter, moved to the next working day if it falls on a weekend or "
            "bank holiday.",
            1,
            "calendar_months",
        ),
    }
)
REGIME_LABELS: Mapping[Regime, str] = MappingProxyType({r: rule.label for r, rule in RULES.items()})
REGIME_STATUTES: Mapping[Regime, str] = MappingProxyType({r: rule.statute for r, rule in RULES.items()})
REGIME_DESCRIPTIONS: Mapping[Regime, str] = MappingProxyType({r: rule.description for r, rule in RULES.items()})


def statutory_calendar(regime: Regime, nation: Region) -> Calendar:
    """The working days that ``regime``'s clock counts, for a council in ``nation``."""
    if regime is Regime.FOISA:
        return _NATIONS["scotland"]
    if regime is Regime.SAR:
        return _NATIONS[nation]
    return _UK_WIDE


def statutory_deadline(regime: Regime, received: dt.date, nation: Region) -> Deadline:
    """When a ``regime`` request received on ``received`` by a council in ``nation`` must be answered."""
    rule = RULES[Regime(regime)]
    return deadline(received, rule.value, rule.unit, statutory_calendar(Regime(regime), nation))


def regimes_for(nation: Region) -> tuple[Regime, ...]:
    """The regimes that apply to a council in ``nation``: Scottish councils answer under FOISA, not the FOI Act."""
    first = Regime.FOISA if nation == "scotland" else Regime.FOI
    return (first, Regime.EIR, Regime.EIR_EXTENDED, Regime.SAR)
