"""Forms for the complaint pages. They check shape only; the services apply the protocol and say why."""

from __future__ import annotations

from django import forms

from councildesk.people.models import Person


def _people(people: list[Person]) -> list[tuple[str, str]]:
    return [(str(p.pk), str(p)) for p in people]


class RaiseForm(forms.Form):
    kind = forms.ChoiceField(label="What is it?", widget=forms.RadioSelect)
    subject = forms.ChoiceField(
        label="Who is it about?",
        required=False,
        help_text="Only people who hold a role at this council are listed.",
    )
    summary = forms.CharField(label="Summary", max_length=200, help_text="One line. Handlers see it in their list.")
    details = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 8}), max_length=10_000)
    submission_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: object, kinds: list[tuple[str, str]], people: list[Person], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["subject"].choices = [("", "Nobody in particular"), *_people(people)]  # type: ignore[attr-defined]


class InformalForm(forms.Form):
    resolved = forms.TypedChoiceField(
        label="Did the informal step resolve it?",
        choices=[("no", "No, it is not resolved"), ("yes", "Yes, it is resolved")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000)


class FormalForm(forms.Form):
    reason = forms.CharField(
        label="Why the formal route is needed", widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000
    )
    bypass = forms.BooleanField(
        label="An informal step is plainly inappropriate (for example, the concern is serious)", required=False
    )


class MediationForm(forms.Form):
    mediator = forms.ChoiceField(label="Mediator or independent adviser", widget=forms.RadioSelect)
    note = forms.CharField(label="What was asked of them", widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000)

    def __init__(self, *args: object, mediators: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["mediator"].choices = [(m, m) for m in mediators]  # type: ignore[attr-defined]


class PanelForm(forms.Form):
    members = forms.MultipleChoiceField(label="Panel members", widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: object, people: list[Person], hint: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["members"].choices = _people(people)  # type: ignore[attr-defined]
        self.fields["members"].help_text = hint


class DecideForm(forms.Form):
    decision = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000)
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000)
    close = forms.BooleanField(label="This decision closes the complaint", required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000)

    def __init__(self, *args: object, label: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["reason"].label = label
