"""Import a council's people, roles, committees and wards from one CSV file.

The file is checked row by row first (columns, dates, roles, duplicate usernames, unknown wards and committees).
A clean file is then applied through the ordinary services, each change audited, inside one transaction: a dry
run rolls that transaction back, so it finds exactly what the real run would (a full personnel committee too),
and the real run rolls back everything if any row fails. Nothing is ever half-applied.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.core.errors import ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council

from . import services
from .models import Committee, CommitteeSeat, Person, RoleKind, Ward

MAX_BYTES = 1_000_000
MAX_ROWS = 2_000

# The columns, in the order the page documents them: (name, what it holds).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("type", "person, ward or committee: what the row adds."),
    ("name", "Ward and committee rows: the ward's or committee's name."),
    (
        "committee_type",
        "Committee rows, optional: committee, sub-committee or personnel (for a staffing or "
        "personnel committee or panel). Committee when left empty.",
    ),
    ("username", "Person rows: the name they sign in with (letters, digits and . _ - @ + only), new to councildesk."),
    ("first_name", "Person rows: first name."),
    ("last_name", "Person rows: last name."),
    ("email", "Person rows, optional: email address, used for notices and to set a password."),
    ("roles", "Person rows: one or more roles as this council's protocol names them, separated by semicolons."),
    ("start", "Person rows: the first day of the roles and seats, written like 8/5/2023 or 8 May 2023."),
    ("end", "Person rows, optional: the last day of the term, if it is known."),
    ("ward", "Person rows, optional: the ward they represent. It must exist or be added by a ward row."),
    (
        "committees",
        "Person rows, optional: committees they sit on, separated by semicolons, each optionally followed "
        "by (chair), (vice-chair) or (co-opted). Each must exist or be added by a committee row.",
    ),
)
COLUMN_NAMES = frozenset(name for name, _ in COLUMNS)
_USERNAME = re.compile(r"^[\w.@+-]{1,150}$")
_SEATS = {
    "": CommitteeSeat.Seat.MEMBER,
    "member": CommitteeSeat.Seat.MEMBER,
    "chair": CommitteeSeat.Seat.CHAIR,
    "vice-chair": CommitteeSeat.Seat.VICE_CHAIR,
    "vice chair": CommitteeSeat.Seat.VICE_CHAIR,
    "co-opted": CommitteeSeat.Seat.CO_OPTED,
    "co-opted member": CommitteeSeat.Seat.CO_OPTED,
}
_COMMITTEE_KINDS = {
    "": Committee.Kind.COMMITTEE,
    "committee": Committee.Kind.COMMITTEE,
    "sub-committee": Committee.Kind.SUB_COMMITTEE,
    "sub committee": Committee.Kind.SUB_COMMITTEE,
    "personnel": Committee.Kind.PERSONNEL,
}
_DATE_FORMATS = ("%d/%m/%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")


@dataclass(frozen=True)
class Problem:
    row: int  # the line in the file (the header is line 1); 0 for the file as a whole
    column: str
    message: str


@dataclass
class PersonRow:
    row: int
    username: str
    first_name: str
    last_name: str
    email: str
    kinds: list[str]
    start: dt.date
    end: dt.date | None
    ward: str
    seats: list[tuple[str, str]]  # (committee name, seat)


@dataclass
class Plan:
    wards: list[tuple[int, str]] = field(default_factory=list)
    committees: list[tuple[int, str, str]] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)


@dataclass
class ImportReport:
    problems: list[Problem]
    wards: int = 0
    committees: int = 0
    people: int = 0
    roles: int = 0
    seats: int = 0
    applied: bool = False
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _date(text: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def role_names(council: Council) -> dict[str, str]:
    """Every way a role may be written in the file (the council's own title, the usual name), lower case."""
    profile = council.profile
    names: dict[str, str] = {}
    for kind in RoleKind:
        names[kind.label.lower()] = kind.value
        names[kind.value.replace("_", " ")] = kind.value
    for kind in RoleKind:
        names[profile.title_for(kind.value).lower()] = kind.value  # the council's own words win
    return names


def _seat(text: str) -> tuple[str, str | None]:
    """'Planning Committee (chair)' -> ('Planning Committee', 'chair'); an unknown suffix gives None."""
    found = re.fullmatch(r"(.*?)\s*\(([^()]*)\)\s*", text)
    if not found:
        return text.strip(), CommitteeSeat.Seat.MEMBER
    return found.group(1).strip(), _SEATS.get(found.group(2).strip().lower())


class _Checker:
    def __init__(self, council: Council) -> None:
        self.council = council
        self.problems: list[Problem] = []
        self.plan = Plan()
        self.roles = role_names(council)
        self.usernames: dict[str, int] = {}
        self.ward_names = {w.lower() for w in Ward.objects.filter(council=council).values_list("name", flat=True)}
        self.committee_names = {
            c.lower() for c in Committee.objects.filter(council=council).values_list("name", flat=True)
        }
        self.new_wards: dict[str, int] = {}
        self.new_committees: dict[str, int] = {}

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(row, column, message))

    def ward_row(self, n: int, cells: dict[str, str]) -> None:
        name = cells["name"]
        if not self.council.profile.features.wards:
            self.problem(n, "type", f"{self.council.name}'s protocol does not use wards.")
        elif not name:
            self.problem(n, "name", "Enter the ward's name.")
        elif name.lower() in self.ward_names:
            self.problem(n, "name", f"The ward {name} is already recorded.")
        elif name.lower() in self.new_wards:
            self.problem(n, "name", f"The ward {name} is also added on row {self.new_wards[name.lower()]}.")
        else:
            self.new_wards[name.lower()] = n
            self.plan.wards.append((n, name))

    def committee_row(self, n: int, cells: dict[str, str]) -> None:
        name, kind = cells["name"], _COMMITTEE_KINDS.get(cells["committee_type"].lower())
        if not name:
            self.problem(n, "name", "Enter the committee's name.")
        elif name.lower() in self.committee_names:
            self.problem(n, "name", f"The committee {name} is already recorded.")
        elif name.lower() in self.new_committees:
            self.problem(n, "name", f"The committee {name} is also added on row {self.new_committees[name.lower()]}.")
        elif kind is None:
            self.problem(n, "committee_type", "Write committee, sub-committee or personnel, or leave it empty.")
        else:
            self.new_committees[name.lower()] = n
            self.plan.committees.append((n, name, kind))

    def person_row(self, n: int, cells: dict[str, str]) -> None:
        before = len(self.problems)
        username = cells["username"]
        if not username:
            self.problem(n, "username", "Enter a username.")
        elif not _USERNAME.match(username):
            self.problem(n, "username", "A username may hold only letters, digits and . _ - @ +.")
        elif username.lower() in self.usernames:
            self.problem(n, "username", f"The username {username} is also on row {self.usernames[username.lower()]}.")
        elif Person.objects.filter(username__iexact=username).exists():
            self.problem(n, "username", f"The username {username} is already in use.")
        else:
            self.usernames[username.lower()] = n
        for column in ("first_name", "last_name"):
            if not cells[column]:
                self.problem(n, column, f"Enter the {column.replace('_', ' ')}.")
        if cells["email"]:
            try:
                validate_email(cells["email"])
            except DjangoValidationError:
                self.problem(n, "email", f"{cells['email']} is not an email address.")
        kinds = []
        for name in filter(None, (r.strip() for r in cells["roles"].split(";"))):
            kind = self.roles.get(name.lower())
            if kind is None:
                self.problem(n, "roles", f"{name} is not a role at {self.council.name}.")
                continue
            try:
                services._check_feature(self.council, kind)
            except ValidationFailed as exc:
                self.problem(n, "roles", exc.message)
                continue
            kinds.append(kind)
        if not cells["roles"].strip():
            self.problem(n, "roles", "Enter at least one role.")
        start = _date(cells["start"])
        if start is None:
            self.problem(
                n,
                "start",
                "Enter the start date, like 8/5/2023."
                if not cells["start"]
                else f"{cells['start']} is not a date; write it like 8/5/2023.",
            )
        end = _date(cells["end"]) if cells["end"] else None
        if cells["end"] and end is None:
            self.problem(n, "end", f"{cells['end']} is not a date; write it like 8/5/2023.")
        if start and end and end < start:
            self.problem(n, "end", "The end date is before the start date.")
        ward = cells["ward"]
        if ward:
            if not self.council.profile.features.wards:
                self.problem(n, "ward", f"{self.council.name}'s protocol does not use wards.")
            elif ward.lower() not in self.ward_names | set(self.new_wards):
                self.problem(n, "ward", f"There is no ward called {ward}; add it with a ward row first.")
        seats = []
        for entry in filter(None, (c.strip() for c in cells["committees"].split(";"))):
            committee, seat = _seat(entry)
            if seat is None:
                self.problem(n, "committees", f"{entry}: write (chair), (vice-chair) or (co-opted) after the name.")
            elif committee.lower() not in self.committee_names | set(self.new_committees):
                self.problem(n, "committees", f"There is no committee called {committee}; add it with a committee row.")
            else:
                seats.append((committee, seat))
        if len(self.problems) == before and start is not None:
            self.plan.people.append(
                PersonRow(
                    n, username, cells["first_name"], cells["last_name"], cells["email"], kinds, start, end, ward, seats
                )
            )


