"""Forms for enquiry pages. They check shape only; the services apply the protocol and report in its words."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.conf import settings

from councildesk.core.forms import MultipleFileField
from councildesk.core.sizes import human_size
from councildesk.councils.models import Council
from councildesk.people.models import Person

from .models import DirectContact, Enquiry
from .rules import categories_offered, decline_reasons


def _set(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    cast(forms.ChoiceField, field).choices = choices


def _person_choices(people: list[Person]) -> list[tuple[str, str]]:
    return [(str(p.pk), p.get_full_name() or p.username) for p in people]


class EnquiryForm(forms.Form):
    category = forms.ChoiceField(label="What is it about?", widget=forms.RadioSelect)
    subject = forms.CharField(label="Subject", max_length=200)
    details = forms.CharField(
        label="Details",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you need and why. Do not include more personal information than the officer needs.",
    )
    ward = forms.ChoiceField(label="Ward", required=False)
    addressed_to = forms.ChoiceField(
        label="Send to a named officer",
        required=False,
        help_text="Leave this empty to send it the normal way. Other staff need the head officer's approval.",
    )
    direct_contact = forms.ChoiceField(
        label="Approved direct contact",
        required=False,
        help_text="An enquiry to an officer other than those above must name the one matter it was approved for.",
    )
    on_behalf_of_constituent = forms.BooleanField(label="I am raising this on behalf of a constituent", required=False)
    requested_by = forms.DateField(
        label="Date you would like an answer by",
        required=False,
        help_text="A request, not a deadline: the head officer sets priorities.",
    )
    attachments = MultipleFileField(
        label="Attachments", required=False, help_text="PDF, Word, ODT, text, CSV, PNG or JPEG."
    )
    submission_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        council: Council,
        wards: list[Any],
        officers: list[Person],
        approvals: Sequence[DirectContact] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set(self.fields["category"], [(c, Enquiry.Category(c).label) for c in categories_offered(council.profile)])
        self.fields["category"].initial = "information"
        if council.profile.features.wards and wards:
            _set(self.fields["ward"], [("", "No particular ward")] + [(str(w.pk), w.name) for w in wards])
        else:
            del self.fields["ward"]
        _set(self.fields["addressed_to"], [("", "Not a named officer"), *_person_choices(officers)])
        head = council.profile.head_officer_title()
        self.fields[
            "addressed_to"
        ].help_text = (
            f"Leave this empty to send it the normal way. Other staff need the {head}'s approval for one matter."
        )
        if approvals:
            _set(
                self.fields["direct_contact"],
                [("", "None")]
                + [(str(a.pk), f"{a.matter}: {a.officer.get_full_name() or a.officer.username}") for a in approvals],
            )
        else:
            del self.fields["direct_contact"]
        self.fields[
            "attachments"
        ].help_text += f" Each at most {human_size(settings.COUNCILDESK_MAX_ATTACHMENT_BYTES)}."
        if not self.is_bound:
            self.initial["submission_key"] = uuid.uuid4().hex


class QuestionForm(forms.Form):
    councillor = forms.ChoiceField(label="Councillor")
    subject = forms.CharField(label="Subject", max_length=200)
    details = forms.CharField(label="Your question", widget=forms.Textarea(attrs={"rows": 5}))
    submission_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, councillors: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set(self.fields["councillor"], _person_choices(councillors))
        if not self.is_bound:
            self.initial["submission_key"] = uuid.uuid4().hex


class DirectContactForm(forms.Form):
    councillor = forms.ChoiceField(label="Councillor")
    officer = forms.ChoiceField(label="Officer")
    matter = forms.CharField(label="Matter", max_length=200, help_text="The one matter this approval covers.")
    until = forms.DateField(label="Approved until", required=False, help_text="Leave empty for no end date.")

    def __init__(self, *args: Any, councillors: list[Person], officers: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set(self.fields["councillor"], _person_choices(councillors))
        _set(self.fields["officer"], _person_choices(officers))


class TargetsForm(forms.Form):
    """The council's decision on its enquiry targets: a number and unit for each target it may set, and the
    meeting that agreed them. Fields are named ``<kind>_value`` and ``<kind>_unit``."""

    agreed_on = forms.DateField(label="Date of the meeting that agreed them")
    minute = forms.CharField(
        label="Minute reference", max_length=100, help_text="As it appears in the signed minutes, for example 12/26."
    )

    def __init__(self, *args: Any, targets: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {}
        for t in targets:
            fields[f"{t.kind}_value"] = forms.IntegerField(
                label=f"{t.label}: number of days",
                min_value=1,
                max_value=366,
                initial=t.value,
                help_text=f"Now {t.value} {t.unit_label} ({t.source}).",
            )
            fields[f"{t.kind}_unit"] = forms.ChoiceField(
                label=f"{t.label}: count them in",
                choices=[("working_days", "Working days"), ("calendar_days", "Calendar days")],
                widget=forms.RadioSelect,
                initial=t.unit,
            )
        fields.update(self.fields)
        self.fields = fields
        self.kinds = [t.kind for t in targets]

    def values(self) -> dict[str, tuple[int, str]]:
        d = self.cleaned_data
        return {k: (d[f"{k}_value"], d[f"{k}_unit"]) for k in self.kinds}


class ServiceContactForm(forms.Form):
    service = forms.CharField(label="Service", max_length=120, help_text="For example, Waste and recycling.")
    officer = forms.ChoiceField(label="Officer")
    kind = forms.ChoiceField(
        label="Their part in the service",
        widget=forms.RadioSelect,
        choices=[("nominated", "Nominated contact officer"), ("head", "Head of Service")],
        initial="nominated",
    )

    def __init__(self, *args: Any, officers: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set(self.fields["officer"], _person_choices(officers))


class WorkplanHeadingForm(forms.Form):
    officer = forms.ChoiceField(label="Officer")
    heading = forms.CharField(
        label="Workplan heading", max_length=120, help_text="One area of agreed work, for example Allotments."
    )

    def __init__(self, *args: Any, officers: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set(self.fields["officer"], _person_choices(officers))


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label="Assign to")
    heading = forms.CharField(
        label="Workplan heading",
        required=False,
        max_length=120,
        help_text="The heading of the officer's workplan this falls under. Work outside it goes to their line manager.",
    )

    def __init__(self, *args: Any, officers: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set(self.fields["assignee"], [("", "Choose an officer"), *_person_choices(officers)])


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Answer", widget=forms.Textarea(attrs={"rows": 5}))


class DeclineForm(forms.Form):
    code = forms.ChoiceField(label="Reason", widget=forms.RadioSelect)
    explanation = forms.CharField(label="Explanation for the councillor", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, council: Council, direct: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        profile = council.profile
        choices = []
        for r in decline_reasons(profile, direct=direct):
            rule_id = r.rule_for(profile) or r.rule_id
            choices.append((r.code, f"{r.label} ({profile.title(rule_id)}, clause {profile.clause(rule_id)})"))
        _set(self.fields["code"], choices)


class PauseForm(forms.Form):
    reason = forms.CharField(label="What are you waiting for?", max_length=500)


class ExtendForm(forms.Form):
    units = forms.IntegerField(label="Extend by (days, in the target's unit)", min_value=1, max_value=60)
    reason = forms.CharField(label="Reason for the extension", max_length=500)


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(label="Priority", choices=Enquiry.Priority.choices, coerce=int)


class CommentForm(forms.Form):
    text = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(forms.Form):
    text = forms.CharField(
        label="Your follow-up question",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="It goes to the officer who answered. The enquiry stays answered.",
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why the answer does not settle it",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The enquiry opens again and its response target is counted afresh from today.",
    )
