"""Load the demo: the five shipped councils, plausible people in every role, and (when the seed documents are
beside the checkout) each council's imported protocol. Running it again changes nothing."""

from __future__ import annotations

import base64
import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from councildesk.accounts.policy import has_second_factor, second_factor_required
from councildesk.accounts.services import second_factor_install
from councildesk.core import clock
from councildesk.councils.models import Council
from councildesk.councils.services import council_sync_from_profile
from councildesk.people import services as people
from councildesk.people.models import Committee, MonitoringArrangement, Person
from councildesk.protocol.models import ProtocolDocument
from councildesk.protocol.services import protocol_import
from councildesk.protocol.versions import versions_seed_from_profile

from .complaints import load_demo_complaints
from .correspondence import load_demo_correspondence
from .declarations import load_demo_declarations
from .delegation import load_demo_delegation
from .documents import load_demo_documents
from .enquiries import load_enquiries
from .finance import load_demo_finance
from .groups import load_demo_groups
from .history import DAYS, LONDON, clock_at, load_history
from .mail import load_demo_mail
from .roster import (
    COUNCILS,
    ENDED_TERM,
    HOST_ADMIN,
    MONITORING_ARRANGEMENTS,
    TERM_START,
    TWIN_HATTED,
    DemoCouncil,
)
from .wards import load_demo_wards

DEMO_PASSWORD = "councildesk-demo"  # noqa: S105 - the demo's published password, printed on purpose
# The demo's published authenticator key (hex, as django-otp stores it), printed on purpose: every demo account
# whose role needs a second factor has it set up with this key, so nobody is locked out on first sign-in.
DEMO_TOTP_KEY = b"councildesk-demo-key".hex()
DEMO_TOTP_SECRET = base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


@dataclass
class DemoReport:
    lines: list[str] = field(default_factory=list)
    accounts: list[tuple[str, str]] = field(default_factory=list)


def _person(council: Council, username: str, first: str, last: str, *, host_admin: bool = False) -> tuple[Person, bool]:
    existing = Person.objects.filter(username=username).first()
    if existing:
        return existing, False
    person = people.person_create(
        actor=None,
        council=council,
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@example.org",
        password=DEMO_PASSWORD,
        is_host_admin=host_admin,
    )
    return person, True


def _derived(spec: DemoCouncil, key: str) -> list[str]:
    """The roles a person holds through structure: group leadership and a personnel committee seat."""
    kinds = ["group_leader"] if any(leader == key for _, leader, _ in spec.groups) else []
    if any(kind == "personnel" and key in dict(seats) for _, kind, seats in spec.committees):
        kinds.append("personnel_committee")
    return kinds


def _load_council(spec: DemoCouncil, council: Council, report: DemoReport) -> None:
    profile = council.profile
    by_key: dict[str, Person] = {}
    for p in spec.people:
        username = f"{spec.prefix}.{p.key}"
        person, created = _person(council, username, p.first, p.last)
        by_key[p.key] = person
        titles = ", ".join(profile.title_for(k) for k in (*p.roles, *_derived(spec, p.key)))
        report.accounts.append((username, f"{titles}{' (term ended)' if p.ended else ''} – {council.name}"))
        if not created:
            continue
        start, end = ENDED_TERM if p.ended else (TERM_START, None)
        for kind in p.roles:
            manager = by_key.get(p.line_manager) if p.line_manager else None
            people.role_grant(
                actor=None,
                council=council,
                person=person,
                kind=kind,
                start=start,
                end=end,
                line_manager=manager,
                serving_body=p.serving_body,
            )
    if Committee.objects.filter(council=council).exists():
        return  # structure already loaded
    for name, kind, seats in spec.committees:
        committee = people.committee_create(actor=None, council=council, name=name, kind=kind)
        for key, seat in seats:
            people.committee_seat_add(actor=None, committee=committee, person=by_key[key], seat=seat, start=TERM_START)
    for name, members in spec.wards:
        ward = people.ward_create(actor=None, council=council, name=name)
        for key in members:
            people.ward_member_add(actor=None, ward=ward, person=by_key[key], start=TERM_START)
    for name, leader, members in spec.groups:
        group = people.group_create(actor=None, council=council, name=name)
        people.group_member_add(actor=None, group=group, person=by_key[leader], start=TERM_START, is_leader=True)
        for key in members:
            people.group_member_add(actor=None, group=group, person=by_key[key], start=TERM_START)


