"""The Clerk keeps the council's people (issue 13): pages for people, terms, seats and co-options; the CSV import
with its dry run; and the Monitoring Officer who serves a parish through the access gate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client

from councildesk.audit.models import AuditEvent
from councildesk.core import clock
from councildesk.core.errors import NotFound
from councildesk.people import imports, services
from councildesk.people.access import membership_for
from councildesk.people.models import Committee, CommitteeSeat, MonitoringArrangement, Person, Role, Ward
from tests.factories import person_with_role

TODAY = dt.date(2026, 12, 4)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def client_for(person: Person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def _date(name: str, day: dt.date | None) -> dict[str, str]:
    if day is None:
        return {f"{name}-day": "", f"{name}-month": "", f"{name}-year": ""}
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def _new_person(start: dt.date, end: dt.date | None, username: str = "new.cllr") -> dict[str, str]:
    return {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "username": username,
        "email": "ada@example.org",
        "kind": "councillor",
        **_date("start", start),
        **_date("end", end),
    }


def test_the_clerk_adds_a_councillor_with_a_term_and_it_is_audited(sandon):
    clerk = person_with_role(sandon, "clerk")
    c = client_for(clerk)
    response = c.post(
        f"/c/{sandon.slug}/people/new/", _new_person(dt.date(2026, 5, 7), dt.date(2030, 5, 5)), follow=True
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ada Lovelace added as Councillor from 7 May 2026." in text  # the confirmation banner
    role = Role.objects.get(person__username="new.cllr", council=sandon)
    assert (role.kind, role.start, role.end) == ("councillor", dt.date(2026, 5, 7), dt.date(2030, 5, 5))
    actions = list(AuditEvent.objects.filter(council=sandon, actor=clerk).values_list("action", flat=True))
    assert actions == ["person.created", "role.granted"]
    assert "5 May 2030" in text


@pytest.mark.rule("ROLES_COUNCILLOR_TERM_BOUNDED")
def test_a_term_that_ends_before_it_starts_is_refused_on_its_field_and_nothing_is_added(sandon):
    clerk = person_with_role(sandon, "clerk")
    c = client_for(clerk)
    response = c.post(f"/c/{sandon.slug}/people/new/", _new_person(dt.date(2026, 5, 7), dt.date(2026, 5, 6)))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'href="#id_end-day"' in text  # the error summary links the field
    assert "The end date must be on or after the start date, 7 May 2026." in text
    assert 'value="Lovelace"' in text  # what was typed is kept
    assert not Person.objects.filter(username="new.cllr").exists()  # not even the person: one transaction
    # A date that is no date is named too.
    response = c.post(f"/c/{sandon.slug}/people/new/", {**_new_person(TODAY, None), "start-month": "13"})
    assert "The start date must be a real date." in response.content.decode()


def test_ending_a_term_early_and_refusing_an_end_before_the_start(sandon):
    clerk = person_with_role(sandon, "clerk")
    cllr = person_with_role(sandon, "councillor", start=dt.date(2023, 5, 8))
    role = Role.objects.get(person=cllr)
    c = client_for(clerk)
    url = f"/c/{sandon.slug}/people/p/{cllr.username}/roles/{role.pk}/end/"
    response = c.post(url, _date("end", dt.date(2023, 5, 1)))
    assert "on or after the day the role started, 8 May 2023" in response.content.decode()
    response = c.post(url, _date("end", dt.date(2026, 11, 30)), follow=True)
    assert "ends on 30 November 2026" in response.content.decode()
    role.refresh_from_db()
    assert role.end == dt.date(2026, 11, 30)
    assert AuditEvent.objects.filter(council=sandon, action="role.ended", subject_id=str(role.pk)).exists()
    # The same role from the same day again is a clear refusal on the start date, not a database error.
    response = c.post(
        f"/c/{sandon.slug}/people/p/{cllr.username}/roles/new/",
        {"kind": "councillor", **_date("start", dt.date(2023, 5, 8)), **_date("end", None)},
    )
    assert 'href="#id_start-day"' in response.content.decode()
    assert "is already Councillor from 8 May 2023" in response.content.decode()


@pytest.mark.rule("PROTOCOL_APPLIES_TO_COOPTED_MEMBERS")
def test_a_co_option_only_where_the_profile_has_the_co_opted_member_role(sandon, district):
    for target, allowed in ((district, True), (sandon, False)):
        committee = services.committee_create(actor=None, council=target, name="Planning Committee")
        person = person_with_role(target, "councillor")
        if allowed:
            seat = services.committee_seat_add(
                actor=None, committee=committee, person=person, seat=CommitteeSeat.Seat.CO_OPTED, start=TODAY
            )
            assert seat.seat == "co_opted"
        else:
            with pytest.raises(Exception, match="no Co-opted member"):
                services.committee_seat_add(
                    actor=None, committee=committee, person=person, seat=CommitteeSeat.Seat.CO_OPTED, start=TODAY
                )
            clerk = person_with_role(target, "clerk")
            page = client_for(clerk).get(f"/c/{target.slug}/people/p/{person.username}/seats/new/")
            assert "Co-opted member" not in page.content.decode()


HEADER = "type,name,committee_type,username,first_name,last_name,email,roles,start,end,ward,committees\n"


def test_a_csv_with_problems_is_reported_row_by_row_and_nothing_is_applied(district):
    clerk = person_with_role(district, "chief_executive")
    data = (
        HEADER
        + "ward,Abbey Ward,,,,,,,,,,\n"
        + "person,,,a.one,Ann,One,,Councillor,8/5/2023,,Abbey Ward,\n"
        + "person,,,a.one,Ann,Again,,Councillor,8/5/2023,,,\n"  # duplicate username
        + "person,,,b.two,Bob,Two,,Councillor,31/2/2023,,,\n"  # no such date
        + "person,,,c.three,Cy,Three,,Councillor,8/5/2023,,Nowhere Ward,\n"  # unknown ward
        + "person,,,d.four,Di,Four,,Archbishop,8/5/2023,1/5/2023,,Missing Committee\n"
    ).encode()
    report = imports.people_import(actor=clerk, council=district, data=data, dry_run=False)
    assert not report.applied
    got = {(p.row, p.column) for p in report.problems}
    assert got == {(4, "username"), (5, "start"), (6, "ward"), (7, "roles"), (7, "end"), (7, "committees")}
    assert "also on row 3" in next(p.message for p in report.problems if p.row == 4)
    assert not Ward.objects.filter(council=district).exists()
    assert not Person.objects.filter(username="a.one").exists()
    page = client_for(clerk).post(f"/c/{district.slug}/people/import/", {"file": _upload(data)})
    text = page.content.decode()
    assert "Nothing was imported: the file has 6 problems" in text
    assert "There is no ward called Nowhere Ward" in text
    for garbage in (b"type,name\n\x00,x\n", b"\xff\xfe", b"name,colour\nx,y\n"):
        assert [p.column for p in imports.check(district, garbage)[1]] == ["file"]


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("people.csv", data, content_type="text/csv")


def test_the_dry_run_changes_nothing_and_the_real_run_applies_everything_audited(district):
    clerk = person_with_role(district, "chief_executive")
    data = (
        HEADER
        + "committee,Licensing Committee,,,,,,,,,,\n"
        + "ward,Castle Ward,,,,,,,,,,\n"
        + "person,,,e.five,Eve,Five,eve@example.org,Councillor; Chair,8 May 2023,,Castle Ward,"
        "Licensing Committee (chair)\n"
        + "person,,,f.six,Fay,Six,,Co-opted Member,8/5/2023,,,Licensing Committee (co-opted)\n"
    ).encode()
    c = client_for(clerk)
    before = AuditEvent.objects.filter(council=district).count()
    page = c.post(f"/c/{district.slug}/people/import/", {"file": _upload(data)})
    text = page.content.decode()
    assert "The file is ready to import" in text
    assert AuditEvent.objects.filter(council=district).count() == before  # the dry run rolled back
    assert not Person.objects.filter(username="e.five").exists()
    content = page.context["confirm"].initial["content"]
    page = c.post(f"/c/{district.slug}/people/import/", {"content": content}, follow=True)
    assert "Imported 2 people with 3 roles, 2 committee seats, 1 wards and 1 committees." in page.content.decode()
    eve = Person.objects.get(username="e.five")
    assert set(Role.objects.filter(person=eve).values_list("kind", flat=True)) == {"councillor", "chair"}
    assert CommitteeSeat.objects.get(person__username="f.six").seat == "co_opted"
    assert AuditEvent.objects.filter(council=district, action="people.imported").count() == 1


@pytest.mark.rule("COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED")
def test_a_failure_while_applying_rolls_back_the_whole_file(all_councils):
    """The personnel committee's size is only known once seats are added: the dry run finds it all the same."""
    cottingham = all_councils["cottingham"]
    clerk = person_with_role(cottingham, "clerk")
    size = cottingham.profile.complaints.personnel_panel_size
    assert size is not None
    rows = "".join(f"person,,,p{i},P,Person{i},,Councillor,8/5/2023,,,Grievance Committee\n" for i in range(size + 1))
    data = (HEADER + "committee,Grievance Committee,personnel,,,,,,,,,\n" + rows).encode()
    for dry_run in (True, False):
        report = imports.people_import(actor=clerk, council=cottingham, data=data, dry_run=dry_run)
        assert not report.applied
        assert [p.row for p in report.problems] == [size + 3]
        assert "already has its 3 members" in report.problems[0].message
    assert not Committee.objects.filter(council=cottingham).exists()
    assert not Person.objects.filter(username="p0").exists()


