"""Template helpers that render Django forms and messages the GOV.UK Frontend way.

Used by ``core/_field.html``, ``core/_error_summary.html`` and ``core/base.html``. Ids follow Django's own
(``id_name_helptext`` for a hint, ``id_name_error`` for an error message), so markup and
``aria-describedby`` always agree.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from django import forms, template
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.forms.boundfield import BoundField, BoundWidget
from django.template.context import Context
from django.urls import NoReverseMatch
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from councildesk.core.links import reverse_remembered

register = template.Library()

# The GOV.UK class of the control for each kind of field that ``govuk_widget`` renders.
_CONTROL_CLASS = {
    "input": "govuk-input",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}

_STATUS_TITLES = {
    400: "There is a problem",
    403: "This was refused",
    404: "Page not found",
    409: "This clashes with another change",
}


@register.filter
def govuk_kind(field: BoundField) -> str:
    """Which GOV.UK pattern renders ``field``.

    One of: hidden, checkboxes, radios, checkbox, select, textarea, file, input.
    """
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple is a subclass of RadioSelect, so it is asked about first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


@register.filter
def govuk_hint_id(field: BoundField) -> str:
    return f"{field.auto_id}_helptext"


@register.filter
def govuk_error_id(field: BoundField) -> str:
    return f"{field.auto_id}_error"


@register.filter
def govuk_describedby(field: BoundField) -> str:
    """The ids of the hint and error message shown for ``field``, in reading order; empty if neither is."""
    ids = []
    if field.help_text:
        ids.append(govuk_hint_id(field))
    if field.errors:
        ids.append(govuk_error_id(field))
    return " ".join(ids)


@register.filter
def govuk_anchor(field: BoundField) -> str:
    """The id an error summary links to: the control itself, or the first option of radios or checkboxes."""
    if govuk_kind(field) in {"radios", "checkboxes"}:
        return f"{field.auto_id}_0"
    return str(field.id_for_label or field.auto_id)


@register.simple_tag
def govuk_widget(field: BoundField, autocomplete: str = "", extra_class: str = "") -> SafeString:
    """Render the control of ``field`` with GOV.UK classes, error state and ``aria-describedby``.

    ``autocomplete`` sets the autocomplete attribute (for example ``username``); ``extra_class`` adds classes
    such as ``govuk-input--width-20``. A ``DateInput`` left as a text box becomes ``type="date"`` with ISO
    values. Hidden fields, radios and checkbox lists are returned as Django renders them: the templates lay
    those out.
    """
    kind = govuk_kind(field)
    control_class = _CONTROL_CLASS.get(kind)
    if control_class is None:
        return field.as_widget()
    widget = field.field.widget
    classes = [control_class]
    if field.errors and kind != "checkbox":
        classes.append(f"{control_class}--error")
    classes.extend(str(widget.attrs.get("class", "")).split())
    classes.extend(extra_class.split())
    attrs: dict[str, str | bool] = {"class": " ".join(dict.fromkeys(classes))}
    if described := govuk_describedby(field):
        attrs["aria-describedby"] = described
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    render_with: forms.Widget | None = None
    if isinstance(widget, forms.DateInput) and widget.input_type == "text":
        date_widget = copy.copy(widget)
        date_widget.input_type = "date"
        date_widget.format = date_widget.format or "%Y-%m-%d"  # what <input type="date"> expects
        render_with = date_widget
    return field.as_widget(widget=render_with, attrs=attrs)


@register.simple_tag
def govuk_choice_input(choice: BoundWidget, css_class: str) -> SafeString:
    """Render one radio or checkbox of a choice field as a bare ``<input>`` with ``css_class``.

    Its label is written by the template, so that it can carry GOV.UK's label classes.
    """
    attrs = {**choice.data["attrs"], "class": css_class}
    return BoundWidget(choice.parent_widget, {**choice.data, "attrs": attrs}, choice.renderer).tag()


@register.filter
def success_messages(messages: Iterable[Message]) -> list[Message]:
    """The success messages, for a success notification banner."""
    return [m for m in messages if m.level == message_levels.SUCCESS]


@register.filter
def other_messages(messages: Iterable[Message]) -> list[Message]:
    """Every message that is not a success, for an "Important" notification banner."""
    return [m for m in messages if m.level != message_levels.SUCCESS]


@register.filter
def status_title(status: object) -> str:
    """A page heading for an error page with HTTP ``status``."""
    try:
        code = int(str(status))
    except ValueError:
        return "Something went wrong"
    return _STATUS_TITLES.get(code, "Something went wrong")


@register.filter
def in_section(path: str, href: str) -> bool:
    """Whether the page at ``path`` lies under the navigation link ``href`` (the council home is no section)."""
    return bool(href) and path.startswith(href) and path != href and href.rstrip("/").count("/") > 2


@register.simple_tag(takes_context=True)
def nav_item(context: Context, name: str, label: str) -> SafeString:
    """One service navigation link to the council page named ``name``, labelled ``label``.

    It is the current page (``aria-current="page"``) when the URL name matches; it is marked as the current section
    (``aria-current="true"``) when the page lies under the link's URL, or the view put ``nav_section`` = that name
    in the context. Built here rather than by including a template per link: every page of a council has eight.
    """
    council = context.get("council")
    try:
        href = reverse_remembered(name, council.slug if council is not None else "")
    except NoReverseMatch:
        href = ""  # as ``{% url ... as href %}`` does
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = getattr(match, "url_name", None) == name
    section = context.get("nav_section") == name or in_section(getattr(request, "path", ""), href)
    active = " govuk-service-navigation__item--active" if current or section else ""
    aria = ' aria-current="page"' if current else ' aria-current="true"' if section else ""
    fallback = '<strong class="govuk-service-navigation__active-fallback">{}</strong>'
    shown = format_html(fallback, label) if active else label
    return format_html(
        '\n<li class="govuk-service-navigation__item{}">\n  <a class="govuk-service-navigation__link" href="{}"{}>\n'
        "    {}\n  </a>\n</li>\n",
        mark_safe(active),  # noqa: S308 - a constant
        href,
        mark_safe(aria),  # noqa: S308 - a constant
        shown,
    )


@register.filter
def human_size(size: int | None) -> str:
    """A file size as people read it: "10 MB"."""
    from councildesk.core.sizes import human_size as _human_size

    return _human_size(size)
