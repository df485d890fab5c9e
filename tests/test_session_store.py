"""The session engine (ADR 0023) reads a session as Django's database engine does: a live session's data, and
nothing (with the key forgotten) for an expired, unknown or malformed key."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councildesk.core import session_store


def test_the_setting_names_the_engine():
    assert settings.SESSION_ENGINE == "councildesk.core.session_store"


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["live", "expired", "unknown", "malformed"])
def test_a_session_reads_as_djangos_engine_reads_it(case):
    made = db.SessionStore()
    made["councildesk.test"] = {"n": 1, "when": "today"}
    made.create()
    made.save()
    key = made.session_key
    if case == "expired":
        Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    elif case == "unknown":
        key = "x" * 32
    elif case == "malformed":
        key = "short"
    ours, djangos = session_store.SessionStore(key), db.SessionStore(key)
    with CaptureQueriesContext(connection) as queries:
        loaded = ours.load()
    assert len(queries) == 1
    assert loaded == djangos.load()
    assert ours.session_key == djangos.session_key
    assert (loaded == {"councildesk.test": {"n": 1, "when": "today"}}) is (case == "live")


@pytest.mark.django_db
def test_saving_and_ending_are_djangos():
    store = session_store.SessionStore()
    store["a"] = 1
    store.save()
    again = session_store.SessionStore(store.session_key)
    assert again["a"] == 1
    again.flush()
    assert not Session.objects.filter(session_key=store.session_key).exists()
    assert session_store.SessionStore(store.session_key).load() == {}
