"""The calculator's GET form. Its checks are the selectors' own, so the page and the API refuse the same input."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from councildesk.core.errors import ValidationFailed

from .selectors import EARLIEST, LATEST, NO_RECEIVED, NO_REGIME, DeadlineOption, option_for, parse_received


class CalculatorForm(forms.Form):
    regime = forms.CharField(
        label="What are you timing?", widget=forms.RadioSelect, error_messages={"required": NO_REGIME}
    )
    received = forms.CharField(
        label="Date received",
        error_messages={"required": NO_RECEIVED},
        help_text="For example, 21 December 2026. The day it arrived does not count: day 1 is the next one.",
        widget=forms.DateInput(attrs={"type": "date", "min": EARLIEST.isoformat(), "max": LATEST.isoformat()}),
    )

    def __init__(self, options: list[DeadlineOption], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = options
        self.fields["regime"].widget.choices = [(o.key, f"{o.label}: {o.period} ({o.source})") for o in options]

    def clean_regime(self) -> str:
        key: str = self.cleaned_data["regime"]
        try:
            return option_for(self.options, key).key
        except ValidationFailed as e:
            raise forms.ValidationError(e.problems["regime"]) from None

    def clean_received(self) -> dt.date:
        try:
            return parse_received(self.cleaned_data["received"])
        except ValidationFailed as e:
            raise forms.ValidationError(e.problems["received"]) from None
