"""Guidance the complaint form shows at the moment it matters, each with the council's own clause. These rules ask
for judgement rather than a check the product can make, so they are shown, not enforced; where a council's
protocol is silent nothing is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core.errors import Citation
from councildesk.councils.profiles.schema import Profile

from . import rules


@dataclass(frozen=True)
class Guidance:
    text: str
    citations: list[Citation]


@implements(R.COMPLAINTS_OFFICER_NOT_RAISE_COLLEAGUE_MATTERS_WITH_COUNCILLORS)
def _colleague_matters(profile: Profile) -> Guidance | None:
    citations = profile.cite(R.COMPLAINTS_OFFICER_NOT_RAISE_COLLEAGUE_MATTERS_WITH_COUNCILLORS)
    if not citations:
        return None
    return Guidance(
        "Officers do not raise with a councillor the conduct or capability of another councillor or officer, or "
        "the internal management of the council, except through these routes. A concern about a colleague goes to "
        "your line manager or through the grievance procedure.",
        citations,
    )


@implements(R.COMPLAINTS_USUAL_PROCEDURES_PRESERVED)
def _usual_procedures(profile: Profile) -> Guidance | None:
    citations = profile.cite(R.COMPLAINTS_USUAL_PROCEDURES_PRESERVED)
    if not citations:
        return None
    return Guidance(
        "These routes do not take away your right to use the council's usual procedures where they apply. A Code "
        "of Conduct allegation and a whistleblowing concern can always be raised here, whatever else is open.",
        citations,
    )


@implements(R.COMPLAINTS_INFORMAL_ATTEMPT_BEFORE_CODE_ALLEGATION)
def _informal_before_allegation(profile: Profile) -> Guidance | None:
    citations = profile.cite(R.COMPLAINTS_INFORMAL_ATTEMPT_BEFORE_CODE_ALLEGATION)
    if not citations:
        return None
    return Guidance(
        "The council may try to resolve a concern about a councillor informally. Once it is a formal written "
        "allegation that the Code of Conduct was breached, it goes to the Monitoring Officer of the principal "
        "council in the first instance, and the informal track ends.",
        citations,
    )


def for_form(profile: Profile, party: str | None) -> list[Guidance]:
    """What the complaint form shows this person."""
    shown = [_usual_procedures(profile), _informal_before_allegation(profile)]
    if party in (rules.OFFICER, rules.CLERK):
        shown.insert(0, _colleague_matters(profile))
    return [g for g in shown if g is not None]
