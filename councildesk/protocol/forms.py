"""Forms for the protocol's own life: record a version, make a draft live, ask and answer a question."""

from __future__ import annotations

from django import forms

from councildesk.core.errors import ValidationFailed


class VersionForm(forms.Form):
    version = forms.CharField(label="Version", max_length=100, help_text="For example, 4 or ‘May 2027 review’")
    approved = forms.DateField(
        label="Date the council approved it", required=False, help_text="For example, 4 December 2026"
    )
    minute_ref = forms.CharField(
        label="Minute reference of the approving meeting",
        max_length=200,
        required=False,
        help_text="Needed before the version can go live",
    )
    change = forms.CharField(label="What changed", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    next_review = forms.DateField(label="Next review date", required=False, help_text="For example, 4 December 2027")
    go_live = forms.ChoiceField(
        label="Is this version in force?",
        choices=[
            ("live", "Yes: the council approved it and the minute is recorded"),
            ("draft", "No: save it as a draft"),
        ],
        widget=forms.RadioSelect,
        initial="live",
    )


class PublishForm(forms.Form):
    approved = forms.DateField(label="Date the council approved it", help_text="For example, 4 December 2026")
    minute_ref = forms.CharField(label="Minute reference of the approving meeting", max_length=200)


class QuestionForm(forms.Form):
    question = forms.CharField(label="Your question about the protocol", widget=forms.Textarea(attrs={"rows": 5}))
    clause = forms.CharField(
        label="Clause it is about", max_length=200, required=False, help_text="For example, 5.4 or 10.3(b)"
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Your answer", widget=forms.Textarea(attrs={"rows": 5}))


def apply_problems(form: forms.Form, exc: ValidationFailed) -> None:
    for field, problem in (exc.problems or {}).items():
        form.add_error(field if field in form.fields else None, problem)
    if not exc.problems:
        form.add_error(None, exc.message)
