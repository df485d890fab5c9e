"""Forms for political groups' pages. Choices come from the council's own groups and officers."""

from __future__ import annotations

from typing import Any

from django import forms

from councildesk.people.models import Person, PoliticalGroup

from .models import GroupAdvice

DATE_HINT = "For example, 4 December 2026."


def _people(people: list[Person]) -> list[tuple[str, str]]:
    return [(str(p.pk), str(p)) for p in people]


class _Form(forms.Form):
    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class AdviceForm(_Form):
    group = forms.ChoiceField(label="Political group advised")
    matter = forms.CharField(label="Matter", max_length=200, help_text="The council business the advice was about.")
    kind = forms.ChoiceField(label="What was given", choices=GroupAdvice.Kind.choices, widget=forms.RadioSelect)
    facts = forms.CharField(label="Facts given", widget=forms.Textarea(attrs={"rows": 6}))
    options = forms.CharField(label="Options appraised", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    officer = forms.ChoiceField(label="Officer who gave it")
    given_on = forms.DateField(label="Date given", help_text=DATE_HINT)
    override_reason = forms.CharField(
        label="Reason for sending it as it is",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only if the check flagged your wording and you are sure it is facts and options.",
    )
    about = forms.ChoiceField(
        label="What the advice was about",
        choices=[("council", "Council business"), ("party", "The group's party business")],
        initial="council",
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: Any,
        groups: list[PoliticalGroup],
        officers: list[Person],
        ask_party_business: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._choices("group", [("", "Choose a group"), *[(str(g.pk), g.name) for g in groups]])
        self._choices("officer", _people(officers))
        if not ask_party_business:  # only where the protocol keeps officers out of party business (003 7.6; 004 8.3)
            del self.fields["about"]


class VerifyForm(forms.Form):
    correction = forms.CharField(
        label="Correction (leave empty if the record is right)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttendanceForm(_Form):
    group = forms.ChoiceField(label="Your group")
    matter = forms.CharField(label="Council business to discuss", max_length=200)
    meeting_on = forms.DateField(label="Meeting date", help_text=DATE_HINT)
    invited_officer = forms.ChoiceField(label="Officer invited", required=False)
    attendees = forms.CharField(
        label="Who else will be there",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Names, and whether each is a member of the council.",
    )
    non_members_present = forms.BooleanField(
        label="People who are not members of the council will be present", required=False
    )
    at_a_home = forms.BooleanField(label="The meeting will be held in someone's home", required=False)
    party_business_on_agenda = forms.BooleanField(
        label="The group will also discuss its party business at this meeting",
        required=False,
        help_text="The officer leaves before that part.",
    )

    def __init__(
        self,
        *args: Any,
        groups: list[PoliticalGroup],
        officers: list[Person],
        officer_required: bool,
        ask_party_business: bool = False,
        ask_home: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._choices("group", [(str(g.pk), g.name) for g in groups])
        self._choices("invited_officer", [("", "Leave it to the decider"), *_people(officers)])
        self.fields["invited_officer"].required = officer_required
        if not ask_party_business:  # 003 7.6; 004 8.3 only
            del self.fields["party_business_on_agenda"]
        if not ask_home:  # 002 5.9 only
            del self.fields["at_a_home"]


class DecideForm(_Form):
    decision = forms.ChoiceField(
        label="Decision", choices=[("accept", "Accept"), ("decline", "Decline")], widget=forms.RadioSelect
    )
    attending_officer = forms.ChoiceField(label="Officer who will attend (if accepted)", required=False)
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, officers: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("attending_officer", [("", "Choose an officer"), *_people(officers)])


class StayForm(forms.Form):
    minutes_stayed = forms.IntegerField(label="Minutes you stayed", min_value=1, max_value=1440)
    withdrew = forms.BooleanField(label="I left before the group finished", required=False)
    withdrawal_reason = forms.CharField(
        label="Why you left (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    body = forms.CharField(label="Note of the discussion", widget=forms.Textarea(attrs={"rows": 6}))
    disclosure_duty = forms.CharField(
        label="Legal duty to disclose (officers)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="If anything said cannot be kept confidential because the law requires its disclosure, say so.",
    )
