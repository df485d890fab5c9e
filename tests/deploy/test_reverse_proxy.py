"""The documented deployment, for real: Debian's nginx terminating TLS (a throwaway certificate) in front of
``councildesk serve`` with production settings. A person signs in through the proxy and lands on their home
page: no redirect loop, no "Origin checking failed". Also: a server that cannot bind its port exits clearly and
leaves the sweep lease free.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
CLI = "import sys; from councildesk.cli import main; main(sys.argv[1:])"

pytestmark = pytest.mark.deploy


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, proc: subprocess.Popen[bytes], log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"exited early: {log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"nothing listened on {port} within {seconds} s: {log.read_text()}")


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        COUNCILDESK_DATA=str(data),
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="deploy-test-" + "x" * 50,
        COUNCILDESK_ALLOWED_HOSTS="127.0.0.1,localhost",
        COUNCILDESK_SWEEP_INTERVAL="0",
    )
    env.update(extra)
    return env


NGINX_CONF = """
daemon off;
worker_processes 1;
user root;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
  access_log {tmp}/nginx-access.log;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{tls_port} ssl;
    ssl_certificate {tmp}/cert.pem;
    ssl_certificate_key {tmp}/key.pem;
    location / {{
      proxy_pass http://127.0.0.1:{app_port};
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-For $remote_addr;
    }}
  }}
}}
"""


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(NGINX).exists():
        message = "nginx is not installed: run 'apt-get install nginx-light' to test the deployment"
        if os.environ.get("CI"):
            pytest.fail(message + " (required under CI)")
        pytest.skip(message)
    tmp = tmp_path_factory.mktemp("deploy")
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    load = subprocess.run(
        [sys.executable, "-c", CLI, "demo", "--load-only"], cwd=ROOT, env=_env(tmp), capture_output=True, timeout=300
    )
    assert load.returncode == 0, load.stderr.decode()
    app_port, tls_port = _free_port(), _free_port()
    app_log = tmp / "serve.log"
    app = subprocess.Popen(
        [sys.executable, "-c", CLI, "serve", "--port", str(app_port), "--trusted-proxy", "127.0.0.1"],
        cwd=ROOT,
        env=_env(tmp, COUNCILDESK_TRUSTED_PROXY="127.0.0.1"),
        stdout=app_log.open("w"),
        stderr=subprocess.STDOUT,
    )
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, tls_port=tls_port, app_port=app_port))
    nginx_log = tmp / "nginx.out"
    nginx = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(tmp)], stdout=nginx_log.open("w"), stderr=subprocess.STDOUT
    )
    try:
        _wait_for(app_port, app, app_log)
        _wait_for(tls_port, nginx, nginx_log)
        yield f"https://127.0.0.1:{tls_port}"
    finally:
        nginx.terminate()
        app.terminate()
        nginx.wait(timeout=20)
        app.wait(timeout=60)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _opener() -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # a throwaway self-signed certificate
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=context), urllib.request.HTTPCookieProcessor(jar), _NoRedirect()
    )
    return opener, jar


def _fetch(opener, url: str, data: bytes | None = None, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    assert url.startswith("https://127.0.0.1:")
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 - checked just above
    try:
        return opener.open(request, timeout=30)
    except urllib.error.HTTPError as exc:  # 3xx and 4xx arrive here with the redirect handler off
        return exc


def test_signing_in_through_a_tls_proxy_works(proxied):
    opener, jar = _opener()
    page = _fetch(opener, f"{proxied}/accounts/login/")
    assert page.status == 200  # not a redirect to https: the proxy's X-Forwarded-Proto was believed
    html = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token
    assert "Content-Security-Policy" in page.headers
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": "sandon.clerk", "password": "councildesk-demo"}
    ).encode()
    signed_in = _fetch(
        opener,
        f"{proxied}/accounts/login/",
        data=form,
        headers={"Origin": proxied, "Referer": f"{proxied}/accounts/login/"},
    )
    assert signed_in.status == 302, signed_in.read().decode()[:500]
    if signed_in.headers["Location"].endswith("/accounts/login/verify/"):  # the Clerk's second factor (the demo key)
        from binascii import unhexlify

        from django_otp.oath import totp

        from councildesk.demo.loader import DEMO_TOTP_KEY

        verify = _fetch(opener, f"{proxied}/accounts/login/verify/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', verify)
        assert token
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1), "code": f"{totp(unhexlify(DEMO_TOTP_KEY)):06d}"}
        ).encode()
        headers = {"Origin": proxied, "Referer": f"{proxied}/accounts/login/verify/"}
        signed_in = _fetch(opener, f"{proxied}/accounts/login/verify/", data=form, headers=headers)
        assert signed_in.status == 302, signed_in.read().decode()[:500]
    session = next(c for c in jar if c.name == "sessionid")
    assert session.secure
    home = _fetch(opener, f"{proxied}/c/sandon-burston/")
    assert home.status == 200
    assert "no-store" in home.headers["Cache-Control"]


def test_a_server_that_cannot_bind_exits_clearly_and_leaves_the_sweep_lease_free(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = _env(tmp_path, COUNCILDESK_SWEEP_INTERVAL="60")
        result = subprocess.run(
            [sys.executable, "-c", CLI, "serve", "--port", str(port)], cwd=ROOT, env=env, capture_output=True,
            timeout=120,
        )  # fmt: skip
    assert result.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr.decode()
    sweep = subprocess.run(
        [sys.executable, "-c", CLI, "sweep", "--job", "deliver_outbox"], cwd=ROOT, env=env, capture_output=True,
        timeout=120,
    )  # fmt: skip
    assert "another sweep is running" not in sweep.stdout.decode() + sweep.stderr.decode()
    assert sweep.returncode == 0, sweep.stderr.decode()