def test_the_principal_councils_monitoring_officer_serves_the_parish_through_the_gate(all_councils):
    district, town, other = all_councils["district-annex"], all_councils["mayor-town"], all_councils["cottingham"]
    mo = person_with_role(district, "monitoring_officer")
    officer = person_with_role(district, "officer")
    with pytest.raises(NotFound):
        membership_for(mo, town.slug)
    call_command("monitoring_officer", town.slug, "--served-by", district.slug, "--start", "8/5/2023")  # the host
    assert "monitoring_officer" in membership_for(mo, town.slug).kinds
    assert not membership_for(mo, town.slug).roles  # no role of their own there
    assert client_for(mo).get(f"/c/{town.slug}/audit/").status_code == 200
    # Others at the principal council, and councils it does not serve, still answer 404.
    assert client_for(officer).get(f"/c/{town.slug}/audit/").status_code == 404
    assert client_for(mo).get(f"/c/{other.slug}/audit/").status_code == 404
    overview = client_for(mo).get(f"/c/{district.slug}/monitoring/")
    text = overview.content.decode()
    assert town.name in text
    assert other.name not in text
    assert client_for(officer).get(f"/c/{district.slug}/monitoring/").status_code == 404
    # When the arrangement ends, so does the access.
    MonitoringArrangement.objects.filter(council=town).update(end=dt.date(2026, 12, 1))
    with pytest.raises(NotFound):
        membership_for(mo, town.slug)


def test_only_the_host_records_an_arrangement(all_councils):
    district, town = all_councils["district-annex"], all_councils["mayor-town"]
    ce = person_with_role(district, "chief_executive")
    with pytest.raises(Exception, match="host administrator"):
        services.monitoring_arrangement_record(actor=ce, council=town, principal=district, start=TODAY)
