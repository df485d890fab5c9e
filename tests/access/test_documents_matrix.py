"""The documents matrix: every classification (with and without third parties' personal data) × every role ×
{committee member, non-member} × {own council, other council}, for the list, the detail page, the download and
the API detail, in three councils whose profiles differ (000 the Clerk decides; 002 the Chief Executive with the
Monitoring Officer; 004 an officer decides and non-members are barred from confidential and exempt papers).

The expected answer comes from ``expected_open`` below, written from the protocol, not from the code under test.
A paper the viewer may not open answers 404 byte for byte like a missing id, and a list holds exactly the papers
the viewer may open.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import pytest
from django.test import Client

from councildesk.api.tokens import token_issue
from councildesk.core import clock
from councildesk.councils.models import Council
from councildesk.demo.documents import tiny_pdf
from councildesk.documents import services
from councildesk.documents.models import Document, Grant
from councildesk.people import services as people
from councildesk.people.models import Person
from tests import factories

COUNCILS = ("sandon-burston", "district-annex", "mayor-town")
OTHER = {"sandon-burston": "district-annex", "district-annex": "mayor-town", "mayor-town": "sandon-burston"}
CLASSIFICATIONS = ("public", "committee", "confidential", "exempt")
SENSITIVE = {"confidential", "exempt"}
START = dt.date(2023, 5, 8)
MISSING_ID = 987_654_321


@dataclass
class Actor:
    council: str
    role: str
    member: bool  # holds a seat on the papers' committee
    person: Person | None
    kinds: frozenset[str]
    granted: bool = False  # holds a live grant on every paper
    expired: bool = False

    @property
    def label(self) -> str:
        return f"{self.council}/{self.role}/{'member' if self.member else 'non-member'}"


def handler_kinds(council: Council) -> set[str]:
    p = council.profile
    d = p.deciders
    return {
        p.roles.head_of_paid_service,
        d.need_to_know,
        d.need_to_know_disputes,
        *d.need_to_know_consult,  # the Monitoring Officer only where named (002 4.3), never by title alone
    }


def non_members_barred(council: Council) -> bool:
    return council.profile.adopts("ACCESS_NON_MEMBER_CONDITIONS")


def expected_open(actor: Actor, doc: Document, council: Council) -> bool:
    """The protocol, stated plainly: officers handling papers open all; public papers without personal data are
    open to everyone with a role; committee members open their committee's papers unless they hold third parties'
    personal data; a live grant opens the rest, except what the council bars to non-members."""
    if actor.kinds & handler_kinds(council):
        return True
    if doc.classification == "public" and not doc.personal_data:
        return True
    real_role = bool(actor.kinds - {"host_admin"})
    if actor.member and real_role and not doc.personal_data:
        return True
    if actor.granted:
        return not (non_members_barred(council) and doc.classification in SENSITIVE and not actor.member)
    return False


def _roles(council: Council) -> list[tuple[str, tuple[str, ...]]]:
    p = council.profile
    roles = [("head_officer", (p.roles.head_of_paid_service,))]
    if p.deciders.need_to_know != p.roles.head_of_paid_service:
        roles.append(("decider", (p.deciders.need_to_know,)))
    roles.append(("monitoring_officer", ("monitoring_officer",)))
    if p.deciders.need_to_know != "officer":
        roles.append(("officer", ("officer",)))
    if p.has_role("head_of_service"):
        roles.append(("head_of_service", ("head_of_service", "cmt_member")))
    roles += [("councillor", ("councillor",)), ("chair", ("councillor", "chair"))]
    if p.features.mayor:
        roles.append(("mayor", ("councillor", "mayor")))
    roles += [("granted", ("councillor",)), ("lapsed", ("councillor",)), ("expired", ("councillor",))]
    return roles


@dataclass
class World:
    councils: dict[str, Council]
    docs: dict[str, list[Document]]
    actors: list[Actor]


def _build() -> World:
    today = clock.today()
    councils = {slug: factories.council(slug) for slug in COUNCILS}
    docs: dict[str, list[Document]] = {}
    actors: list[Actor] = []
    admin = factories.PersonFactory(is_host_admin=True)
    for slug, council in councils.items():
        committee = people.committee_create(actor=None, council=council, name="Matrix Committee")
        head = factories.person_with_role(council, council.profile.roles.head_of_paid_service)
        docs[slug] = []
        for classification in CLASSIFICATIONS:
            for personal in (False, True):
                exemption = None
                if classification == "exempt":
                    exemption = services.Exemption(
                        1, "About a named employee", "Committee", today + dt.timedelta(days=60)
                    )
                docs[slug].append(
                    services.document_upload(
                        actor=head,
                        council=council,
                        data=tiny_pdf(f"{slug} {classification} {personal}"),
                        filename="paper.pdf",
                        title=f"{classification}{' with personal data' if personal else ''}",
                        classification=classification,
                        committee=committee,
                        personal_data=personal,
                        exemption=exemption,
                    )
                )
        for role, kinds in _roles(council):
            for member in (True, False):
                if role == "head_officer" and not member:
                    person = head
                else:
                    end = dt.date(2023, 5, 7) if role == "expired" else None
                    start = dt.date(2019, 5, 6) if role == "expired" else START
                    person = factories.person_with_role(council, kinds[0], start=start, end=end)
                    for extra in kinds[1:]:
                        people.role_grant(actor=None, council=council, person=person, kind=extra, start=start, end=end)
                if member:
                    people.committee_seat_add(
                        actor=None, committee=committee, person=person, seat="member", start=START
                    )
                actor = Actor(
                    slug, role, member, person, frozenset(kinds), granted=role == "granted", expired=role == "expired"
                )
                if role in ("granted", "lapsed"):
                    for doc in docs[slug]:
                        for lapse in (
                            ((None, None),)
                            if role == "granted"
                            else ((today - dt.timedelta(days=1), None), (None, clock.now()))
                        ):
                            Grant.objects.create(
                                council=council,
                                document=doc,
                                person=person,
                                basis="need_to_know",
                                purpose_limitation="Matrix purpose",
                                expires_on=lapse[0],
                                revoked_at=lapse[1],
                                created_at=clock.now(),
                            )
                actors.append(actor)
        actors.append(Actor(slug, "host_admin", False, admin, frozenset({"host_admin"})))
        seated = factories.PersonFactory(is_host_admin=True)  # a host admin given a seat gains nothing by it
        people.committee_seat_add(actor=None, committee=committee, person=seated, seat="member", start=START)
        actors.append(Actor(slug, "host_admin", True, seated, frozenset({"host_admin"})))
    actors.append(Actor("sandon-burston", "anonymous", False, None, frozenset()))
    return World(councils, docs, actors)


def _scrub(body: bytes) -> str:
    text = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", body.decode())
    return re.sub(r"/documents/\d+/", "/documents/N/", text)


def _listed(client: Client, slug: str) -> set[int]:
    found: set[int] = set()
    page = 1
    while True:
        response = client.get(f"/c/{slug}/documents/", {"page": page})
        if response.status_code != 200:
            return found
        text = response.content.decode()
        found |= {int(i) for i in re.findall(r'data-document="(\d+)"', text)}
        if 'rel="next"' not in text:
            return found
        page += 1


@pytest.mark.django_db
@pytest.mark.rule("ACCESS_COMMITTEE_MEMBER_PRESUMED")
@pytest.mark.rule("ACCESS_NON_MEMBER_CONDITIONS")
def test_documents_matrix():
    world = _build()
    cases: list[tuple[str, object, object]] = []

    def check(what: str, want: object, got: object) -> None:
        cases.append((what, want, got))

    for actor in world.actors:
        client, headers = Client(), {}
        if actor.person is not None:
            client.force_login(actor.person)
            with pytest.MonkeyPatch.context() as mp:
                if actor.expired:  # their token was issued while their term still ran
                    mp.setattr(clock, "today", lambda: dt.date(2023, 1, 2))
                headers = {"Authorization": f"Bearer {token_issue(actor=actor.person, name='m')[1]}"}
        for scope in ("own", "other"):
            slug = actor.council if scope == "own" else OTHER[actor.council]
            council = world.councils[slug]
            is_admin = "host_admin" in actor.kinds
            gate = None
            if actor.person is None:
                gate = (302, 401)
            elif scope == "other" and not is_admin:
                gate = (404, 404)
            elif actor.expired:
                gate = (403, 403)
            viewer = actor if scope == "own" else Actor(slug, actor.role, False, actor.person, actor.kinds)
            openable = {d.pk for d in world.docs[slug] if gate is None and expected_open(viewer, d, council)}
            listed = _listed(client, slug)
            check(f"{actor.label} lists {slug}", sorted(openable), sorted(listed))
            list_status = client.get(f"/c/{slug}/documents/").status_code
            check(f"{actor.label} list page {slug}", gate[0] if gate else 200, list_status)
            missing_page = client.get(f"/c/{slug}/documents/{MISSING_ID}/")
            missing_api = client.get(f"/api/v1/councils/{slug}/documents/{MISSING_ID}", headers=headers)
            for doc in world.docs[slug]:
                what = f"{actor.label} {scope} {doc.title}"
                page_want = gate[0] if gate else (200 if doc.pk in openable else 404)
                api_want = gate[1] if gate else (200 if doc.pk in openable else 404)
                detail = client.get(f"/c/{slug}/documents/{doc.pk}/")
                check(f"{what}: detail", page_want, detail.status_code)
                download = client.get(f"/c/{slug}/documents/{doc.pk}/file/")
                check(f"{what}: download", page_want, download.status_code)
                api = client.get(f"/api/v1/councils/{slug}/documents/{doc.pk}", headers=headers)
                check(f"{what}: API detail", api_want, api.status_code)
                api_file = client.get(f"/api/v1/councils/{slug}/documents/{doc.pk}/file", headers=headers)
                check(f"{what}: API download", api_want, api_file.status_code)
                if page_want == 404:
                    check(f"{what}: 404 page same as missing", _scrub(missing_page.content), _scrub(detail.content))
                    check(
                        f"{what}: download 404 same as missing", _scrub(missing_page.content), _scrub(download.content)
                    )
                if api_want == 404:
                    check(f"{what}: API 404 same as missing", json.loads(missing_api.content), json.loads(api.content))
                    check(
                        f"{what}: API file 404 same as missing",
                        json.loads(missing_api.content),
                        json.loads(api_file.content),
                    )
                if page_want == 200:
                    check(
                        f"{what}: bytes",
                        tiny_pdf(f"{slug} {doc.classification} {doc.personal_data}"),
                        b"".join(download.streaming_content),
                    )
        if actor.person is not None and not actor.expired:
            # Another council's id under this council's URL is missing too, whatever its classification.
            for doc in world.docs[OTHER[actor.council]]:
                response = client.get(f"/c/{actor.council}/documents/{doc.pk}/")
                check(f"{actor.label} guesses {doc.pk} under own URL", 404, response.status_code)
    wrong = [f"{what}: expected {want!r}, got {got!r}" for what, want, got in cases if want != got]
    print(f"documents matrix: {len(cases)} cases")
    assert len(cases) > 2000
    assert not wrong, f"{len(wrong)} of {len(cases)} cases wrong:\n" + "\n".join(wrong[:60])
