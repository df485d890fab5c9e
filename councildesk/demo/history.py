"""Six months of enquiry history for each demo council, so Performance and Workload show real medians.

Enquiries are raised, acknowledged, assigned, answered and declined through the real services, each at its own
moment on a working day in the past: the demo sets the product's clock (``core.clock``) to that moment while the
service runs, so every row, note, notice and audit event carries its historical time. Each council's actions run
in time order, so its audit chain reads forward in time and still verifies. Most answers land within the
council's target, some are a few working days late, a few enquiries are declined on a ground the council's
protocol gives, and the most recent are still open.

Deterministic: the same councils always get the same history (a seeded random generator), and loading it again
adds nothing (the first enquiry's submission key says it is there).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction

from councildesk.core import clock
from councildesk.councils.calendar import calendar_for
from councildesk.councils.models import Council
from councildesk.enquiries import handling, services
from councildesk.enquiries.models import Enquiry
from councildesk.people.models import Person

from .roster import COUNCILS, DemoCouncil

LONDON = ZoneInfo("Europe/London")
DAYS = 182  # about six months
PER_COUNCIL = 36
OPEN_AT_THE_END = 3  # the most recent few are still open today (one of them past its target)
KEY = "demo-history-{}"

# (subject, details, answer); "{place}" is each council's own street or area.
TOPICS: tuple[tuple[str, str, str], ...] = (
    (
        "Streetlight out on {place}",
        "Two residents have reported that the streetlight outside the shop has been out for a fortnight.",
        "Reported to the lighting contractor, who has booked the repair for next week.",
    ),
    (
        "Overgrown hedge blocking the footpath on {place}",
        "A resident with a pushchair cannot get past the hedge by the bus stop.",
        "The landowner has been written to and has agreed to cut the hedge back this month.",
    ),
    (
        "Dog fouling near the play area",
        "Parents have raised dog fouling by the play area gate. Could we have a sign and another bin?",
        "A sign has been ordered and the bin will be emptied twice a week from Monday.",
    ),
    (
        "Date of the next precept discussion",
        "When will the council discuss next year's precept, and will the papers be out a week before?",
        "It is on the agenda for the January meeting; papers go out seven clear days before.",
    ),
    (
        "Potholes on {place}",
        "There are three deep potholes near the junction. Has this been reported to the highways authority?",
        "Reported to the highways authority with photographs; they have graded it for repair within 28 days.",
    ),
    (
        "Bus shelter glass broken",
        "The glass in the bus shelter on {place} was smashed at the weekend.",
        "The glazier made it safe the same day and the new panel is fitted.",
    ),
    (
        "Grant application from the youth club",
        "The youth club asked whether it can apply for a small grant for new equipment.",
        "Yes: the grant form and criteria are attached, and the closing date is the end of next month.",
    ),
    (
        "Fly-tipping behind the community centre",
        "Someone has dumped a mattress and bags of rubbish behind the community centre.",
        "Removed by the waste team on Tuesday; the camera footage has been passed to enforcement.",
    ),
    (
        "Noise from the new takeaway on {place}",
        "Neighbours complain about the extractor fan running late at night.",
        "Passed to environmental health, who will visit and measure the noise next week.",
    ),
    (
        "Christmas lights switch-on arrangements",
        "Could I have the timetable and road closure details for the lights switch-on?",
        "The timetable is attached; the road closure runs from 4pm to 8pm on the night.",
    ),
    (
        "Bench by the war memorial",
        "The bench by the war memorial is rotten. Is it due to be replaced?",
        "A replacement is in this year's budget and will be fitted before Remembrance Sunday.",
    ),
    (
        "Parking on the grass verges on {place}",
        "Cars are churning up the verges outside the school at pick-up time.",
        "The school has been asked to remind parents, and we are pricing verge posts.",
    ),
    (
        "Allotment water supply",
        "Tenants say the allotment standpipes have low pressure. Who is responsible?",
        "The council is; a plumber has found a leak in the supply pipe and repaired it.",
    ),
    (
        "Footpath sign missing",
        "The public footpath sign at the end of {place} has gone. Can it be replaced?",
        "The rights of way officer is ordering a new fingerpost; it should be up within a month.",
    ),
    (
        "Defibrillator checks",
        "Who checks the defibrillator outside the village hall, and how often?",
        "A trained volunteer checks it weekly and logs it; the pads were replaced in the spring.",
    ),
    (
        "Road closure for resurfacing",
        "Residents of {place} have had no notice of next month's resurfacing. What are the dates?",
        "The works run for three nights from the 14th; letters go to every house this week.",
    ),
)
PLACES = {
    "sandon-burston": ("Sandon Road", "Burston Lane", "the Green"),
    "cottingham": ("Hallgate", "Northgate", "King Street"),
    "district-annex": ("Abbey Road", "Mill Street", "Station Road"),
    "west-northants-town": ("Market Square", "Sheaf Street", "Bridge Street"),
    "mayor-town": ("High Street", "Church Walk", "South Parade"),
}
DECLINE = (
    "outside_authority",
    "This is a matter for the county council, not this council; I have sent you their contact details.",
)


@contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """The product's clock reads ``moment`` inside the block (for the demo's history only)."""
    saved = clock.now, clock.today
    utc = moment.astimezone(dt.UTC)  # as timezone.now() gives it: the audit hash covers the written form
    clock.now = lambda: utc
    clock.today = lambda: moment.astimezone(LONDON).date()
    try:
        yield
    finally:
        clock.now, clock.today = saved


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    index: int  # which of the council's history enquiries
    run: Callable[[Enquiry | None], Enquiry | None]


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    """A moment in office hours on ``day``."""
    return dt.datetime.combine(day, dt.time(9 + rng.randrange(7), rng.randrange(60)), tzinfo=LONDON)


def _person(spec: DemoCouncil, key: str) -> Person:
    return Person.objects.get(username=f"{spec.prefix}.{key}")


def load_history(spec: DemoCouncil, council: Council, today: dt.date) -> int:
    """Raise and handle this council's history enquiries, once, in time order. Returns how many were raised."""
    if Enquiry.objects.filter(council=council, submission_key=KEY.format(0)).exists():
        return 0
    rng = random.Random(spec.slug)  # noqa: S311 - repeatable demo data, not security
    calendar = calendar_for(council)
    head = _person(spec, spec.people[0].key)
    officer = _person(spec, "officer")
    # Councillors raise them; the first is from the demo's "cllr", so no other councillor can open enquiry 1.
    raisers = [_person(spec, p.key) for p in spec.people if "councillor" in p.roles and not p.ended]
    raisers.sort(key=lambda p: p.username != f"{spec.prefix}.cllr")
    target = council.profile.targets.enquiry_response
    start = today - dt.timedelta(days=DAYS)
    places = PLACES.get(spec.slug, ("the High Street",))
    steps: list[Step] = []
    for i in range(PER_COUNCIL):
        if i < PER_COUNCIL - OPEN_AT_THE_END:
            offset = round(i * (DAYS - 20) / PER_COUNCIL)
        else:  # about four weeks, two weeks and a few days ago
            offset = DAYS - (28, 12, 4)[i - (PER_COUNCIL - OPEN_AT_THE_END)]
        received = calendar.next_working_day(start + dt.timedelta(days=offset))
        if received >= today:
            break
        subject, details, answer = TOPICS[i % len(TOPICS)]
        place = places[i % len(places)]
        raiser = raisers[0] if i == 0 else raisers[rng.randrange(len(raisers))]

        def raise_(
            _: Enquiry | None, i: int = i, s: str = subject, d: str = details, p: Person = raiser, at: str = place
        ) -> Enquiry:
            return services.enquiry_raise(
                actor=p,
                council=council,
                subject=s.format(place=at),
                details=d.format(place=at),
                submission_key=KEY.format(i),
            )

        raised_at = _at(received, rng)
        steps.append(Step(raised_at, i, raise_))
        # When it is dealt with: most within the target, about one in five a few working days late.
        value = target.value if target else 10
        if target is not None and target.unit == "calendar_days":
            due = received + dt.timedelta(days=value)
        else:
            due = calendar.add_working_days(received, value)
        roll = rng.random()
        if roll < 0.2:
            done = calendar.add_working_days(due, rng.randrange(1, 5))
        else:
            done = calendar.add_working_days(received, rng.randrange(1, value + 1))
            done = min(done, due)
        still_open = i >= PER_COUNCIL - OPEN_AT_THE_END or done >= today
        ack = calendar.add_working_days(received, 1)
        ack_at = _at(ack, rng)
        if still_open:
            done = today  # acknowledged and assigned if that day has passed, never answered
        if ack < done:
            steps.append(
                Step(
                    ack_at,
                    i,
                    lambda e: handling.enquiry_acknowledge(actor=head, council=council, pk=_pk(e)),
                )
            )
        handled_by = head
        if rng.random() < 0.5 and ack < done:
            handled_by = officer
            steps.append(
                Step(
                    ack_at + dt.timedelta(minutes=30),
                    i,
                    lambda e: handling.enquiry_assign(actor=head, council=council, pk=_pk(e), assignee=officer),
                )
            )
        if still_open:
            continue
        finish = max(_at(done, rng), raised_at + dt.timedelta(hours=2))
        declined = rng.random() < 0.08

        def close(e: Enquiry | None, who: Person = handled_by, text: str = answer, no: bool = declined) -> Enquiry:
            if no:
                return handling.enquiry_decline(
                    actor=who, council=council, pk=_pk(e), code=DECLINE[0], explanation=DECLINE[1]
                )
            return handling.enquiry_answer(actor=who, council=council, pk=_pk(e), answer=text)

        steps.append(Step(finish, i, close))
    enquiries: dict[int, Enquiry] = {}
    with transaction.atomic():
        for step in sorted(steps, key=lambda s: (s.at, s.index)):
            with clock_at(step.at):
                made = step.run(enquiries.get(step.index))
            if made is not None and step.index not in enquiries:
                enquiries[step.index] = made
    return len(enquiries)


def _pk(e: Enquiry | None) -> int:
    if e is None:
        raise RuntimeError("a history step ran before its enquiry was raised")
    return e.pk


def load_all_history(councils: dict[str, Council], today: dt.date) -> list[str]:
    lines = []
    for spec in COUNCILS:
        if made := load_history(spec, councils[spec.slug], today):
            lines.append(f"{spec.slug}: {made} enquiries of history over the last six months")
    return lines
