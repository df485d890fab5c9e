"""Forms for the delegated decision pages. They check shape only; the services apply the protocol and say why."""

from __future__ import annotations

from django import forms

from councildesk.people.models import Committee, Person

from . import rules
from .models import Authority, Remit


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


class ResolutionForm(forms.Form):
    committee = forms.ChoiceField(label="Who decided?", required=False)
    remit = forms.ChoiceField(
        label="Which item of the committee's terms of reference does it fall under?",
        required=False,
        help_text="Leave blank for a decision of the full council.",
    )
    title = forms.CharField(
        label="What was decided?", max_length=rules.MAX_TITLE, error_messages={"required": "Enter what was decided"}
    )
    text = forms.CharField(
        label="The resolution",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=rules.MAX_TEXT,
        error_messages={"required": "Enter the resolution"},
    )
    minute_ref = forms.CharField(
        label="Minute reference", max_length=rules.MAX_REF, error_messages={"required": "Enter the minute reference"}
    )
    officer_advice = forms.CharField(
        label="The advice officers gave",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=rules.MAX_TEXT,
        error_messages={"required": "Enter the advice officers gave, or say that none was given"},
        help_text="Members decide, having regard to this advice. If none was given, say so.",
    )
    follows_advice = forms.TypedChoiceField(
        label="Does the decision follow the officers' advice?",
        choices=[("yes", "Yes"), ("no", "No, it departs from it")],
        coerce=lambda v: v == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the decision follows the officers' advice"},
    )
    departure_reasons = forms.CharField(
        label="The members' reasons for departing from the advice",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=rules.MAX_TEXT,
        required=False,
    )
    submission_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: object, committees: list[Committee], remits: list[Remit], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["committee"].choices = [  # type: ignore[attr-defined]
            ("", "The full council"),
            *[(str(c.pk), c.name) for c in committees],
        ]
        self.fields["remit"].choices = [  # type: ignore[attr-defined]
            ("", "Not a committee decision"),
            *[(str(r.pk), f"{r.committee}: {r}") for r in remits],
        ]


class RemitForm(forms.Form):
    committee = forms.ChoiceField(label="Committee", error_messages={"required": "Choose the committee"})
    ref = forms.CharField(
        label="Reference",
        max_length=rules.MAX_REF,
        error_messages={"required": "Enter the reference"},
        help_text="For example, 'ToR 3'.",
    )
    text = forms.CharField(
        label="What the committee may decide",
        max_length=300,
        error_messages={"required": "Enter what the committee may decide"},
    )

    def __init__(self, *args: object, committees: list[Committee], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["committee"].choices = [("", "Choose"), *[(str(c.pk), c.name) for c in committees]]  # type: ignore[attr-defined]


class QuestionForm(forms.Form):
    question = forms.CharField(
        label="What would you like explained?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=rules.MAX_TEXT,
        error_messages={"required": "Say what you would like explained"},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="The guidelines you used",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=rules.MAX_TEXT,
        error_messages={"required": "Explain the guidelines you used"},
    )
