"""Forms for correspondence pages. Choices come from the council's own councillors and officers. There is no
field for a blind copy: everyone chosen is visible to everyone else."""

from __future__ import annotations

from typing import Any

from django import forms

from councildesk.core.forms import MultipleFileField
from councildesk.people.models import Person

from .models import Letter


def _people(people: list[Person]) -> list[tuple[str, str]]:
    return [(str(p.pk), str(p)) for p in people]


class _Form(forms.Form):
    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class ConfidentialMixin(forms.Form):
    confidential = forms.BooleanField(label="Mark this message confidential", required=False)
    confidential_what = forms.CharField(
        label="What is shared in confidence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only if marked confidential.",
    )
    confidential_why = forms.CharField(
        label="Why it is confidential", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ThreadForm(_Form):
    to = forms.MultipleChoiceField(
        label="Who you are writing to",
        widget=forms.CheckboxSelectMultiple,
        help_text="Everyone you choose sees everyone else and every message. There is no blind copy.",
    )
    subject = forms.CharField(label="Subject", max_length=200)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args: Any, people: list[Person], marking: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = _people(people)
        if marking:
            self.fields.update(ConfidentialMixin().fields)


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 6}))
    attachments = MultipleFileField(
        label="Attachments",
        required=False,
        help_text="PDF, Word, ODT, text, CSV, PNG or JPEG. Everyone in the conversation can open them.",
    )

    def __init__(self, *args: Any, marking: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if marking:
            self.fields.update(ConfidentialMixin().fields)


class CopyForm(_Form):
    person = forms.ChoiceField(label="A councillor or officer of the council", required=False)
    external_name = forms.CharField(label="Or someone outside the council: their name", required=False, max_length=200)
    external_email = forms.CharField(label="Their email address (outside the council)", required=False, max_length=254)
    reason = forms.CharField(
        label="Why they should see this conversation",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Shown to the people whose consent is needed, and on the conversation.",
    )

    def __init__(self, *args: Any, people: list[Person], warn: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("person", [("", "Choose someone"), *_people(people)])
        if warn:
            self.fields["reviewed"] = forms.BooleanField(
                label="I have checked everything they will see for personal data and confidential or sensitive content",
                required=False,
            )


class ContactForm(_Form):
    officer = forms.ChoiceField(label="Whose contact details")
    external_name = forms.CharField(label="Who to give them to: their name", max_length=200)
    external_email = forms.CharField(label="Email address to send the details to", max_length=254)
    reason = forms.CharField(label="Why they need them", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "contact")
        super().__init__(*args, **kwargs)
        self._choices("officer", [("", "Choose an officer"), *_people(people)])


class ConsentForm(forms.Form):
    give = forms.TypedChoiceField(
        label="Your answer",
        choices=[("yes", "I consent"), ("no", "I do not consent")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


class LetterForm(_Form):
    recipient_name = forms.CharField(label="To (name)", max_length=200)
    recipient_address = forms.CharField(label="Their address", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    recipient_kind = forms.ChoiceField(label="Who they are", choices=Letter.RecipientKind.choices)
    subject = forms.CharField(label="Subject", max_length=200)
    body = forms.CharField(label="Letter", widget=forms.Textarea(attrs={"rows": 10}))
    signatory = forms.ChoiceField(label="Signed by", help_text="Council letters go out in an officer's name.")
    creates_obligations = forms.BooleanField(
        label="This letter creates obligations or gives instructions on the council's behalf", required=False
    )
    civic_reason = forms.CharField(
        label="Reason for signing as the chair or Mayor",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only where the chair or Mayor signs.",
    )

    def __init__(self, *args: Any, people: list[Person], ward: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("signatory", _people(people))
        if ward:
            self.fields["ward_capacity"] = forms.BooleanField(
                label="Written in an individual capacity as a ward member (the letter says so)", required=False
            )


class CheckRequestForm(_Form):
    checker = forms.ChoiceField(label="Head of Service to check it")

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("checker", [("", "Choose a Head of Service"), *_people(people)])


class CheckedForm(forms.Form):
    note = forms.CharField(label="Your note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