def check(council: Council, data: bytes) -> tuple[Plan, list[Problem], int]:
    """Read and check the file without touching the database's records: the plan, the problems, the row count."""
    checker = _Checker(council)
    if len(data) > MAX_BYTES:
        checker.problem(0, "file", "The file is larger than 1 MB; split it into smaller files.")
        return checker.plan, checker.problems, 0
    try:
        text = data.decode("utf-8-sig")
        if "\x00" in text:
            raise UnicodeDecodeError("utf-8", data, 0, 1, "NUL")
    except UnicodeDecodeError:
        checker.problem(0, "file", "The file is not UTF-8 text; save it from your spreadsheet as CSV UTF-8.")
        return checker.plan, checker.problems, 0
    try:
        return _check_rows(checker, csv.DictReader(io.StringIO(text)))
    except csv.Error as exc:
        checker.problem(0, "file", f"The file could not be read as CSV ({exc}).")
        return checker.plan, checker.problems, 0


def _check_rows(checker: _Checker, reader: csv.DictReader[str]) -> tuple[Plan, list[Problem], int]:
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "type" not in header:
        checker.problem(0, "file", "The first line must name the columns, including type.")
        return checker.plan, checker.problems, 0
    if unknown := [h for h in header if h not in COLUMN_NAMES]:
        checker.problem(0, "file", f"Unknown columns: {', '.join(unknown)}. The columns are listed below.")
        return checker.plan, checker.problems, 0
    reader.fieldnames = header
    count = 0
    for count, raw in enumerate(reader, start=1):
        n = reader.line_num
        if count > MAX_ROWS:
            checker.problem(0, "file", f"The file has more than {MAX_ROWS} rows; split it into smaller files.")
            break
        if None in raw:
            checker.problem(n, "file", "This row has more cells than the first line has columns.")
            continue
        cells = {name: (raw.get(name) or "").strip() for name in COLUMN_NAMES}
        kind = cells["type"].lower()
        if kind == "ward":
            checker.ward_row(n, cells)
        elif kind == "committee":
            checker.committee_row(n, cells)
        elif kind == "person":
            checker.person_row(n, cells)
        elif any(cells.values()):
            checker.problem(n, "type", "Write person, ward or committee.")
    return checker.plan, checker.problems, count


