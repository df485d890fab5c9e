"""Forms for pre-election periods."""

from __future__ import annotations

from django import forms

from .models import PreElectionPeriod


class PeriodForm(forms.Form):
    title = forms.CharField(label="Poll", max_length=200, help_text="For example, “Town council elections”.")
    kind = forms.ChoiceField(label="Kind of poll", choices=PreElectionPeriod.Kind.choices, widget=forms.RadioSelect)
    poll_date = forms.DateField(label="Polling day", help_text="For example, 6 May 2027.")
    notice_date = forms.DateField(
        label="Notice of election published (optional)",
        required=False,
        help_text="Leave empty to use the last day the law allows, worked out from polling day.",
    )
