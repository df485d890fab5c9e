"""Forms for the declaration pages. They check shape only; the services apply the protocol and say why."""

from __future__ import annotations

from django import forms

from councildesk.people.models import Person

from . import rules


class DeclareForm(forms.Form):
    counterpart = forms.ChoiceField(
        label="Who are you connected to?",
        required=False,
        help_text="An officer declares a connection with a councillor; a councillor with an officer.",
    )
    nature = forms.ChoiceField(
        label="What kind of connection is it?", choices=list(rules.NATURE_LABELS.items()), widget=forms.RadioSelect
    )
    details = forms.CharField(
        label="Details (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=rules.MAX_DETAILS,
        help_text="For example, how you are related, or the business you share.",
    )
    submission_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: object, people: list[Person], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["counterpart"].choices = [  # type: ignore[attr-defined]
            ("", "Choose a person"),
            *[(str(p.pk), str(p)) for p in people],
        ]


class EndForm(forms.Form):
    reason = forms.CharField(
        label="Why has the connection ended?", widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000
    )
