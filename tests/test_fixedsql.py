"""core.fixedsql.insert writes what the ORM would write, and skips a duplicate only when asked to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from councildesk.core import fixedsql
from councildesk.enquiries.models import Enquiry
from councildesk.notifications.models import Notification, OutboxEmail
from tests.factories import person_with_role

RECEIVED = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 30, 15, 123456))


def _enquiry(council, person, key: str) -> Enquiry:  # type: ignore[no-untyped-def]
    return Enquiry(
        council=council,
        number=900 if key == "orm" else 901,
        route=Enquiry.Route.HEAD_OFFICER,
        raised_by=person,
        subject="Potholes on Mill Lane — “urgent”",
        details="Line one\nLine two\x7f",
        submission_key=key,
        received_at=RECEIVED,
        clock_start=dt.date(2026, 12, 1),
        requested_by=dt.date(2026, 12, 24),
        response_value=10,
        response_unit="working_days",
        out_of_hours=True,
    )


def _stored(pk: int) -> dict[str, object]:
    row = Enquiry.objects.filter(pk=pk).values().get()
    for varies in ("id", "number", "submission_key"):
        row.pop(varies)
    return row


@pytest.mark.django_db
def test_insert_stores_the_same_values_as_the_orm(sandon):
    cllr = person_with_role(sandon, "councillor")
    by_orm = _enquiry(sandon, cllr, "orm")
    super(Enquiry, by_orm).save(force_insert=True)  # the ORM's own INSERT, past Enquiry.save's fast path
    by_fixed = _enquiry(sandon, cllr, "fixed")
    with transaction.atomic():
        assert fixedsql.insert(by_fixed) is True
    assert by_fixed.pk is not None
    assert by_fixed.pk != by_orm.pk
    assert not by_fixed._state.adding
    assert _stored(by_fixed.pk) == _stored(by_orm.pk)
    assert Enquiry.objects.get(pk=by_fixed.pk).received_at == RECEIVED


@pytest.mark.django_db
def test_a_duplicate_is_skipped_only_when_asked(sandon):
    clerk = person_with_role(sandon, sandon.profile.roles.head_of_paid_service)

    def notice() -> Notification:
        return Notification(
            council=sandon, recipient=clerk, kind="test", subject="s", body="b", created_at=RECEIVED, dedupe_key="k1"
        )

    with transaction.atomic():
        assert fixedsql.insert(notice(), skip_duplicate=True) is True
        again = notice()
        assert fixedsql.insert(again, skip_duplicate=True) is False
        assert again.pk is None
        assert again._state.adding
    assert Notification.objects.filter(council=sandon, dedupe_key="k1").count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        fixedsql.insert(notice())


@pytest.mark.django_db
def test_json_and_links_are_written_as_the_orm_writes_them(sandon):
    clerk = person_with_role(sandon, sandon.profile.roles.head_of_paid_service)
    note = Notification(council=sandon, recipient=clerk, kind="t", subject="s", body="b", created_at=RECEIVED)
    fixedsql.insert(note)
    email = OutboxEmail(
        council=sandon,
        notification=note,
        to_address="clerk@example.org",
        subject="s",
        body="b",
        headers={"Message-ID": "<1@example.org>", "X-Number": 7},
        created_at=RECEIVED,
        next_attempt_at=RECEIVED,
    )
    fixedsql.insert(email)
    stored = OutboxEmail.objects.get(pk=email.pk)
    assert stored.headers == {"Message-ID": "<1@example.org>", "X-Number": 7}
    assert stored.notification_id == note.pk


@pytest.mark.django_db
def test_insert_refuses_a_row_that_already_has_a_key(sandon):
    clerk = person_with_role(sandon, sandon.profile.roles.head_of_paid_service)
    note = Notification(council=sandon, recipient=clerk, kind="t", subject="s", body="b", created_at=RECEIVED)
    fixedsql.insert(note)
    with pytest.raises(ValueError, match="new rows only"):
        fixedsql.insert(note)


@pytest.mark.django_db
def test_insert_refuses_an_unsaved_link(sandon):
    stranger = person_with_role(sandon, "councillor")
    stranger.pk = None  # as if never saved
    note = Notification(council=sandon, recipient=stranger, kind="t", subject="s", body="b", created_at=RECEIVED)
    with pytest.raises(ValueError, match="unsaved related object"):
        fixedsql.insert(note)
