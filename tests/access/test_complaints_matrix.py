"""The complaints matrix: every sensitivity class (complainant, subject, handler, panel member, other member, the
chair, officer, head officer, Monitoring Officer, group leader, host administrator, another council's member,
anonymous) × every complaint URL (list, detail, each action page, API list and detail) × {own council, other}.

The expected answer comes from ``sees`` below, written from the protocol, not from the code under test: only the
person who raised a complaint and its active handlers (first recipients, formal handlers, panel members) open it.
A complaint anyone else asks for answers 404 byte for byte like a missing id, is never listed, and every opening
by someone entitled is logged once (a row and an audit event).
"""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from councildesk.api.tokens import token_issue
from councildesk.audit.models import AuditEvent
from councildesk.complaints import rules, services
from councildesk.complaints.models import Complaint, ComplaintOpening
from councildesk.people import services as people
from tests import factories
from tests.complaints.conftest import START, build

MISSING_ID = 987_654_321
PAGES = ("", "informal/", "formal/", "mediation/", "panel/", "decide/")


def _scrub(body: bytes) -> str:
    text = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", body.decode())
    return re.sub(r"/complaints/\d+/", "/complaints/N/", text)


@pytest.mark.django_db
@pytest.mark.rule("COMPLAINTS_CONFIDENTIAL_HANDLING")
def test_complaints_matrix():
    cot = build("cottingham")
    dist = build("district-annex")
    admin = factories.PersonFactory(is_host_admin=True)
    # Cottingham: a councillor's concern about the Clerk, at the committee chair; then formal, then a panel of three.
    about_clerk, _ = services.complaint_raise(
        actor=cot.cllrs[0],
        council=cot.council,
        kind=rules.CONCERN,
        subject=cot.head,
        summary="Clerk",
        details="d",
        submission_key="m1",
    )
    services.complaint_formalise(actor=cot.cllrs[0], council=cot.council, pk=about_clerk.pk, reason="r", bypass=True)
    panel = cot.personnel
    services.panel_constitute(actor=panel[0], council=cot.council, pk=about_clerk.pk, members=panel)
    # District: an officer's concern about a councillor, at the Chief Executive (6.2).
    about_cllr, _ = services.complaint_raise(
        actor=dist.officer,
        council=dist.council,
        kind=rules.CONCERN,
        subject=dist.cllrs[1],
        summary="Councillor",
        details="d",
        submission_key="m2",
    )
    twin = factories.person_with_role(cot.council, "councillor")  # also a district councillor
    people.role_grant(actor=None, council=dist.council, person=twin, kind="councillor", start=START)

    complaints = {cot.council.slug: about_clerk, dist.council.slug: about_cllr}
    sees = {
        about_clerk.pk: {cot.cllrs[0].pk, *(p.pk for p in panel)},
        about_cllr.pk: {dist.officer.pk, dist.head.pk},
    }
    actors = {
        "cot complainant": cot.cllrs[0],
        "cot subject (Clerk)": cot.head,
        "cot panel member": panel[1],
        "cot chair": cot.chair,
        "cot other member": cot.cllrs[3],
        "cot officer": cot.officer,
        "cot Monitoring Officer": cot.mo,
        "dist complainant (officer)": dist.officer,
        "dist handler (Chief Executive)": dist.head,
        "dist subject": dist.cllrs[1],
        "dist chair": dist.chair,
        "dist group leader": dist.leader,
        "dist Monitoring Officer": dist.mo,
        "dist other member": dist.cllrs[2],
        "twin-hatted member": twin,
        "host admin": admin,
        "anonymous": None,
    }
    cases: list[tuple[str, object, object]] = []
    opened: dict[int, int] = {c.pk: 0 for c in complaints.values()}
    for label, person in actors.items():
        client, headers = Client(), {}
        if person is not None:
            client.force_login(person)
            headers = {"Authorization": f"Bearer {token_issue(actor=person, name='m')[1]}"}
        for slug, complaint in complaints.items():
            in_council = person is not None and (
                person.is_host_admin or person.roles.filter(council__slug=slug).exists()
            )
            may = person is not None and person.pk in sees[complaint.pk]
            base = f"/c/{slug}/complaints/"
            listing = client.get(base)
            want_list = 302 if person is None else (200 if in_council else 404)
            cases.append((f"{label}: list {slug}", want_list, listing.status_code))
            if listing.status_code == 200:
                listed = f'data-complaint="{complaint.pk}"' in listing.content.decode()
                cases.append((f"{label}: listed in {slug}", may, listed))
            missing = client.get(f"{base}{MISSING_ID}/")
            detail = client.get(f"{base}{complaint.pk}/")
            want = 302 if person is None else (200 if may else 404)
            cases.append((f"{label}: detail {slug}", want, detail.status_code))
            if want == 200:
                opened[complaint.pk] += 1
            if want == 404:
                cases.append((f"{label}: 404 like missing {slug}", _scrub(missing.content), _scrub(detail.content)))
            for page in PAGES[1:]:
                response = client.get(f"{base}{complaint.pk}/{page}")
                if not may:  # nobody else reaches an action page, whatever it is
                    cases.append((f"{label}: {page} {slug}", 302 if person is None else 404, response.status_code))
                    if person is not None:
                        cases.append(
                            (f"{label}: {page} like missing", _scrub(missing.content), _scrub(response.content))
                        )
            api_list = client.get(f"/api/v1/councils/{slug}/complaints", headers=headers)
            want_api_list = 401 if person is None else (200 if in_council else 404)
            cases.append((f"{label}: API list {slug}", want_api_list, api_list.status_code))
            if api_list.status_code == 200:
                ids = {row["id"] for row in api_list.json()}
                cases.append((f"{label}: API listed {slug}", may, complaint.pk in ids))
            api_missing = client.get(f"/api/v1/councils/{slug}/complaints/{MISSING_ID}", headers=headers)
            api = client.get(f"/api/v1/councils/{slug}/complaints/{complaint.pk}", headers=headers)
            want_api = 401 if person is None else (200 if may else 404)
            cases.append((f"{label}: API detail {slug}", want_api, api.status_code))
            if want_api == 200:
                opened[complaint.pk] += 1
            if want_api == 404:
                cases.append(
                    (f"{label}: API 404 like missing", json.loads(api_missing.content), json.loads(api.content))
                )
    for pk, count in opened.items():
        cases.append((f"openings logged for {pk}", count, ComplaintOpening.objects.filter(complaint_id=pk).count()))
        audited = AuditEvent.objects.filter(action="complaint.opened", subject_id=str(pk)).count()
        cases.append((f"opening audit events for {pk}", count, audited))
    assert Complaint.objects.count() == 2
    wrong = [f"{what}: expected {want!r}, got {got!r}" for what, want, got in cases if want != got]
    print(f"complaints matrix: {len(cases)} cases")
    assert len(cases) > 300
    assert not wrong, f"{len(wrong)} of {len(cases)} cases wrong:\n" + "\n".join(wrong[:60])
