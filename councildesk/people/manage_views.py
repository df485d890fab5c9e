"""The head officer's pages for keeping the council's people: add and correct people, grant and end roles (terms
of office), committee and panel seats, co-options, wards and political groups, and import them from CSV.

Thin: parse, call one service, confirm with a banner. Each page has one main action; a refusal keeps what was
typed. Only the profile's head officer (the Clerk, or the Chief Executive) and the host administrator get past
``_keeper``: to anyone else these pages answer 404, like a missing page.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from councildesk.core.dates import long_date
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.core.forms import apply_error

from . import forms as f
from . import imports, services
from .access import Membership
from .decorators import council_view
from .models import (
    Committee,
    CommitteeSeat,
    GroupMembership,
    Person,
    PoliticalGroup,
    Role,
    RoleKind,
    Ward,
    WardMembership,
)
from .permissions import can_manage_structure
from .selectors import person_at

TENURES: dict[str, tuple[type[CommitteeSeat] | type[WardMembership] | type[GroupMembership], str]] = {
    "seats": (CommitteeSeat, "committee__council"),
    "wards": (WardMembership, "ward__council"),
    "groups": (GroupMembership, "group__council"),
}


def _keeper(m: Membership) -> None:
    if not can_manage_structure(m):
        raise NotFound("That page")


def _ctx(m: Membership, **extra: Any) -> dict[str, Any]:
    return {"council": m.council, "m": m, "profile": m.council.profile, "nav_section": "people", **extra}


def role_choices(m: Membership) -> list[tuple[str, str]]:
    """The roles this council's profile has, in its own words (a co-opted member only where it names one)."""
    choices = []
    for kind in RoleKind:
        try:
            services._check_feature(m.council, kind.value)
        except ValidationFailed:
            continue
        choices.append((kind.value, m.council.profile.title_for(kind.value)))
    return choices


def _person_url(m: Membership, person: Person) -> HttpResponse:
    return redirect("person", slug=m.council.slug, username=person.username)


def _refused(form: Any, exc: ValidationFailed | ProtocolViolation) -> ProtocolViolation | None:
    return apply_error(form, exc)


@council_view
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest, m: Membership) -> HttpResponse:
    _keeper(m)
    form = f.NewPersonForm(request.POST or None, kinds=role_choices(m))
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            with transaction.atomic():  # the person and their first role land together or not at all
                person = services.person_create(
                    actor=m.person,
                    council=m.council,
                    username=d["username"],
                    first_name=d["first_name"],
                    last_name=d["last_name"],
                    email=d["email"],
                )
                services.role_grant(
                    actor=m.person, council=m.council, person=person, kind=d["kind"], start=d["start"], end=d["end"]
                )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _refused(form, exc)
        else:
            title = m.council.profile.title_for(d["kind"])
            messages.success(request, f"{person} added as {title} from {long_date(d['start'])}.")
            return _person_url(m, person)
    return render(request, "people/person_new.html", _ctx(m, form=form, refusal=refusal))


def _titled(m: Membership, roles: list[Role]) -> list[tuple[Role, str]]:
    return [(r, m.council.profile.title_for(r.kind)) for r in roles]


def _placed(rows: Any, attribute: str) -> list[tuple[Any, str, bool]]:
    """(row, the committee, ward or group's name, whether they lead it) for the person page's tables."""
    return [(row, str(getattr(row, attribute)), bool(getattr(row, "is_leader", False))) for row in rows]


@council_view
def person(request: HttpRequest, m: Membership, username: str) -> HttpResponse:
    _keeper(m)
    who = person_at(m.council, username)
    roles = list(Role.objects.filter(council=m.council, person=who).order_by("-start", "kind"))
    seats = CommitteeSeat.objects.filter(person=who, committee__council=m.council).select_related("committee")
    wards = WardMembership.objects.filter(person=who, ward__council=m.council).select_related("ward")
    groups = GroupMembership.objects.filter(person=who, group__council=m.council).select_related("group")
    features = m.council.profile.features
    return render(
        request,
        "people/person.html",
        _ctx(
            m,
            who=who,
            roles=_titled(m, roles),
            seats=_placed(seats.order_by("-start"), "committee"),
            wards=_placed(wards.order_by("-start"), "ward"),
            groups=_placed(groups.order_by("-start"), "group"),
            features=features,
            has_committees=Committee.objects.filter(council=m.council).exists(),
        ),
    )


