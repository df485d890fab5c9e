"""Every page has a strict Content-Security-Policy; private responses are never cached; sessions end when idle
or too old, on the server as well as in the browser."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from councildesk.core.security import SEEN_AT, SIGNED_IN_AT, session_expired
from tests.factories import person_with_role


@pytest.fixture
def clerk(sandon):
    return person_with_role(sandon, "clerk", start=dt.date(2020, 1, 1))


def test_pages_carry_a_csp_without_inline_script(client, sandon, clerk):
    client.force_login(clerk)
    response = client.get(f"/c/{sandon.slug}/")
    csp = response["Content-Security-Policy"]
    script = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script
    assert "unsafe-inline" not in script
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]


def test_signed_in_pages_and_the_api_are_never_cached(client, sandon, clerk):
    assert "no-store" not in client.get("/accessibility/").get("Cache-Control", "")
    client.force_login(clerk)
    assert "no-store" in client.get(f"/c/{sandon.slug}/")["Cache-Control"]
    assert "no-store" in client.get("/api/v1/councils")["Cache-Control"]


def test_the_idle_and_absolute_limits():
    start = 1_000_000.0
    ok = {"signed_in_at": start, "idle_seconds": 1800, "max_seconds": 43200}
    assert not session_expired(now=start + 1799, seen_at=start, **ok)
    assert session_expired(now=start + 1801, seen_at=start, **ok)
    assert not session_expired(now=start + 43199, seen_at=start + 43000, **ok)
    assert session_expired(now=start + 43201, seen_at=start + 43200, **ok)


def test_an_idle_session_is_ended_on_the_server(client, sandon, clerk):
    client.force_login(clerk)
    assert client.get(f"/c/{sandon.slug}/").status_code == 200
    session = client.session
    session[SEEN_AT] = time.time() - 31 * 60
    session.save()
    cookie = client.cookies["sessionid"].value
    response = client.get(f"/c/{sandon.slug}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # The old cookie is dead: replaying it does not sign anyone in.
    client.cookies["sessionid"] = cookie
    assert client.get(f"/c/{sandon.slug}/").status_code == 302


def test_a_session_older_than_the_absolute_limit_ends_however_active(client, sandon, clerk):
    client.force_login(clerk)
    client.get(f"/c/{sandon.slug}/")
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 13 * 3600
    session.save()
    assert client.get(f"/c/{sandon.slug}/").status_code == 302


def test_signing_out_kills_a_copied_session_cookie(client, sandon, clerk):
    client.force_login(clerk)
    stolen = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    client.cookies["sessionid"] = stolen
    assert client.get(f"/c/{sandon.slug}/").status_code == 302
