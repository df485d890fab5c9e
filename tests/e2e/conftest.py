"""Browser tests: the real ``councildesk demo`` server in a subprocess, driven by Playwright in Chromium.

Without Chromium they are skipped with a message saying how to install it; under CI they are required.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = "Chromium is not installed: run 'apt-get install chromium chromium-driver' to run the browser tests"
    if os.environ.get("CI"):
        pytest.fail(message + " (required under CI)")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_chromium()
    if running := os.environ.get("COUNCILDESK_E2E_SERVER"):  # a demo already serving, e.g. on a busy machine
        yield running.rstrip("/")
        return
    port = _free_port()
    data = tmp_path_factory.mktemp("demo-data")
    env = {**os.environ, "COUNCILDESK_DATA": str(data), "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    env.pop("DATABASE_URL", None)  # the demo is the embedded SQLite default
    log = (data / "server.log").open("w")
    code = "import sys; from councildesk.cli import main; main(sys.argv[1:])"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "demo", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the demo server exited: {(data / 'server.log').read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError("the demo server did not start within 180 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(scope="session")
def browser(demo_server: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
