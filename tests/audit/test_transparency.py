"""The newest signed checkpoint, shown in plain words on the council's audit page and its public transparency
page, so someone outside the database can compare it with the checkpoint they hold. A line that does not verify
is never shown."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from councildesk.audit import transparency
from councildesk.audit.checkpoints import council_file
from councildesk.audit.models import AuditHead
from tests import factories
from tests.audit.tampering import truncate
from tests.audit.test_checkpoints import add_events, key_file  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(sandon, key_file):  # noqa: F811
    add_events(sandon, 4)
    call_command("audit", "checkpoint", "--council", sandon.slug, stdout=io.StringIO())
    return sandon


def test_nothing_is_published_before_the_first_checkpoint(sandon):
    assert transparency.latest(sandon) is None
    page = Client().get(f"/c/{sandon.slug}/transparency/").content.decode()
    assert "No signed checkpoint of this council" in page


def test_the_public_page_and_its_json_show_the_signed_head(signed):
    head = AuditHead.objects.get(council=signed)
    page = Client().get(f"/c/{signed.slug}/transparency/").content.decode()
    assert f"then held {head.seq} events" in " ".join(page.split())
    assert head.hash in page
    assert "BEGIN PUBLIC KEY" in page
    data = json.loads(Client().get(f"/c/{signed.slug}/transparency/?format=json").content)
    assert data["audit_checkpoint"]["events"] == head.seq
    assert data["audit_checkpoint"]["head_hash"] == head.hash
    assert json.loads(data["audit_checkpoint"]["checkpoint"])["signature"]


def test_the_audit_page_compares_today_with_the_checkpoint(signed):
    clerk = factories.person_with_role(signed, "clerk")
    client = Client()
    client.force_login(clerk)
    page = " ".join(client.get(f"/c/{signed.slug}/audit/").content.decode().split())
    assert "The log today still agrees with this checkpoint." in page
    truncate(signed, 2)  # events removed and the head rolled back after the checkpoint: intact on its own
    page = " ".join(client.get(f"/c/{signed.slug}/audit/").content.decode().split())
    assert "The log has been tampered with" in page
    assert "does not agree with this checkpoint" in page


def test_a_forged_newest_line_is_not_shown(signed):
    line = council_file(signed.slug).read_text().splitlines()[-1]
    outer = json.loads(line)
    outer["payload"] = outer["payload"].replace('"seq":', '"seq":9')
    with council_file(signed.slug).open("a") as out:
        out.write(json.dumps(outer) + "\n")
    assert transparency.latest(signed) is None
    page = Client().get(f"/c/{signed.slug}/transparency/").content.decode()
    assert "No signed checkpoint" in page
