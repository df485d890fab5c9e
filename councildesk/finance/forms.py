"""Forms for the finance pages. They check shape only; the services apply the protocol and say why."""

from __future__ import annotations

from django import forms

from councildesk.people.models import Person

from . import rules


class CommitmentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=list(rules.KIND_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a payment or a contract"},
    )
    payee = forms.CharField(
        label="Who is paid, or who is the contract with?",
        max_length=rules.MAX_PAYEE,
        error_messages={"required": "Enter who is paid, or who the contract is with"},
    )
    amount = forms.CharField(
        label="Amount, in pounds",
        max_length=20,
        error_messages={"required": "Enter the amount in pounds"},
        help_text="For example, 125.50",
    )
    description = forms.CharField(
        label="What is it for?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=rules.MAX_TEXT,
        error_messages={"required": "Say what it is for"},
    )
    minute_ref = forms.CharField(
        label="Minute of the council or committee decision",
        max_length=rules.MAX_REF,
        required=False,
        help_text="For example, 'Minute 42/26'. Leave blank if you act under delegated authority.",
    )
    delegated_ref = forms.CharField(
        label="Or: your delegated authority",
        max_length=rules.MAX_REF,
        required=False,
        help_text="The entry in the scheme of delegation you act under, for example 'SD 4'.",
    )
    submission_key = forms.CharField(widget=forms.HiddenInput)


class SignatoryForm(forms.Form):
    person = forms.ChoiceField(label="Who did the council appoint?", error_messages={"required": "Choose a person"})
    minute_ref = forms.CharField(
        label="Minute of the resolution that appointed them",
        max_length=rules.MAX_REF,
        error_messages={"required": "Enter the minute of the resolution that appointed them"},
        help_text="Signatories are appointed formally, by a resolution of the council.",
    )

    def __init__(self, *args: object, people: list[Person], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["person"].choices = [("", "Choose a person"), *[(str(p.pk), str(p)) for p in people]]  # type: ignore[attr-defined]