class _RollBack(Exception):
    pass


def _apply(actor: Person | None, council: Council, plan: Plan, report: ImportReport) -> None:
    wards = {w.name.lower(): w for w in Ward.objects.filter(council=council)}
    committees = {c.name.lower(): c for c in Committee.objects.filter(council=council)}
    for _, name in plan.wards:
        wards[name.lower()] = services.ward_create(actor=actor, council=council, name=name)
        report.wards += 1
    for _, name, kind in plan.committees:
        committees[name.lower()] = services.committee_create(actor=actor, council=council, name=name, kind=kind)
        report.committees += 1
    for p in plan.people:
        try:
            person = services.person_create(
                actor=actor,
                council=council,
                username=p.username,
                first_name=p.first_name,
                last_name=p.last_name,
                email=p.email,
            )
            report.people += 1
            for kind in p.kinds:
                services.role_grant(actor=actor, council=council, person=person, kind=kind, start=p.start, end=p.end)
                report.roles += 1
            if p.ward:
                services.ward_member_add(actor=actor, ward=wards[p.ward.lower()], person=person, start=p.start)
            for name, seat in p.seats:
                services.committee_seat_add(
                    actor=actor, committee=committees[name.lower()], person=person, seat=seat, start=p.start
                )
                report.seats += 1
        except ProtocolViolation as exc:
            report.problems.append(Problem(p.row, "committees", exc.reason))
        except ValidationFailed as exc:
            column = next(iter(exc.problems), "roles")
            report.problems.append(Problem(p.row, column if column in COLUMN_NAMES else "roles", exc.message))


def people_import(*, actor: Person | None, council: Council, data: bytes, dry_run: bool) -> ImportReport:
    """Check the file, then apply it in one transaction; a dry run (or any problem) rolls everything back."""
    services._gate(actor, council)
    plan, problems, rows = check(council, data)
    report = ImportReport(problems=problems, rows=rows)
    if problems:
        return report
    try:
        with transaction.atomic():
            _apply(actor, council, plan, report)
            if report.problems or dry_run:
                raise _RollBack
            record(
                council=council,
                actor=actor,
                action=events.PEOPLE_IMPORTED,
                subject=("people.import", hashlib.sha256(data).hexdigest()[:16]),
                data={
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "rows": rows,
                    "people": report.people,
                    "roles": report.roles,
                    "wards": report.wards,
                    "committees": report.committees,
                    "seats": report.seats,
                },
            )
    except _RollBack:
        return report
    report.applied = True
    return report