@council_view
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, m: Membership, username: str) -> HttpResponse:
    _keeper(m)
    who = person_at(m.council, username)
    initial = {"first_name": who.first_name, "last_name": who.last_name, "email": who.email}
    form = f.PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.person_update(
                actor=m.person,
                council=m.council,
                person=who,
                first_name=d["first_name"],
                last_name=d["last_name"],
                email=d["email"],
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"{who}'s details are saved.")
            return _person_url(m, who)
    return render(request, "people/person_edit.html", _ctx(m, who=who, form=form))


@council_view
@require_http_methods(["GET", "POST"])
def role_new(request: HttpRequest, m: Membership, username: str) -> HttpResponse:
    _keeper(m)
    who = person_at(m.council, username)
    form = f.RoleForm(request.POST or None, kinds=role_choices(m))
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.role_grant(
                actor=m.person, council=m.council, person=who, kind=d["kind"], start=d["start"], end=d["end"]
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _refused(form, exc)
        else:
            title = m.council.profile.title_for(d["kind"])
            messages.success(request, f"{who} is {title} from {long_date(d['start'])}.")
            return _person_url(m, who)
    return render(request, "people/role_new.html", _ctx(m, who=who, form=form, refusal=refusal))


@council_view
@require_http_methods(["GET", "POST"])
def role_end(request: HttpRequest, m: Membership, username: str, role_id: int) -> HttpResponse:
    _keeper(m)
    who = person_at(m.council, username)
    role = Role.objects.filter(council=m.council, person=who, pk=role_id).first()
    if role is None:
        raise NotFound("That role")
    title = m.council.profile.title_for(role.kind)
    form = f.EndForm(request.POST or None, initial={"end": role.end or m.day})
    if request.method == "POST" and form.is_valid():
        try:
            services.role_end(actor=m.person, role=role, end=form.cleaned_data["end"])
        except (ValidationFailed, ProtocolViolation) as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"{who}'s role as {title} ends on {long_date(role.end)}.")
            return _person_url(m, who)
    return render(request, "people/end.html", _ctx(m, who=who, form=form, what=f"{title}", since=role.start))


@council_view
@require_http_methods(["GET", "POST"])
def tenure_end(request: HttpRequest, m: Membership, username: str, tenure: str, tenure_id: int) -> HttpResponse:
    _keeper(m)
    who = person_at(m.council, username)
    what = tenure
    if what not in TENURES:
        raise NotFound("That page")
    model, council_path = TENURES[what]
    row = model.objects.filter(person=who, pk=tenure_id, **{council_path: m.council}).first()
    if row is None:
        raise NotFound("That seat")
    label = str(getattr(row, {"seats": "committee", "wards": "ward", "groups": "group"}[what]))
    form = f.EndForm(request.POST or None, initial={"end": row.end or m.day})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(actor=m.person, row=row, end=form.cleaned_data["end"])
        except (ValidationFailed, ProtocolViolation) as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"{who}'s place on {label} ends on {long_date(row.end)}.")
            return _person_url(m, who)
    return render(request, "people/end.html", _ctx(m, who=who, form=form, what=label, since=row.start))


def _co_option(m: Membership) -> bool:
    return m.council.profile.roles.titles.co_opted_member is not None


