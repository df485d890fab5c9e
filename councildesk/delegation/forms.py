"""Forms for the delegated decision pages. They check shape only; the services apply the protocol and say why."""

from __future__ import annotations

from django import forms

from councildesk.people.models import Person

from . import rules
from .models import Authority


class DecisionForm(forms.Form):
    authority = forms.ChoiceField(
        label="Which delegated authority does this decision rely on?",
        required=False,
        help_text="The entry in the scheme of delegation that you hold.",
    )
    title = forms.CharField(label="What was decided?", max_length=rules.MAX_TITLE, required=False)
    summary = forms.CharField(
        label="Summary of the decision",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=rules.MAX_TEXT,
        help_text="Every councillor is told of it. If published, it appears on the public transparency page: do "
        "not include anyone's personal data.",
    )
    rationale = forms.CharField(
        label="Reasons for the decision",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=rules.MAX_TEXT,
        help_text="So that the decision can be accounted for. Not published.",
    )
    consultee = forms.ChoiceField(
        label="Chair consulted (if the authority is exercised in consultation with the chair)",
        required=False,
        help_text="The decision and the responsibility for it remain yours.",
    )
    minute_ref = forms.CharField(
        label="Minute or resolution reference (optional)",
        required=False,
        max_length=rules.MAX_REF,
        help_text="Needed before the decision can be implemented.",
    )
    published = forms.BooleanField(label="Publish on the transparency page", required=False, initial=True)
    submission_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: object, authorities: list[Authority], chairs: list[Person], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["authority"].choices = [  # type: ignore[attr-defined]
            ("", "Choose an authority"),
            *[(str(a.pk), str(a)) for a in authorities],
        ]
        self.fields["consultee"].choices = [  # type: ignore[attr-defined]
            ("", "No chair consulted"),
            *[(str(p.pk), str(p)) for p in chairs],
        ]


class ImplementForm(forms.Form):
    minute_ref = forms.CharField(
        label="Minute or resolution reference",
        required=False,
        max_length=rules.MAX_REF,
        help_text="The minute or resolution that properly approves this decision, for example 'Minute 42/26'.",
    )
