"""The sweep emails each council's Monitoring Officers the day's signed checkpoint, once a day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from councildesk.audit import signing
from councildesk.audit.checkpoints import council_file, load_signing_key
from councildesk.notifications.models import Notification, OutboxEmail
from councildesk.sweep import audit_checkpoints
from councildesk.sweep.jobs import JOBS
from tests import factories
from tests.audit.tampering import tamper

MORNING = dt.datetime(2026, 12, 1, 0, 5, tzinfo=dt.UTC)


@pytest.fixture
def keyed(tmp_path, settings):
    path = tmp_path / "checkpoint.pem"
    call_command("audit", "keygen", "--output", str(path))
    settings.COUNCILDESK_CHECKPOINT_KEY = str(path)
    settings.COUNCILDESK_CHECKPOINT_DIR = tmp_path / "checkpoints"
    return path


@pytest.fixture
def annex(district, keyed):
    mo = factories.person_with_role(district, "monitoring_officer", start=dt.date(2026, 1, 1))
    mo.email = "mo@example.org"
    mo.save(update_fields=["email"])
    return district, mo


def notices(mo):
    return list(Notification.objects.filter(recipient=mo, kind="audit.checkpoint"))


def test_the_job_is_in_the_sweep_before_delivery():
    names = [job.name for job in JOBS]
    assert names.index("audit_checkpoints") < names.index("deliver_outbox")


def test_the_monitoring_officer_gets_the_days_signed_checkpoint_once(annex):
    council, mo = annex
    assert audit_checkpoints.run(MORNING) == 1
    (notice,) = notices(mo)
    line = council_file(council.slug).read_text().splitlines()[-1]
    email = OutboxEmail.objects.get(notification=notice)
    assert line in email.body
    cp = signing.read(line, load_signing_key().public_key())
    assert (cp.council, cp.seq) == (council.slug, council.audit_events.count())
    # every later sweep that day does nothing, even with the day's marker gone
    assert audit_checkpoints.run(MORNING + dt.timedelta(minutes=1)) == 0
    for marker in council_file(council.slug).parent.glob(".sent-*"):
        marker.unlink()
    assert audit_checkpoints.run(MORNING + dt.timedelta(hours=3)) == 0
    assert len(notices(mo)) == 1
    assert len(council_file(council.slug).read_text().splitlines()) == 1
    # the next day brings the next one
    assert audit_checkpoints.run(MORNING + dt.timedelta(days=1)) == 1
    assert len(notices(mo)) == 2
    assert len(council_file(council.slug).read_text().splitlines()) == 2


def test_without_a_key_nothing_is_signed_or_sent(annex, settings):
    council, mo = annex
    settings.COUNCILDESK_CHECKPOINT_KEY = None
    assert audit_checkpoints.run(MORNING) == 0
    assert notices(mo) == []
    assert not council_file(council.slug).exists()


def test_a_broken_log_is_reported_to_the_monitoring_officer_not_signed(annex):
    council, mo = annex
    tamper("UPDATE audit_auditevent SET action = 'x' WHERE council_id = %s AND seq = 1", [council.pk])
    assert audit_checkpoints.run(MORNING) == 1
    (notice,) = notices(mo)
    assert "NOT intact" in notice.subject
    assert not council_file(council.slug).exists()
