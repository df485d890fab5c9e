"""The demo's plausible people, as data: who holds which role in which council.

Every person is fictional. Each council gets its head officer, an officer with a line manager, councillors
(with a chair and vice-chair), a Monitoring Officer (at the principal council for parishes), a personnel
committee, a committee, and, where the profile adopts them, a Mayor, wards, political groups, a Head of
Service and a CMT member. One councillor's term has ended, and one person is twin-hatted (district + parish).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

TERM_START = dt.date(2023, 5, 8)
ENDED_TERM = (dt.date(2019, 5, 6), dt.date(2023, 5, 7))


@dataclass(frozen=True)
class DemoPerson:
    key: str  # username suffix: "<prefix>.<key>"
    first: str
    last: str
    roles: tuple[str, ...]
    line_manager: str | None = None
    serving_body: str = ""
    ended: bool = False


@dataclass(frozen=True)
class DemoCouncil:
    slug: str
    prefix: str
    seed: str  # which shared/seeds/ document is this council's protocol
    people: tuple[DemoPerson, ...]
    committees: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()  # (name, kind, ((key, seat), ...))
    wards: tuple[tuple[str, tuple[str, ...]], ...] = ()
    groups: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (name, leader key, member keys)
    extra: dict[str, str] = field(default_factory=dict)


def _clerk(first: str, last: str, kind: str = "clerk") -> DemoPerson:
    return DemoPerson("clerk" if kind == "clerk" else "ce", first, last, (kind,))


COUNCILS: tuple[DemoCouncil, ...] = (
    DemoCouncil(
        slug="sandon-burston",
        prefix="sandon",
        seed="000",
        people=(
            _clerk("Helen", "Ashworth"),
            DemoPerson("officer", "Tom", "Pickering", ("officer",), line_manager="clerk"),
            DemoPerson("chair", "Margaret", "Oakley", ("councillor", "chair")),
            DemoPerson("vicechair", "David", "Fenton", ("councillor", "vice_chair")),
            DemoPerson("cllr", "Priya", "Bains", ("councillor",)),
            DemoPerson("cllr2", "Gareth", "Hollins", ("councillor",)),
            DemoPerson("former", "Roy", "Stallard", ("councillor",), ended=True),
            DemoPerson("mo", "Alison", "Breck", ("monitoring_officer",), serving_body="Stafford Borough Council"),
        ),
        committees=(
            ("Finance and General Purposes Committee", "committee", (("chair", "chair"), ("cllr", "member"))),
            (
                "Staffing Committee",
                "personnel",
                (("vicechair", "chair"), ("cllr", "member"), ("cllr2", "member")),
            ),
        ),
    ),
    DemoCouncil(
        slug="cottingham",
        prefix="cottingham",
        seed="001",
        people=(
            _clerk("Susan", "Harker"),
            DemoPerson("officer", "Liam", "Wray", ("officer",), line_manager="clerk"),
            DemoPerson("chair", "Keith", "Dunmore", ("councillor", "chair")),
            DemoPerson("vicechair", "Angela", "Pryce", ("councillor", "vice_chair")),
            DemoPerson("cllr", "Mohammed", "Rafiq", ("councillor",)),
            DemoPerson("cllr2", "Jean", "Cattle", ("councillor",)),
            DemoPerson("cllr3", "Brian", "Sowerby", ("councillor",)),
            DemoPerson(
                "mo",
                "Nicola",
                "Stead",
                ("monitoring_officer",),
                serving_body="East Riding of Yorkshire Council",
            ),
        ),
        committees=(
            (
                "Grievance Committee",
                "personnel",
                (("vicechair", "chair"), ("cllr2", "member"), ("cllr3", "member")),
            ),
            ("Planning Committee", "committee", (("chair", "chair"), ("cllr", "member"))),
        ),
    ),
    DemoCouncil(
        slug="district-annex",
        prefix="district",
        seed="002",
        people=(
            _clerk("Richard", "Okafor", kind="chief_executive"),
            DemoPerson("hos", "Claire", "Mendes", ("head_of_service", "cmt_member"), line_manager="ce"),
            DemoPerson("officer", "Owen", "Lloyd", ("officer",), line_manager="hos"),
            DemoPerson("mo", "Fiona", "Gallagher", ("monitoring_officer", "cmt_member"), line_manager="ce"),
            DemoPerson("chair", "Peter", "Whitlock", ("councillor", "chair")),
            DemoPerson("vicechair", "Sandra", "Lowe", ("councillor", "vice_chair")),
            DemoPerson("leader", "Daniel", "Marsh", ("councillor",)),
            DemoPerson("leader2", "Ruth", "Egan", ("councillor",)),
            DemoPerson("cllr", "Imran", "Sheikh", ("councillor",)),
            DemoPerson("coopted", "Helen", "Marr", ("co_opted_member",)),  # 1.8: a co-opted committee member
        ),
        committees=(
            (
                "Planning Committee",
                "committee",
                (("chair", "chair"), ("cllr", "member"), ("leader2", "member"), ("coopted", "member")),
            ),
            (
                "Employment Panel",
                "personnel",
                (("vicechair", "chair"), ("leader", "member"), ("leader2", "member")),
            ),
        ),
        wards=(("Abbey Ward", ("chair", "cllr")), ("Mill Ward", ("leader", "leader2", "vicechair"))),
        groups=(
            ("Riverside Alliance", "leader", ("chair", "cllr")),
            ("Independent Group", "leader2", ("vicechair",)),
        ),
    ),
    DemoCouncil(
        slug="west-northants-town",
        prefix="wnt",
        seed="003",
        people=(
            _clerk("Joanne", "Tebbutt"),
            DemoPerson("officer", "Mark", "Coles", ("officer",), line_manager="clerk"),
            DemoPerson("chair", "Linda", "Hewitt", ("councillor", "chair")),
            DemoPerson("vicechair", "Stephen", "Rowe", ("councillor", "vice_chair")),
            DemoPerson("leader", "Aisha", "Patel", ("councillor",)),
            DemoPerson("leader2", "Colin", "Barker", ("councillor",)),
            DemoPerson("cllr", "Emma", "Nightingale", ("councillor",)),
            DemoPerson("mo", "Graham", "Tully", ("monitoring_officer",), serving_body="West Northamptonshire Council"),
        ),
        committees=(
            (
                "Personnel Committee",
                "personnel",
                (("vicechair", "chair"), ("cllr", "member"), ("leader2", "member")),
            ),
            ("Amenities Committee", "committee", (("chair", "chair"), ("leader", "member"))),
        ),
        groups=(("Town First", "leader", ("chair",)), ("Community Independents", "leader2", ("cllr",))),
    ),
    DemoCouncil(
        slug="mayor-town",
        prefix="mayortown",
        seed="004",
        people=(
            _clerk("Andrew", "Fairbairn"),
            DemoPerson("officer", "Kirsty", "Dale", ("officer",), line_manager="clerk"),
            DemoPerson("mayor", "Beverley", "Crouch", ("councillor", "mayor")),
            DemoPerson("chair", "Neil", "Parry", ("councillor", "chair")),
            DemoPerson("leader", "Olu", "Adeyemi", ("councillor",)),
            DemoPerson("leader2", "Rachel", "Kemp", ("councillor",)),
            DemoPerson("cllr", "Simon", "Thorne", ("councillor",)),
            DemoPerson("mo", "Hannah", "Wilde", ("monitoring_officer",), serving_body="The Borough Council"),
        ),
        committees=(
            (
                "Policy and Resources Committee",
                "committee",
                (("chair", "chair"), ("leader", "member"), ("cllr", "member")),
            ),
            (
                "Staffing Committee",
                "personnel",
                (("leader2", "chair"), ("cllr", "member"), ("mayor", "member")),
            ),
        ),
        wards=(("North Ward", ("mayor", "leader")), ("South Ward", ("chair", "leader2", "cllr"))),
        groups=(
            ("Progressive Alliance", "leader", ("mayor",)),
            ("Residents' Group", "leader2", ("chair", "cllr")),
        ),
    ),
)

# Councils served by another council's Monitoring Officer: (served council, principal council). In the demo the
# district stands in for the town council's unnamed "Borough Council", so district.mo sees the town's audit trail,
# disputes, declarations and complaints without a role of their own there.
MONITORING_ARRANGEMENTS = (("mayor-town", "district-annex"),)

# People who serve more than one council: (username, first, last, [(council slug, role kind), ...]).
TWIN_HATTED = (("twin.cllr", "Patricia", "Venn", [("district-annex", "councillor"), ("sandon-burston", "councillor")]),)
HOST_ADMIN = ("admin", "Host", "Administrator")
