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


class AppointmentForm(forms.Form):
    post = forms.CharField(label="The post", max_length=200, error_messages={"required": "Enter the post"})
    criteria = forms.CharField(
        label="The merit criteria, one a line",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        error_messages={"required": "Publish the merit criteria, one a line"},
        help_text="Published before anyone is appointed: merit is the sole criterion.",
    )
    specified_post = forms.BooleanField(
        label="The council has specified this post for appointment by members",
        required=False,
        initial=True,
        help_text="If not, members do not sit on the panel: officers make the appointment.",
    )


class SeatForm(forms.Form):
    no_canvassing = forms.BooleanField(
        label="I have not canvassed, and will not canvass, support for any candidate", required=False
    )
    no_friend_or_relative = forms.BooleanField(
        label="No candidate is a close friend or relative of mine", required=False
    )


class CandidateForm(forms.Form):
    name = forms.CharField(label="Candidate's name", max_length=200, required=False)
    person = forms.ChoiceField(
        label="Or: an internal candidate who already works here",
        required=False,
        help_text="Linked, so that declared connections are checked.",
    )

    def __init__(self, *args: object, people: list[Person], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["person"].choices = [("", "Not an internal candidate"), *[(str(p.pk), str(p)) for p in people]]  # type: ignore[attr-defined]


class InformationForm(forms.Form):
    text = forms.CharField(
        label="Information about the post",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        error_messages={"required": "Enter the information to give the candidates"},
        help_text="It goes to every candidate: information is never given to one alone.",
    )


class AdviceForm(forms.Form):
    to = forms.ChoiceField(
        label="Who would you like to ask?", widget=forms.RadioSelect, error_messages={"required": "Choose who to ask"}
    )
    question = forms.CharField(
        label="Your roles and the conflict you foresee",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        error_messages={"required": "Describe your roles and the conflict you foresee"},
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["to"].choices = choices  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your advice",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        error_messages={"required": "Enter your advice"},
    )


class InterimClerkForm(forms.Form):
    person = forms.ChoiceField(
        label="Which councillor acts as Clerk?", error_messages={"required": "Choose a councillor"}
    )
    starts_on = forms.DateField(
        label="From",
        error_messages={"required": "Enter the date they start acting as Clerk"},
        help_text="For example, 1 3 2026",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ends_on = forms.DateField(
        label="Until",
        error_messages={"required": "Enter the date it ends: acting as Clerk is only ever short-term"},
        help_text="Acting as Clerk is only ever short-term, while the vacancy is filled.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    unpaid = forms.BooleanField(label="They are not paid for acting as Clerk", required=False)
    minute_ref = forms.CharField(
        label="Minute of the council's resolution",
        max_length=80,
        error_messages={"required": "Enter the minute of the council's resolution"},
    )

    def __init__(self, *args: object, people: list[Person], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["person"].choices = [("", "Choose a councillor"), *[(str(p.pk), str(p)) for p in people]]  # type: ignore[attr-defined]
