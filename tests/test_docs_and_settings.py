"""Docs that must not drift from the code, and settings that must hold in production."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import identify_hasher, make_password
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_environment_variable_is_documented():
    read = set()
    for path in (ROOT / "config").rglob("*.py"):
        read |= set(re.findall(r'environ(?:\.get\(|\[)\s*"([A-Z_]+)"', path.read_text()))
    documented = set(re.findall(r"^\| `([A-Z_]+)`", (ROOT / "docs" / "settings.md").read_text(), re.M))
    assert read, "found no settings read from the environment"
    assert read - documented == set()


def test_every_cli_command_is_in_the_readme():
    from councildesk.cli import COMMANDS

    readme = (ROOT / "README.md").read_text()
    for command in COMMANDS:
        assert f"councildesk {command}" in readme, command


def test_passwords_are_hashed_with_argon2_outside_the_tests():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        hashed = make_password("a long passphrase")
        assert identify_hasher(hashed).algorithm == "argon2"
    assert settings.AUTH_USER_MODEL == "people.Person"


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "COUNCILDESK_DATA": str(tmp_path),
        "DJANGO_SECRET_KEY": "x" * 20 + "-not-a-real-key-but-long-and-random-enough-9f8e7d6c5b4a",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", "COUNCILDESK_DATA": str(tmp_path)}
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr
