"""Forms for the Clerk's decisions on a held email."""

from __future__ import annotations

from typing import Any

from django import forms

from councildesk.people.models import Person


class EnquiryForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput(), initial="enquiry", required=False)
    councillor = forms.TypedChoiceField(
        label="Which councillor is the enquiry from?",
        coerce=int,
        help_text="The enquiry is raised in their name and routed as the council's protocol says.",
        error_messages={"required": "Choose the councillor the enquiry is from"},
    )

    def __init__(self, *args: Any, councillors: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a councillor")] + [(p.pk, p.get_full_name() or p.username) for p in councillors]
        self.fields["councillor"].choices = choices  # type: ignore[attr-defined]


class RejectForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput(), initial="reject", required=False)
    reason = forms.CharField(
        label="Why is this email rejected?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The email is kept with your reason; it is not deleted.",
        error_messages={"required": "Enter why the email is rejected"},
    )
