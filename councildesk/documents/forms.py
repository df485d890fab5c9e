"""Forms for the document pages. They check shape only; the services apply the protocol and say why."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from councildesk.people.models import Committee, Person

from . import rules
from .models import Classification, MeetingItem, Need, StatutoryRequest
from .schedule12a import PARAGRAPHS, describe

DATE_HINT = "For example, 4 December 2026."


def _choices(objects: list[Any], label: Any = str) -> list[tuple[str, str]]:
    return [(str(o.pk), label(o)) for o in objects]


class _Classified(forms.Form):
    classification = forms.ChoiceField(label="Classification", choices=Classification.choices, widget=forms.RadioSelect)
    personal_data = forms.BooleanField(
        label="It contains personal data about third parties",
        required=False,
        help_text="Members then need a specific justification to see it, even on its committee.",
    )
    exempt_paragraph = forms.TypedChoiceField(
        label="Schedule 12A paragraph (exempt papers only)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Not exempt")] + [(str(n), describe(n)) for n in PARAGRAPHS],
    )
    exempt_reason = forms.CharField(label="Why it is exempt (exempt papers only)", required=False, max_length=2000)
    restricted_to = forms.CharField(
        label="To whom it is restricted (exempt papers only)", required=False, max_length=300
    )
    public_on = forms.DateField(
        label="Date it becomes public (exempt papers only)", required=False, help_text=DATE_HINT
    )


class UploadForm(_Classified):
    title = forms.CharField(label="Title", max_length=300)
    file = forms.FileField(
        label="File", help_text="PDF, Word (.docx), OpenDocument text, plain text, CSV, PNG or JPEG."
    )
    meeting_item = forms.ChoiceField(label="Agenda item", required=False)
    committee = forms.ChoiceField(label="Committee (when the paper is not for one agenda item)", required=False)

    field_order = ["title", "file", "meeting_item", "committee", "classification", "personal_data"]

    def __init__(self, *args: Any, items: list[MeetingItem], committees: list[Committee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["meeting_item"]).choices = [
            ("", "None"),
            *_choices(items, lambda i: f"{i.committee}: {i}"),
        ]
        cast(forms.ChoiceField, self.fields["committee"]).choices = [("", "None"), *_choices(committees)]


class ReclassifyForm(_Classified):
    reason = forms.CharField(label="Why the classification changes", widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["classification", "personal_data"]


class MeetingItemForm(forms.Form):
    committee = forms.ChoiceField(label="Committee")
    meeting_date = forms.DateField(label="Meeting date", help_text=DATE_HINT)
    item_number = forms.CharField(label="Item number", max_length=20)
    title = forms.CharField(label="Title", max_length=300)

    def __init__(self, *args: Any, committees: list[Committee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["committee"]).choices = _choices(committees)


class RequestForm(forms.Form):
    need = forms.ChoiceField(label="Your need to know", choices=Need.choices, widget=forms.RadioSelect)
    justification = forms.CharField(
        label="Why you need the papers",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="How seeing them is reasonably necessary for your duties as a member. Curiosity is not a need.",
        max_length=5000,
    )
    personal_data_justification = forms.CharField(
        label="If the papers hold personal data about others: your specific justification",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    confidential = forms.BooleanField(
        label="Keep the advice I asked for confidential from other members",
        required=False,
    )
    interest = forms.BooleanField(
        label="I have an interest in this matter under the members' code of conduct",
        help_text="The head officer's advice is then recorded before any paper is released.",
        required=False,
    )

    def __init__(self, *args: Any, confidential: bool = True, interest: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offered only where the council's protocol provides for them (004 10.8 and 10.5(b)).
        if not confidential:
            del self.fields["confidential"]
        if not interest:
            del self.fields["interest"]


class ConsultationForm(forms.Form):
    consultee = forms.ChoiceField(label="Who was consulted")
    advice = forms.CharField(label="Their advice", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args: Any, consultees: list[tuple[str, Person]], title_for: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["consultee"]).choices = [
            (f"{kind}:{p.pk}", f"{p.get_full_name() or p.username} ({title_for(kind)})") for kind, p in consultees
        ]


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision", choices=[("grant", "Grant"), ("refuse", "Refuse")], widget=forms.RadioSelect
    )
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    grounds = forms.MultipleChoiceField(
        label="Grounds for refusing (refusals only)",
        required=False,
        choices=[(key, text) for key, (text, _) in rules.REFUSAL_GROUNDS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(
        label="Purpose limitation (grants only)",
        required=False,
        help_text="The papers may be used for this purpose only.",
        max_length=2000,
    )
    expires_on = forms.DateField(label="Access ends on (grants only)", required=False, help_text=DATE_HINT)


class ChallengeForm(forms.Form):
    grounds = forms.CharField(
        label="Why the decision is wrong", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class OnwardForm(forms.Form):
    source = forms.ChoiceField(label="Papers released to")
    recipient = forms.ChoiceField(label="Pass them to")
    equal_need = forms.BooleanField(
        label="This councillor has an equal need to know",
        required=False,
        help_text="Whether or not you tick this, the first councillor is told.",
    )
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args: Any, sources: list[Any], recipients: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["source"]).choices = _choices(
            sources, lambda g: g.person.get_full_name() or g.person.username
        )
        cast(forms.ChoiceField, self.fields["recipient"]).choices = _choices(
            recipients, lambda p: p.get_full_name() or p.username
        )


class StatutoryForm(forms.Form):
    regime = forms.ChoiceField(label="Regime", widget=forms.RadioSelect)
    description = forms.CharField(
        label="The information you ask for", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )

    def __init__(self, *args: Any, scotland: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        R = StatutoryRequest.Regime
        first = R.FOISA if scotland else R.FOI
        cast(forms.ChoiceField, self.fields["regime"]).choices = [(r.value, r.label) for r in (first, R.EIR)]
        self.fields["regime"].help_text = (
            "An EIR request may later be extended for complex or voluminous information: that is the council's "
            "decision, not part of your request."
        )
