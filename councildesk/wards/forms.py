"""Forms for wards, public meetings, premises visits and resources. Choices come from the council's own wards,
officers and members."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from councildesk.people.models import Person, Ward

from .models import PremisesVisit, PublicMeeting, ResourceLedgerEntry, ResourceRequest, WardMatter

DATE_HINT = "For example, 4 December 2026."


def _people(people: list[Person]) -> list[tuple[str, str]]:
    return [(str(p.pk), str(p)) for p in people]


def _wards(wards: list[Ward]) -> list[tuple[str, str]]:
    return [(str(w.pk), w.name) for w in wards]


class _Form(forms.Form):
    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class MatterForm(_Form):
    title = forms.CharField(label="Matter", max_length=200)
    summary = forms.CharField(label="What the ward members need to know", widget=forms.Textarea(attrs={"rows": 5}))
    trigger = forms.ChoiceField(
        label="Why the ward members are told", choices=WardMatter.Trigger.choices, widget=forms.RadioSelect
    )
    wards = forms.MultipleChoiceField(label="Wards affected", widget=forms.CheckboxSelectMultiple)
    urgent_or_sensitive = forms.BooleanField(
        label="This matter is urgent or sensitive",
        required=False,
        help_text="Its ward members must hear of it before it is made public.",
    )

    def __init__(self, *args: Any, wards: list[Ward], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("wards", _wards(wards))


class MadePublicForm(forms.Form):
    made_public_at = forms.DateTimeField(
        label="When it was made public",
        required=False,
        help_text="For example, 4 December 2026 09:30. Leave empty for now.",
    )


class MeetingForm(_Form):
    kind = forms.ChoiceField(
        label="What you are arranging", choices=PublicMeeting.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label="What it is about", max_length=200)
    held_on = forms.DateField(label="Date", help_text=DATE_HINT)
    venue = forms.CharField(label="Where", max_length=200)
    wards = forms.MultipleChoiceField(label="Wards affected", required=False, widget=forms.CheckboxSelectMultiple)
    council_venue = forms.BooleanField(label="It will be held in council-owned premises", required=False)
    party_political = forms.BooleanField(label="It is arranged on a party-political basis", required=False)
    officer_asked = forms.BooleanField(
        label="Ask for a member of staff to attend",
        required=False,
        help_text="An officer may attend a public meeting but is not obliged to.",
    )

    def __init__(self, *args: Any, wards: list[Ward], council_meeting: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("wards", _wards(wards))
        if council_meeting:
            for name in ("kind", "council_venue", "party_political", "officer_asked"):
                del self.fields[name]
            self.fields["wards"].required = True


class VisitForm(_Form):
    site = forms.CharField(label="Site", max_length=200)
    site_kind = forms.ChoiceField(
        label="Kind of site", choices=PremisesVisit.SiteKind.choices, widget=forms.RadioSelect
    )
    site_ward = forms.ChoiceField(label="Ward the site is in", required=False)
    visit_on = forms.DateField(label="Date of the visit", help_text=DATE_HINT)
    purpose = forms.CharField(label="Purpose of the visit", widget=forms.Textarea(attrs={"rows": 3}))
    officer_in_charge = forms.ChoiceField(label="Manager or officer in charge of the site")
    short_notice_reason = forms.CharField(
        label="Why it cannot be arranged in advance",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only for a visit today.",
    )
    conduct_acknowledged = forms.BooleanField(
        label=(
            "I will follow the site's health and safety, security and workplace rules, and will not interfere with "
            "the services being provided"
        ),
        required=False,
    )

    def __init__(self, *args: Any, wards: list[Ward], officers: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("site_ward", [("", "Not in a ward, or not known"), *_wards(wards)])
        self._choices("officer_in_charge", [("", "Choose an officer"), *_people(officers)])


class ResourceRequestForm(forms.Form):
    kind = forms.ChoiceField(label="What you need", choices=ResourceRequest.Kind.choices, widget=forms.RadioSelect)
    details = forms.CharField(label="Details", widget=forms.Textarea(attrs={"rows": 3}))
    purpose = forms.ChoiceField(
        label="What it is for", choices=ResourceRequest.Purpose.choices, widget=forms.RadioSelect
    )


class LedgerForm(_Form):
    member = forms.ChoiceField(label="Member")
    kind = forms.ChoiceField(label="Kind", choices=ResourceLedgerEntry.Kind.choices, widget=forms.RadioSelect)
    description = forms.CharField(label="What was provided", max_length=200)
    provided_on = forms.DateField(label="Date provided", help_text=DATE_HINT)
    charge = forms.DecimalField(
        label="Charge to the member, in pounds",
        required=False,
        min_value=Decimal("0"),
        max_digits=9,
        decimal_places=2,
    )

    def __init__(self, *args: Any, members: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("member", [("", "Choose a member"), *_people(members)])


class IctForm(forms.Form):
    confirm = forms.BooleanField(label="I have read the council's ICT security rules and will follow them")
