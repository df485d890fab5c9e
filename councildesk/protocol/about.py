"""What a protocol says about itself: whom it covers and what its words mean, the codes and procedures it sits
beside, and whether any version carries a date that puts it in force. Read from the profile and the recorded
versions; shown on the protocol page with the council's own clauses.
"""

from __future__ import annotations

from dataclasses import dataclass

from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core.errors import Citation
from councildesk.councils.profiles.schema import Profile, RelatedInstrument

from .models import ProtocolVersion


@dataclass(frozen=True)
class Terms:
    words: list[tuple[str, str]]  # (the protocol's word, what it means at this council)
    citations: list[Citation]


@implements(
    R.PROTOCOL_SCOPE_AND_TERMINOLOGY,
    silent="baseline",
    baseline="the product shows how the protocol's words map to the council's posts wherever the profile records it",
)
def terms_for(profile: Profile) -> Terms:
    """The protocol's own words for people and posts, mapped to this council's (000 INTRODUCTION; 001 1.1;
    002 1.2; 003 1.1). The role titles complete the picture: they are what every page calls each post."""
    words = sorted(profile.roles.terminology.items(), key=lambda kv: kv[0].lower())
    return Terms(words, profile.cite(R.PROTOCOL_SCOPE_AND_TERMINOLOGY) if words else [])


@implements(R.PROTOCOL_RELATED_INSTRUMENTS)
def related_for(profile: Profile) -> tuple[list[RelatedInstrument], list[Citation]]:
    """The codes and procedures the protocol supplements or overlaps, and the model it came from (000
    INTRODUCTION ¶3-4; 002 1.1, 1.4, 1.5; 004 INTRODUCTION, 1.6). Only where the protocol names them."""
    if not profile.adopts(R.PROTOCOL_RELATED_INSTRUMENTS):
        return [], []
    return list(profile.protocol.related), profile.cite(R.PROTOCOL_RELATED_INSTRUMENTS)


@dataclass(frozen=True)
class DateWarning:
    message: str
    citations: list[Citation]


@implements(
    R.PROTOCOL_EFFECTIVE_DATE_PRESENT,
    silent="baseline",
    baseline="the product warns the Clerk when no version of the protocol carries a date that puts it in force",
)
def effective_date_warning(profile: Profile, in_force: ProtocolVersion | None) -> DateWarning | None:
    """002 DATE OF ISSUE: both printed dates are struck through, so no text is clearly in force. Any council
    whose recorded versions carry no approval date in force gets the same warning, so the Clerk can confirm
    which text applies and record it with its minute."""
    if in_force is not None and in_force.approved is not None:
        return None
    return DateWarning(
        message=(
            "No version of this protocol carries a date of issue or adoption that is in force. Confirm which text "
            "the council is working to, and record that version with the minute that approved it."
        ),
        citations=profile.cite(R.PROTOCOL_EFFECTIVE_DATE_PRESENT),
    )
