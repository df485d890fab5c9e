"""Forms for the head officer's pages that keep the council's people. Dates use the GOV.UK date input: day, month
and year in three boxes, read back as one date with a message that names what is wrong."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import validate_email
from django.forms.boundfield import BoundField
from django.utils.datastructures import MultiValueDict

from .imports import MAX_BYTES
from .models import CommitteeSeat, Person


class DayMonthYear(forms.Widget):
    """Three boxes named ``<name>-day``, ``<name>-month`` and ``<name>-year`` (the GOV.UK date input)."""

    template_name = "people/_date_widget.html"
    govuk_date = True
    parts = ("day", "month", "year")

    def value_from_datadict(self, data: Any, files: MultiValueDict[str, Any], name: str) -> dict[str, str]:
        return {part: str(data.get(f"{name}-{part}", "")).strip() for part in self.parts}

    def value_omitted_from_data(self, data: Any, files: MultiValueDict[str, Any], name: str) -> bool:
        return not any(f"{name}-{part}" in data for part in self.parts)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}-day" if id_ else ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if isinstance(value, dt.date):
            value = {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        value = value if isinstance(value, dict) else {}
        base = (attrs or {}).get("id", f"id_{name}")
        context["parts"] = [
            {
                "part": part,
                "label": part.title(),
                "id": f"{base}-{part}",
                "name": f"{name}-{part}",
                "value": value.get(part, ""),
                "width": 4 if part == "year" else 2,
            }
            for part in self.parts
        ]
        return context


class _DateBound(BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        return {**super().build_widget_attrs(attrs, widget), "error": bool(self.errors)}


class DateField(forms.Field):
    widget = DayMonthYear

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> BoundField:
        return _DateBound(form, self, field_name)

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what  # "start date": used in the messages
        kwargs.setdefault("help_text", "For example, 8 5 2023.")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        parts = value if isinstance(value, dict) else {}
        if not any(parts.values()):
            return None
        missing = [p for p in DayMonthYear.parts if not parts.get(p)]
        if missing:
            raise forms.ValidationError(f"The {self.what} must include a {' and '.join(missing)}.")
        try:
            day, month, year = (int(parts[p]) for p in DayMonthYear.parts)
            if year < 1900 or year > 2200:
                raise ValueError
            return dt.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(f"The {self.what} must be a real date.") from None

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise forms.ValidationError(f"Enter the {self.what}.")


def _choices(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class PersonForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.CharField(
        label="Email address",
        max_length=254,
        required=False,
        help_text="Notices go here, and they set their password from a link sent to it.",
    )

    def clean_email(self) -> str:
        email = str(self.cleaned_data.get("email", "")).strip()
        if email:
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    "Enter an email address in the correct format, like name@example.org."
                ) from None
        return email


class NewPersonForm(PersonForm):
    username = forms.RegexField(
        label="Username",
        regex=r"^[\w.@+-]{1,150}$",
        max_length=150,
        help_text="What they sign in with: letters, digits and . _ - @ + only. It cannot be changed later.",
        error_messages={"invalid": "A username may hold only letters, digits and . _ - @ +."},
    )
    kind = forms.ChoiceField(label="Role", widget=forms.RadioSelect)
    start = DateField(label="Start of the term", what="start date")
    end = DateField(
        label="End of the term",
        what="end date",
        required=False,
        help_text="Leave empty if the end is not known. For example, 3 5 2027.",
    )
    field_order = ["first_name", "last_name", "username", "email", "kind", "start", "end"]

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["kind"], kinds)
        self.fields["kind"].error_messages["required"] = "Choose the role."
        self.fields["username"].error_messages["required"] = "Enter a username."

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"])
        if Person.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is already in use; choose another.")
        return username


class RoleForm(forms.Form):
    kind = forms.ChoiceField(label="Role", widget=forms.RadioSelect, error_messages={"required": "Choose the role."})
    start = DateField(label="Start of the term", what="start date")
    end = DateField(
        label="End of the term",
        what="end date",
        required=False,
        help_text="Leave empty if the end is not known. For example, 3 5 2027.",
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["kind"], kinds)


class EndForm(forms.Form):
    end = DateField(
        label="Last day",
        what="last day",
        help_text="The role or seat ends at the end of this day. For example, 4 12 2026.",
    )


class SeatForm(forms.Form):
    committee = forms.ChoiceField(label="Committee or panel", error_messages={"required": "Choose the committee."})
    seat = forms.ChoiceField(label="Seat", widget=forms.RadioSelect, error_messages={"required": "Choose the seat."})
    start = DateField(label="First day on it", what="first day")

    def __init__(self, *args: Any, committees: list[tuple[str, str]], co_option: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["committee"], [("", "Choose a committee"), *committees])
        seats = [c for c in CommitteeSeat.Seat.choices if co_option or c[0] != CommitteeSeat.Seat.CO_OPTED]
        _choices(self.fields["seat"], seats)


class PlaceForm(forms.Form):
    """A ward or a political group to join."""

    place = forms.ChoiceField(label="Ward")
    start = DateField(label="First day", what="first day")

    def __init__(self, *args: Any, places: list[tuple[str, str]], label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].label = label
        self.fields["place"].error_messages["required"] = f"Choose the {label.lower()}."
        _choices(self.fields["place"], [("", f"Choose a {label.lower()}"), *places])


class GroupForm(PlaceForm):
    is_leader = forms.BooleanField(label="They lead this group", required=False)


class NameForm(forms.Form):
    name = forms.CharField(label="Name", max_length=160, error_messages={"required": "Enter the name."})


class CommitteeForm(NameForm):
    kind = forms.ChoiceField(
        label="Kind",
        widget=forms.RadioSelect,
        choices=[
            ("committee", "Committee"),
            ("sub_committee", "Sub-committee"),
            ("personnel", "Personnel committee or panel (staffing matters)"),
        ],
        initial="committee",
        error_messages={"required": "Choose the kind of committee."},
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file", help_text="A .csv file of up to 1 MB.", error_messages={"required": "Choose a CSV file."}
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 1 MB.")
        return bytes(upload.read())


class ImportConfirmForm(forms.Form):
    """The checked file, carried to the real run; it is checked again there."""

    content = forms.CharField(widget=forms.HiddenInput, max_length=MAX_BYTES * 2)