@council_view
@require_http_methods(["GET", "POST"])
def seat_new(request: HttpRequest, m: Membership, username: str) -> HttpResponse:
    _keeper(m)
    who = person_at(m.council, username)
    committees = {str(c.pk): c for c in Committee.objects.filter(council=m.council)}
    form = f.SeatForm(
        request.POST or None,
        committees=[(k, c.name) for k, c in committees.items()],
        co_option=_co_option(m),
        initial={"seat": CommitteeSeat.Seat.MEMBER},
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        committee = committees[d["committee"]]
        try:
            services.committee_seat_add(
                actor=m.person, committee=committee, person=who, seat=d["seat"], start=d["start"]
            )
        except (ValidationFailed, ProtocolViolation) as exc:
            refusal = _refused(form, exc)
        else:
            seat = CommitteeSeat.Seat(d["seat"]).label.lower()
            messages.success(request, f"{who} sits on the {committee.name} as {seat} from {long_date(d['start'])}.")
            return _person_url(m, who)
    return render(request, "people/seat_new.html", _ctx(m, who=who, form=form, refusal=refusal))


@council_view
@require_http_methods(["GET", "POST"])
def place_new(request: HttpRequest, m: Membership, username: str, place: str) -> HttpResponse:
    """Join a ward (``place`` = wards) or a political group (``place`` = groups), where the profile has them."""
    _keeper(m)
    what = place
    who = person_at(m.council, username)
    features = m.council.profile.features
    if what == "wards" and features.wards:
        places: dict[str, Ward | PoliticalGroup] = {str(w.pk): w for w in Ward.objects.filter(council=m.council)}
        form: f.PlaceForm = f.PlaceForm(
            request.POST or None, places=[(k, w.name) for k, w in places.items()], label="Ward"
        )
    elif what == "groups" and features.political_groups:
        places = {str(g.pk): g for g in PoliticalGroup.objects.filter(council=m.council)}
        form = f.GroupForm(request.POST or None, places=[(k, g.name) for k, g in places.items()], label="Group")
    else:
        raise NotFound("That page")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        chosen = places[d["place"]]
        try:
            if isinstance(chosen, Ward):
                services.ward_member_add(actor=m.person, ward=chosen, person=who, start=d["start"])
            else:
                services.group_member_add(
                    actor=m.person, group=chosen, person=who, start=d["start"], is_leader=d["is_leader"]
                )
        except (ValidationFailed, ProtocolViolation) as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"{who} is in {chosen.name} from {long_date(d['start'])}.")
            return _person_url(m, who)
    heading = "Add to a ward" if what == "wards" else "Add to a political group"
    return render(request, "people/place_new.html", _ctx(m, who=who, form=form, heading=heading))


@council_view
@require_http_methods(["GET", "POST"])
def structure_new(request: HttpRequest, m: Membership, part: str) -> HttpResponse:
    """Add a committee or panel, a ward or a political group."""
    _keeper(m)
    what = part
    features = m.council.profile.features
    if what == "committees":
        form: f.NameForm = f.CommitteeForm(request.POST or None)
        heading = "Add a committee or panel"
    elif what == "wards" and features.wards:
        form, heading = f.NameForm(request.POST or None), "Add a ward"
    elif what == "groups" and features.political_groups:
        form, heading = f.NameForm(request.POST or None), "Add a political group"
    else:
        raise NotFound("That page")
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"].strip()
        existing = {
            "committees": Committee.objects.filter(council=m.council, name__iexact=name),
            "wards": Ward.objects.filter(council=m.council, name__iexact=name),
            "groups": PoliticalGroup.objects.filter(council=m.council, name__iexact=name),
        }[what]
        if existing.exists():
            form.add_error("name", f"{name} is already recorded; choose another name.")
        else:
            try:
                if what == "committees":
                    services.committee_create(
                        actor=m.person, council=m.council, name=name, kind=form.cleaned_data["kind"]
                    )
                elif what == "wards":
                    services.ward_create(actor=m.person, council=m.council, name=name)
                else:
                    services.group_create(actor=m.person, council=m.council, name=name)
            except (ValidationFailed, ProtocolViolation) as exc:
                _refused(form, exc)
            else:
                messages.success(request, f"{name} is added.")
                return redirect("structure", slug=m.council.slug)
    return render(request, "people/structure_new.html", _ctx(m, form=form, heading=heading))


@council_view
@require_http_methods(["GET", "POST"])
def people_import(request: HttpRequest, m: Membership) -> HttpResponse:
    """Upload, check (a dry run, with every problem by row), then import the checked file in one transaction."""
    _keeper(m)
    report = None
    confirm = None
    form = f.ImportForm()
    if request.method == "POST" and "content" in request.POST:  # the real run, after a clean dry run
        confirmed = f.ImportConfirmForm(request.POST)
        try:
            data = base64.b64decode(confirmed.data.get("content", ""), validate=True)
        except (binascii.Error, ValueError):
            data = b""
        report = imports.people_import(actor=m.person, council=m.council, data=data, dry_run=False)
        if report.applied:
            messages.success(
                request,
                f"Imported {report.people} people with {report.roles} roles, {report.seats} committee seats, "
                f"{report.wards} wards and {report.committees} committees.",
            )
            return redirect("people", slug=m.council.slug)
    elif request.method == "POST":
        form = f.ImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data["file"]
            report = imports.people_import(actor=m.person, council=m.council, data=data, dry_run=True)
            if report.ok:
                confirm = f.ImportConfirmForm(initial={"content": base64.b64encode(data).decode()})
    return render(
        request,
        "people/import.html",
        _ctx(
            m,
            form=form,
            report=report,
            confirm=confirm,
            columns=imports.COLUMNS,
            roles=role_choices(m),
            features=m.council.profile.features,
        ),
    )