def _import_seed(spec: DemoCouncil, council: Council, report: DemoReport) -> None:
    seeds: Path = settings.COUNCILDESK_SEEDS_DIR
    matches = sorted(seeds.glob(f"{spec.seed}_*")) if seeds.is_dir() else []
    if not matches:
        report.lines.append(f"{council.slug}: no seed document found in {seeds}; clauses come from the profile")
        return
    if ProtocolDocument.objects.filter(council=council, is_current=True).exists():
        return
    result = protocol_import(actor=None, council=council, data=matches[0].read_bytes(), filename=matches[0].name)
    report.lines.append(f"{council.slug}: imported {result.clause_count} clauses from {matches[0].name}")


def load_demo() -> DemoReport:
    report = DemoReport()
    profiles_dir: Path = settings.COUNCILDESK_PROFILES_DIR
    councils: dict[str, Council] = {}
    today = clock.today()
    # A council loaded for the first time is set up as it stood before its six months of history, so its audit
    # log reads forward in time: set-up, then the history (each action at its own moment), then today's items.
    set_up_at = dt.datetime.combine(today - dt.timedelta(days=DAYS + 7), dt.time(8, 30), tzinfo=LONDON)
    for spec in COUNCILS:
        new = not Council.objects.filter(slug=spec.slug).exists()
        with clock_at(set_up_at) if new else nullcontext():
            council, changed = council_sync_from_profile(path=profiles_dir / f"{spec.slug}.toml")
            councils[spec.slug] = council
            report.lines.append(f"{council.slug}: {'loaded' if changed else 'unchanged'} – {council.name}")
            with transaction.atomic():  # a council's people and structure land whole or not at all
                _load_council(spec, council, report)
            _import_seed(spec, council, report)
            if made_versions := versions_seed_from_profile(council):  # protocol versions from the profile
                report.lines.append(f"{council.slug}: {made_versions} protocol versions recorded from the profile")
        if new and (made := load_history(spec, council, today)):
            report.lines.append(f"{council.slug}: {made} enquiries raised over the last six months, most answered")
        report.lines += load_demo_documents(council, f"{spec.prefix}.{spec.people[0].key}", f"{spec.prefix}.cllr")
        report.lines += load_demo_complaints(council, f"{spec.prefix}.cllr", f"{spec.prefix}.officer")
        report.lines += load_demo_declarations(
            council, f"{spec.prefix}.officer", f"{spec.prefix}.chair", f"{spec.prefix}.{spec.people[0].key}"
        )
        report.lines += load_demo_delegation(
            council, f"{spec.prefix}.officer", f"{spec.prefix}.{spec.people[0].key}", f"{spec.prefix}.cllr"
        )
        report.lines += load_demo_finance(
            council, f"{spec.prefix}.officer", [f"{spec.prefix}.chair", f"{spec.prefix}.vicechair"]
        )
        report.lines += load_demo_correspondence(
            council, f"{spec.prefix}.{spec.people[0].key}", f"{spec.prefix}.cllr", f"{spec.prefix}.chair"
        )
        report.lines += load_demo_mail(council, spec.prefix, spec.people[0].key)
    for username, first, last, seats in TWIN_HATTED:
        person, created = _person(councils[seats[0][0]], username, first, last)
        names = " and ".join(councils[slug].name for slug, _ in seats)
        report.accounts.append((username, f"Councillor at {names}"))
        if created:
            for slug, kind in seats:
                people.role_grant(actor=None, council=councils[slug], person=person, kind=kind, start=TERM_START)
    for served, principal in MONITORING_ARRANGEMENTS:
        if not MonitoringArrangement.objects.filter(council=councils[served]).exists():
            people.monitoring_arrangement_record(
                actor=None, council=councils[served], principal=councils[principal], start=TERM_START
            )
            report.lines.append(f"{served}: served by the Monitoring Officer of {councils[principal].name}")
    username, first, last = HOST_ADMIN
    _person(councils[COUNCILS[0].slug], username, first, last, host_admin=True)
    report.accounts.append((username, "Host administrator (all councils)"))
    report.lines += load_demo_groups()
    report.lines += load_demo_wards()
    if made := load_enquiries():
        report.lines.append(f"enquiries: {made} raised, assigned and answered through the services")
    _second_factors(report)
    return report


def _second_factors(report: DemoReport) -> None:
    """Set up the published authenticator key for every demo account whose role needs a second factor."""
    usernames = [username for username, _ in report.accounts]
    for person in Person.objects.filter(username__in=usernames):
        if second_factor_required(person) and not has_second_factor(person):
            second_factor_install(person=person, key=DEMO_TOTP_KEY)
    report.lines.append(
        "second factor: officers, personnel committee members and the host administrator also enter a code from "
        f"an authenticator app set up with the demo key {DEMO_TOTP_SECRET}"
    )
