"""The console script and its commands: clear messages and exit codes, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from councildesk.audit.verification import verify_council
from councildesk.councils.models import Council
from councildesk.people.models import Person, Role
from councildesk.protocol.models import Clause

ROOT = Path(__file__).resolve().parents[2]
PROFILES = settings.COUNCILDESK_PROFILES_DIR
SEEDS = settings.COUNCILDESK_SEEDS_DIR


def run_cli(*args: str, data_dir: Path, database_url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        "COUNCILDESK_DATA": str(data_dir),
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    code = "import sys; from councildesk.cli import main; main(sys.argv[1:])"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_profile_accepts_every_shipped_profile(tmp_path):
    for path in sorted(PROFILES.glob("*.toml")):
        result = run_cli("check-profile", str(path), data_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "valid profile" in result.stdout


def test_check_profile_lists_each_problem_with_its_key_path(tmp_path):
    text = (PROFILES / "cottingham.toml").read_text(encoding="utf-8")
    text = text.replace("[deciders]", "[deciders]\nwho_knows = true", 1)
    text = "\n".join(line for line in text.splitlines() if not line.startswith("ROLES_HEAD_OF_PAID_SERVICE ="))
    text = text.replace("approved = 2013-02-21", 'approved = "2013-02-30"', 1)
    broken = tmp_path / "broken.toml"
    broken.write_text(text, encoding="utf-8")
    result = run_cli("check-profile", str(broken), data_dir=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "deciders.who_knows: unknown key" in result.stderr
    assert "protocol.versions[0].approved" in result.stderr
    assert "clauses.ROLES_HEAD_OF_PAID_SERVICE: missing" in result.stderr


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds beside the checkout")
def test_check_profile_finds_a_clause_missing_from_the_protocol(tmp_path):
    text = (PROFILES / "mayor-town.toml").read_text(encoding="utf-8")
    text = text.replace('ROLES_MAYOR_OFFICE_SUPPORTED = ["6.1"]', 'ROLES_MAYOR_OFFICE_SUPPORTED = ["6.9"]')
    assert '"6.9"' in text
    profile = tmp_path / "mayor.toml"
    profile.write_text(text, encoding="utf-8")
    seed = next(SEEDS.glob("004_*"))
    result = run_cli("check-profile", str(profile), "--protocol", str(seed), data_dir=tmp_path)
    assert result.returncode == 1
    assert "clauses.ROLES_MAYOR_OFFICE_SUPPORTED[0]: clause '6.9' does not exist" in result.stderr


def test_unknown_command_and_unknown_council_are_clear(tmp_path):
    result = run_cli("frobnicate", data_dir=tmp_path)
    assert result.returncode == 2
    assert "unknown command" in result.stderr
    result = run_cli("audit", "verify", data_dir=tmp_path)
    assert result.returncode == 2
    assert "no councildesk tables yet" in result.stderr
    assert run_cli("manage", "migrate", "-v0", data_dir=tmp_path).returncode == 0
    result = run_cli("audit", "verify", "--council", "atlantis", data_dir=tmp_path)
    assert result.returncode == 2
    assert "No council has the slug 'atlantis'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds beside the checkout")
def test_demo_load_is_idempotent_and_its_audit_verifies(tmp_path):
    first = run_cli("demo", "--load-only", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "sandon.clerk" in first.stdout
    assert "imported" in first.stdout
    second = run_cli("demo", "--load-only", data_dir=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "imported" not in second.stdout
    verify = run_cli("audit", "verify", data_dir=tmp_path)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert verify.stdout.count("intact") == 5


@pytest.mark.django_db
def test_import_protocol_prints_the_clause_count(sandon, capsys):
    seed = next(SEEDS.glob("000_*"), None)
    if seed is None:
        pytest.skip("needs ../shared/seeds beside the checkout")
    call_command("import_protocol", "--council", "sandon-burston", str(seed))
    count = Clause.objects.filter(council=sandon).count()
    assert f"{count} clauses imported" in capsys.readouterr().out
    assert count > 50
    assert verify_council(sandon).ok


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("shopping.txt", b"eggs\nmilk\nbread\n", "protocol"),
        ("corrupt.docx", b"PK\x03\x04 this is not really a docx", "docx"),
        ("empty.md", b"", "protocol"),
    ],
)
def test_import_protocol_refuses_bad_documents_and_stores_nothing(sandon, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as exc:
        call_command("import_protocol", "--council", "sandon-burston", str(path))
    assert exc.value.returncode == 1
    assert message.lower() in str(exc.value).lower()
    assert not Clause.objects.filter(council=sandon).exists()


@pytest.mark.django_db
def test_import_protocol_for_an_unknown_council(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("1. One\n1.1 A clause.\n")
    with pytest.raises(CommandError, match="No council has the slug 'nowhere'") as exc:
        call_command("import_protocol", "--council", "nowhere", str(path))
    assert exc.value.returncode == 2


@pytest.mark.django_db
def test_demo_people_hold_every_role(tmp_path):
    from councildesk.demo.loader import load_demo

    load_demo()
    kinds = set(Role.objects.values_list("kind", flat=True))
    assert kinds == {k for k, _ in Role._meta.get_field("kind").choices}
    assert Council.objects.count() == 5
    twin = Person.objects.get(username="twin.cllr")
    assert Role.objects.filter(person=twin).values("council").distinct().count() == 2


def test_bare_command_and_unwritable_export_exit_2(tmp_path):
    bare = run_cli(data_dir=tmp_path)
    assert bare.returncode == 2
    assert "usage: councildesk" in bare.stderr
    assert run_cli("manage", "migrate", "-v0", data_dir=tmp_path).returncode == 0
    assert run_cli("demo", "--load-only", data_dir=tmp_path).returncode == 0
    result = run_cli(
        "audit", "export", "--council", "cottingham", "--output", str(tmp_path / "no" / "x.jsonl"), data_dir=tmp_path
    )
    assert result.returncode == 2
    assert "cannot write the export" in result.stderr
    assert "Traceback" not in result.stderr
