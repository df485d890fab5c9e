"""Forms for the press and media pages. Choices come from the council's own profile, people and structure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from councildesk.people.models import Committee, Person, Ward

from .models import MediaContact

DATE_HINT = "For example, 4 December 2026."


def _set(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class ReleaseForm(forms.Form):
    title = forms.CharField(label="Headline", max_length=200)
    body = forms.CharField(label="Text of the release", widget=forms.Textarea(attrs={"rows": 10}))


class SubmitForm(forms.Form):
    override_reason = forms.CharField(
        label="Reason for keeping the wording (only if the check flagged it)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=[("approve", "Approve"), ("refuse", "Refuse")], widget=forms.RadioSelect
    )
    reason = forms.CharField(label="Your reasons", widget=forms.Textarea(attrs={"rows": 3}))
    code_confirmed = forms.BooleanField(
        label="I have checked it against the Code of Recommended Practice on Local Authority Publicity", required=False
    )


class ContactForm(forms.Form):
    outlet = forms.CharField(label="Newspaper, station or journalist", max_length=200)
    subject = forms.CharField(label="What it was about", max_length=200)
    capacity = forms.ChoiceField(label="The capacity you spoke in", widget=forms.RadioSelect)
    approached_by_media = forms.BooleanField(label="The media approached me", required=False)
    consulted = forms.ChoiceField(label="Who you consulted first (to speak for the council)", required=False)
    claims_matter = forms.BooleanField(
        label="The matter may lead to claims from third parties or is an insurance matter", required=False
    )
    occurred_on = forms.DateField(label="Date", help_text=DATE_HINT)
    summary = forms.CharField(
        label="What you said (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, capacities: Sequence[str], consultees: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(MediaContact.Capacity.choices)
        _set(self, "capacity", [(c, str(labels[c])) for c in capacities])
        if consultees:
            _set(self, "consulted", [("", "Nobody"), *[(str(p.pk), str(p)) for p in consultees]])
        else:
            del self.fields["consulted"]


class EnquiryForm(forms.Form):
    outlet = forms.CharField(label="Newspaper, station or journalist", max_length=200)
    subject = forms.CharField(label="What they asked about", max_length=200)
    ward = forms.ChoiceField(label="Ward affected", required=False)
    committee = forms.ChoiceField(label="Committee responsible", required=False)
    contentious = forms.BooleanField(label="Strategic or contentious", required=False)
    policy_comment = forms.BooleanField(
        label="They ask for a view on council policy or a political matter", required=False
    )
    responder = forms.ChoiceField(label="Officer authorised to answer", required=False)

    def __init__(
        self, *args: Any, wards: list[Ward], committees: list[Committee], officers: list[Person], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _set(self, "ward", [("", "None"), *[(str(w.pk), w.name) for w in wards]])
        _set(self, "committee", [("", "None"), *[(str(c.pk), c.name) for c in committees]])
        _set(self, "responder", [("", "Not named yet"), *[(str(p.pk), str(p)) for p in officers]])


class AnswerForm(forms.Form):
    response = forms.CharField(label="What you told them", widget=forms.Textarea(attrs={"rows": 4}))


class SpokespersonForm(forms.Form):
    person = forms.ChoiceField(label="Councillor")
    area = forms.CharField(label="Area of expertise", max_length=200)
    resolution = forms.CharField(label="Council resolution (minute reference)", max_length=200)
    start = forms.DateField(label="From", help_text=DATE_HINT)

    def __init__(self, *args: Any, members: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set(self, "person", [(str(p.pk), str(p)) for p in members])
