"""Issue 14: a token's last_used_at is written at most once a minute, not on every request."""

from __future__ import annotations

import datetime as dt

from councildesk.api.models import ApiToken
from councildesk.api.tokens import token_authenticate, token_issue
from councildesk.core import clock
from tests import factories


def test_last_used_is_written_at_most_once_a_minute(sandon, monkeypatch):
    cllr = factories.person_with_role(sandon, "councillor")
    token, key = token_issue(actor=cllr, name="script")
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start)
    assert token_authenticate(key) == cllr
    assert ApiToken.objects.get(pk=token.pk).last_used_at == start
    monkeypatch.setattr(clock, "now", lambda: start + dt.timedelta(seconds=59))
    assert token_authenticate(key) == cllr
    assert ApiToken.objects.get(pk=token.pk).last_used_at == start  # not written again within the minute
    later = start + dt.timedelta(seconds=61)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert token_authenticate(key) == cllr
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later
